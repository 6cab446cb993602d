/**
 * A HAR of just the entries a set of diagnoses involves (each transaction's preflight, redirect
 * hops and actual request), redacted unless asked otherwise. Re-importing it gives the same
 * diagnoses: Cookie names, Set-Cookie attributes and every CORS header survive redaction.
 *
 * Two sources: the raw entries of a file (the CLI: every field kept, bodies dropped when
 * redacting), or the normalized exchanges (the panel, which keeps no raw entries: the entry is
 * rebuilt in Chromium's shape, with no bodies because none were kept).
 */
import type { Diagnosis, Exchange } from '../types.ts';
import {
  collectEntrySecrets, collectSecrets, redactExchange, redactHarEntry, redactText, scrubDeep, secretScrubber, transactionExchanges,
  type RedactOptions,
} from './redact.ts';

export interface HarDocument {
  log: {
    version: '1.2';
    creator: { name: string; version: string; comment?: string };
    pages?: unknown[];
    entries: unknown[];
    comment?: string;
  };
}

/** Exchanges the diagnoses involve, each once, in time order (then log order). */
export function involvedExchanges(diagnoses: readonly Diagnosis[]): Exchange[] {
  const byIndex = new Map<number, Exchange>();
  for (const d of diagnoses) for (const e of transactionExchanges(d.transaction)) byIndex.set(e.index, e);
  return [...byIndex.values()].sort((a, b) => (a.startedMs - b.startedMs) || (a.index - b.index));
}

const toNameValues = (headers: Exchange['requestHeaders']) => headers.map(({ name, value }) => ({ name, value }));

/** A Chromium-shaped HAR entry from an exchange (what normalize reads back to the same exchange). */
export function exchangeToHarEntry(exchange: Exchange): Json {
  return {
    startedDateTime: exchange.startedDateTime,
    time: 0,
    ...(exchange.resourceType !== null ? { _resourceType: exchange.resourceType } : {}),
    ...(exchange.initiatorType !== null ? { _initiator: { type: exchange.initiatorType } } : {}),
    ...(exchange.fetchedViaServiceWorker ? { _fetchedViaServiceWorker: true } : {}),
    request: {
      method: exchange.method, url: exchange.url, httpVersion: '', headers: toNameValues(exchange.requestHeaders),
      queryString: [], cookies: [], headersSize: -1, bodySize: -1,
    },
    response: {
      status: exchange.status, statusText: exchange.statusText, httpVersion: '', headers: toNameValues(exchange.responseHeaders),
      cookies: [], content: { size: -1, mimeType: '' }, redirectURL: exchange.redirectURL, headersSize: -1, bodySize: -1,
      // Chromium writes _error only on failures; "completed" entries carry it as null.
      ...(exchange.outcome === 'unknown' ? {} : { _error: exchange.error }),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

export interface HarExportOptions extends RedactOptions {
  /** Name and version written as the HAR's creator. */
  creator: { name: string; version: string };
  /** The source file's raw entries, indexed as the exchanges were (Exchange.index), and its pages. */
  raw?: { entries: readonly unknown[]; pages?: readonly unknown[] };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function involvedHar(diagnoses: readonly Diagnosis[], options: HarExportOptions): HarDocument {
  const exchanges = involvedExchanges(diagnoses);
  const redact = options.includeSecrets !== true;
  const entries: unknown[] = [];
  const pages: unknown[] = [];
  if (options.raw) {
    const rawEntries = exchanges.map((e) => options.raw!.entries[e.index]).filter((entry) => entry !== undefined);
    entries.push(...(redact ? rawEntries.map(redactHarEntry) : rawEntries));
    // Pages the entries refer to (normalize reads each entry's page URL from them).
    const refs = new Set(rawEntries.map((entry) => (isObject(entry) ? entry.pageref : undefined)));
    for (const page of options.raw.pages ?? []) if (isObject(page) && refs.has(page.id)) pages.push(redact ? scrubDeep(page, redactText) : page);
  } else {
    const pageIds = new Map<string, string>();
    for (const exchange of exchanges) {
      const entry = exchangeToHarEntry(redact ? redactExchange(exchange) : exchange);
      if (exchange.pageUrl !== null) {
        let id = pageIds.get(exchange.pageUrl);
        if (id === undefined) {
          id = `page_${pageIds.size + 1}`;
          pageIds.set(exchange.pageUrl, id);
          pages.push({ startedDateTime: exchange.startedDateTime, id, title: redact ? redactText(exchange.pageUrl) : exchange.pageUrl, pageTimings: {} });
        }
        entry.pageref = id;
      }
      entries.push(entry);
    }
  }
  const doc: HarDocument = {
    log: {
      version: '1.2',
      creator: {
        ...options.creator,
        comment: redact
          ? 'Secrets redacted by CORS Lens: cookie values, credentials, API keys, tokens in URLs; bodies removed.'
          : 'Exported WITH secrets: cookies, credentials, tokens and bodies as captured.',
      },
      ...(pages.length > 0 ? { pages } : {}),
      entries,
    },
  };
  if (!redact) return doc;
  // The net over the whole document: a secret of one entry quoted anywhere else goes too.
  const secrets = collectSecrets(exchanges);
  for (const e of exchanges) collectEntrySecrets(options.raw?.entries[e.index], secrets);
  return scrubDeep(doc, secretScrubber(secrets));
}
