/**
 * Shapes the rule tables need that har-builder.ts does not make directly: status texts, redirect
 * hops, service-worker answers, and the saved-HAR order (preflight first) that lets `declared`
 * facts reach the actual request.
 */
import { entry, type HeaderInput } from '../../support/har-builder.ts';

type HarEntry = Record<string, unknown>;
interface HarResponse {
  statusText: string;
  _error: string | null;
  _fetchedViaServiceWorker?: boolean;
}

const responseOf = (harEntry: HarEntry): HarResponse => harEntry.response as HarResponse;

/** Sets the reason phrase (the builder writes "OK" for every status). */
export function withStatusText(harEntry: HarEntry, statusText: string): HarEntry {
  responseOf(harEntry).statusText = statusText;
  return harEntry;
}

/** Sets `response._error`, e.g. on a preflight that never connected. */
export function withError(harEntry: HarEntry, error: string): HarEntry {
  responseOf(harEntry).statusText = '';
  responseOf(harEntry)._error = error;
  return harEntry;
}

/** Marks the answer as coming from a service worker (Chrome's `response._fetchedViaServiceWorker`). */
export function viaServiceWorker(harEntry: HarEntry): HarEntry {
  responseOf(harEntry)._fetchedViaServiceWorker = true;
  return harEntry;
}

/**
 * preflightedRequest() logs the actual request, then its OPTIONS. Saved HARs often list the
 * OPTIONS first; that order also makes the actual request the last entry, which is where the
 * rule tester puts `declared` facts (credentials mode) that a HAR cannot show.
 */
export function preflightFirst(pair: HarEntry[]): HarEntry[] {
  if (pair.length !== 2) throw new Error('preflightFirst expects [actual, preflight]');
  return [pair[1]!, pair[0]!];
}

/** One redirect hop of a CORS request: a 3xx whose Location continues the chain. */
export function redirectHop(opts: {
  url: string; to: string; origin?: string | null; status?: number; responseHeaders?: Record<string, string>;
  method?: string; error?: string | null;
}): HarEntry {
  return entry({
    url: opts.url,
    method: opts.method ?? 'GET',
    requestHeaders: opts.origin === null ? {} : { Origin: opts.origin ?? 'http://localhost:3000' },
    status: opts.status ?? 302,
    responseHeaders: { Location: opts.to, ...opts.responseHeaders },
    redirectURL: opts.to,
    error: opts.error ?? null,
  });
}

/** A request the browser sent without an Origin header (no-cors, or provisional headers only). */
export function withoutOrigin(opts: {
  url: string; referer: string; method?: string; status?: number; error?: string | null;
  resourceType?: string; requestHeaders?: Record<string, string>; responseHeaders?: HeaderInput;
}): HarEntry {
  return entry({
    url: opts.url,
    method: opts.method ?? 'GET',
    requestHeaders: { Referer: opts.referer, ...opts.requestHeaders },
    status: opts.status ?? 200,
    responseHeaders: opts.responseHeaders ?? {},
    error: opts.error ?? null,
    resourceType: opts.resourceType ?? 'fetch',
  });
}
