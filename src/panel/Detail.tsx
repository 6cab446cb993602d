/**
 * The selected request: what happened in plain language, the decisive headers in context, the
 * fix for the user's server stack, a curl reproduction, a retry from the page, and where to read more.
 */
import { useMemo } from 'preact/hooks';
import { explain, explainFinding } from '../engine/explain/index.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ExchangeView } from './ExchangeView.tsx';
import { HeaderValue } from './HeaderValue.tsx';
import { lazySlot } from './lazy-slot.tsx';
import type { PanelPlatform } from './platform.ts';
import { RetryFromPage } from './RetryFromPage.tsx';
import { detailAfterExplanation, detailEnd } from './slots.ts';
import { SnippetTabs } from './SnippetTabs.tsx';
import type { PanelStore, RequestRow } from './store.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

/** Loaded on first use: the curl script brings the exports' redaction (~11 KB) with it. */
const CurlSection = lazySlot(() => import('./CurlSection.tsx').then((m) => m.CurlSection));

const PLACE_LABEL = {
  'preflight-request': 'preflight request', 'preflight-response': 'preflight response', request: 'request',
  response: 'response', redirect: 'redirect', log: 'log',
} as const;

export interface DetailProps {
  store: PanelStore;
  row: RequestRow;
  platform: PanelPlatform;
  imported: boolean;
  headingRef?: { current: HTMLHeadingElement | null };
  onClose(): void;
}

export function Detail({ store, row, platform, imported, headingRef, onClose }: DetailProps) {
  const { diagnosis } = row;
  const explanation = useMemo(() => explain(diagnosis), [diagnosis]);
  const warnings = useMemo(() => diagnosis.warnings.map((w) => ({ ruleId: w.ruleId, text: explainFinding(w.ruleId, w.finding) })), [diagnosis]);
  const fix = diagnosis.finding.fix;
  const tx = diagnosis.transaction;
  const slotProps = { store, row, diagnosis, platform };

  return (
    <section class="detail" data-testid="detail" data-verdict={diagnosis.verdict} data-rule={diagnosis.ruleId}
      aria-label="Request detail">
      <header class="detail-head">
        <VerdictBadge verdict={diagnosis.verdict} />
        <h2 tabIndex={-1} ref={(element) => { if (headingRef) headingRef.current = element; }}>{explanation.title}</h2>
        <button type="button" class="icon-button close" aria-label="Close detail (Esc)" title="Close (Esc)" onClick={onClose}>✕</button>
      </header>
      <p class="detail-url"><code>{row.method} <HeaderValue value={row.url} /></code></p>
      <p class="ids">
        {diagnosis.chromiumError && <span>Chromium: <code>{diagnosis.chromiumError}</code></span>}
        {diagnosis.firefoxReason && <span>Firefox: <code>{diagnosis.firefoxReason}</code></span>}
        <span>Rule: <code>{diagnosis.ruleId}</code></span>
        {row.count > 1 && <span data-testid="occurrences">Seen {row.count} times (the latest is shown)</span>}
      </p>

      <div class="explanation" data-testid="explanation">
        <p class="summary">{explanation.summary}</p>
        {explanation.whatHappened && <p><strong>What happened. </strong>{explanation.whatHappened}</p>}
        {explanation.why && <p><strong>Why the browser blocks it. </strong>{explanation.why}</p>}
        {explanation.fix && <p><strong>How to fix it. </strong>{explanation.fix}</p>}
        {explanation.inferences.map((note, i) => <p key={i} class="note">{note}</p>)}
      </div>

      {warnings.length > 0 && (
        <ul class="warnings" aria-label="Warnings">
          {warnings.map((w) => <li key={w.ruleId} data-rule={w.ruleId}><strong>{w.text.title}: </strong>{w.text.summary}</li>)}
        </ul>
      )}

      {detailAfterExplanation.map((Section, i) => <ErrorBoundary key={i} what="this section" resetKey={diagnosis}><Section {...slotProps} /></ErrorBoundary>)}

      {diagnosis.finding.evidence.length > 0 && (
        <>
          <h3>What the verdict rests on</h3>
          <ul class="evidence" data-testid="evidence">
            {diagnosis.finding.evidence.map((e, i) => (
              <li key={i}>
                <span class="muted">{PLACE_LABEL[e.on]} </span><code>{e.label}</code>: {e.value === null ? <em>(absent)</em> : <code><HeaderValue value={e.value} /></code>}
                <span class="muted"> — {e.note}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <ExchangeView tx={tx} evidence={diagnosis.finding.evidence} />

      {fix && (
        <>
          <h3>Fix it on the server</h3>
          {fix.notes.length > 0 && <ul class="notes">{fix.notes.map((note, i) => <li key={i}>{note}</li>)}</ul>}
          <SnippetTabs fix={fix} platform={platform} />
        </>
      )}

      <h3>Reproduce with curl</h3>
      <ErrorBoundary what="the curl reproduction" resetKey={diagnosis}>
        <CurlSection diagnosis={diagnosis} platform={platform} />
      </ErrorBoundary>

      <RetryFromPage key={row.key} diagnosis={diagnosis} platform={platform} imported={imported} />

      {explanation.links.length > 0 && (
        <>
          <h3>Learn more</h3>
          <ul class="links">
            {explanation.links.map((link) => <li key={link}><a href={link} target="_blank" rel="noreferrer noopener">{link.replace(/^https:\/\//, '')}</a></li>)}
          </ul>
        </>
      )}

      {detailEnd.map((Section, i) => <ErrorBoundary key={i} what="this section" resetKey={diagnosis}><Section {...slotProps} /></ErrorBoundary>)}
    </section>
  );
}
