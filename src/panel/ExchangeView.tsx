/**
 * The preflight and the actual request side by side, each with its request and response headers.
 * Headers the diagnosis rests on are highlighted, and a decisive header that is absent is shown
 * as a highlighted "(absent)" line where it should have been.
 */
import type { CorsTransaction, Evidence, Exchange, Header } from '../engine/types.ts';
import { HeaderValue } from './HeaderValue.tsx';

type Side = 'preflight' | 'request';
type Part = 'request' | 'response';

/** Evidence.on → which column and which header list it is about. */
const PLACE: Record<Evidence['on'], { side: Side; part: Part } | null> = {
  'preflight-request': { side: 'preflight', part: 'request' },
  'preflight-response': { side: 'preflight', part: 'response' },
  request: { side: 'request', part: 'request' },
  response: { side: 'request', part: 'response' },
  redirect: { side: 'request', part: 'response' },
  log: null,
};

/** A header-shaped label: lower-case token (evidence also uses labels like "status" or "url"). */
const NON_HEADER_LABELS = new Set(['status', 'error', 'url', 'method', 'mode', 'credentials', 'redirect']);
const isHeaderEvidence = (e: Evidence) => PLACE[e.on] !== null && !NON_HEADER_LABELS.has(e.label) && /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(e.label);

function HeaderList({ headers, decisive, title }: { headers: readonly Header[]; decisive: readonly Evidence[]; title: string }) {
  const names = new Set(decisive.map((e) => e.label));
  const absent = decisive.filter((e) => e.value === null && !headers.some((h) => h.name.toLowerCase() === e.label));
  return (
    <div class="header-list">
      <h4>{title}</h4>
      {headers.length === 0 && absent.length === 0 && <p class="muted">(none recorded)</p>}
      <dl>
        {headers.map((header, i) => {
          const hit = names.has(header.name.toLowerCase());
          return (
            <div key={i} class={hit ? 'header decisive' : 'header'} data-decisive={hit ? 'true' : undefined}>
              <dt>{header.name}</dt>
              <dd><HeaderValue value={header.value} /></dd>
            </div>
          );
        })}
        {absent.map((e) => (
          <div key={`absent-${e.label}`} class="header decisive missing" data-decisive="true" data-missing="true">
            <dt>{e.label}</dt>
            <dd><em>(absent)</em> — {e.note}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ExchangeColumn({ side, exchange, evidence, heading, note }: {
  side: Side; exchange: Exchange | null; evidence: readonly Evidence[]; heading: string; note?: string;
}) {
  const forPart = (part: Part) => evidence.filter((e) => {
    const place = PLACE[e.on];
    return place?.side === side && place.part === part && isHeaderEvidence(e);
  });
  return (
    <section class="exchange" data-testid={`exchange-${side}`} aria-label={heading}>
      <h3>{heading}</h3>
      {note && <p class="note" data-testid={side === 'preflight' ? 'preflight-note' : undefined}>{note}</p>}
      {exchange && (
        <>
          <p class="request-line"><code>{exchange.method} <HeaderValue value={exchange.url} /></code></p>
          <p class="status-line">
            {exchange.status === 0 ? <span class="failed">No response{exchange.error ? ` (${exchange.error})` : ''}</span>
              : <span>HTTP {exchange.status} {exchange.statusText}</span>}
          </p>
          <HeaderList title="Request headers" headers={exchange.requestHeaders} decisive={forPart('request')} />
          <HeaderList title="Response headers" headers={exchange.responseHeaders} decisive={forPart('response')} />
        </>
      )}
    </section>
  );
}

export function ExchangeView({ tx, evidence }: { tx: CorsTransaction; evidence: readonly Evidence[] }) {
  const preflightNote = tx.preflightState === 'not-in-log'
    ? 'No preflight in the log: the browser most likely answered it from its preflight cache (Access-Control-Max-Age), or it was sent before recording began. The cached answer was checked, not a new one.'
    : tx.preflightState === 'not-needed' ? 'None needed: a simple request (safelisted method and headers) goes without a preflight.' : undefined;
  return (
    <div class="exchanges">
      <ExchangeColumn side="preflight" exchange={tx.preflight} evidence={evidence} heading="Preflight (OPTIONS)" note={preflightNote} />
      <ExchangeColumn side="request" exchange={tx.actualRequest} evidence={evidence}
        heading={tx.redirectHops.length > 0 ? `Actual request (after ${tx.redirectHops.length} redirect${tx.redirectHops.length > 1 ? 's' : ''})` : 'Actual request'} />
    </div>
  );
}
