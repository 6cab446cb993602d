/**
 * Groups exchanges into CORS transactions: follows redirect chains and pairs each actual
 * request with its preflight (an OPTIONS to the same URL whose Access-Control-Request-Method
 * is the request's method, the nearest one before it). Linear in the number of entries.
 */
import { getHeader } from './headers.ts';
import { corsUnsafeRequestHeaderNames, isSafelistedMethod } from './fetch-spec.ts';
import { originOf } from './origin.ts';
import type { CorsTransaction, Exchange } from './types.ts';

export function isPreflight(exchange: Exchange): boolean {
  if (exchange.method !== 'OPTIONS') return false;
  return exchange.resourceType === 'preflight' || exchange.initiatorType === 'preflight'
    || getHeader(exchange.requestHeaders, 'access-control-request-method') !== null;
}

/** Chrome's HAR has no Origin on an actual request that a failed preflight stopped; Referer or the page tell. */
function pageOriginOf(exchange: Exchange): string | null {
  if (exchange.declared?.pageOrigin) return exchange.declared.pageOrigin;
  if (exchange.pageUrl) {
    const origin = originOf(exchange.pageUrl);
    if (origin && origin !== 'null') return origin;
  }
  const referer = getHeader(exchange.requestHeaders, 'referer');
  return referer ? originOf(referer) : null;
}

const timeOf = (e: Exchange) => (Number.isFinite(e.startedMs) ? e.startedMs : 0);
const byTime = (a: Exchange, b: Exchange) => (timeOf(a) - timeOf(b)) || (a.index - b.index);

/**
 * Chromium logs the actual request first and its preflight a moment later, or the other way
 * round in saved HARs; take the unused candidate nearest in time, at most this long after it.
 */
const PREFLIGHT_AFTER_REQUEST_MS = 2000;

function takePreflight(
  candidates: Exchange[] | undefined, request: Exchange, used: Set<Exchange>, cursors: Map<Exchange[], number>,
): Exchange | null {
  if (!candidates) return null;
  let start = cursors.get(candidates) ?? 0;
  while (start < candidates.length && used.has(candidates[start]!)) start++;
  cursors.set(candidates, start);
  let best: Exchange | null = null;
  for (let i = start; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    const delta = timeOf(candidate) - timeOf(request);
    if (delta > PREFLIGHT_AFTER_REQUEST_MS) break;
    if (used.has(candidate)) continue;
    if (!best || Math.abs(delta) <= Math.abs(timeOf(best) - timeOf(request))) best = candidate;
  }
  if (best) used.add(best);
  return best;
}

export function pairTransactions(exchanges: readonly Exchange[]): CorsTransaction[] {
  const ordered = [...exchanges].sort(byTime);
  // URL → requested method → preflights in time order (nested maps: no key string per entry).
  const preflights = new Map<string, Map<string, Exchange[]>>();
  const others: Exchange[] = [];
  for (const exchange of ordered) {
    if (isPreflight(exchange)) {
      const method = getHeader(exchange.requestHeaders, 'access-control-request-method') ?? '';
      let byMethod = preflights.get(exchange.url);
      if (!byMethod) preflights.set(exchange.url, (byMethod = new Map()));
      const list = byMethod.get(method);
      if (list) list.push(exchange);
      else byMethod.set(method, [exchange]);
    } else {
      others.push(exchange);
    }
  }

  // Redirect chains: a hop whose redirectURL is the URL of a later entry continues into it.
  const continuesInto = new Map<Exchange, Exchange>();
  const pendingByUrl = new Map<string, Exchange[]>();
  const isContinuation = new Set<Exchange>();
  for (const exchange of others) {
    const waiting = pendingByUrl.get(exchange.url);
    const previous = waiting?.shift();
    if (previous) {
      continuesInto.set(previous, exchange);
      isContinuation.add(exchange);
    }
    if (exchange.redirectURL) {
      const list = pendingByUrl.get(exchange.redirectURL) ?? [];
      list.push(exchange);
      pendingByUrl.set(exchange.redirectURL, list);
    }
  }

  const usedPreflights = new Set<Exchange>();
  const cursors = new Map<Exchange[], number>();
  const transactions: CorsTransaction[] = [];
  for (const first of others) {
    if (isContinuation.has(first)) continue;
    const hops = [first];
    for (let next = continuesInto.get(first); next && hops.length < 100; next = continuesInto.get(next)) hops.push(next);
    const actualRequest = hops[hops.length - 1]!;

    const preflight = takePreflight(preflights.get(first.url)?.get(first.method), first, usedPreflights, cursors);

    const requestOrigin = getHeader(first.requestHeaders, 'origin')
      ?? (preflight ? getHeader(preflight.requestHeaders, 'origin') : null);
    const targetOrigin = originOf(first.url);
    const pageOrigin = pageOriginOf(first);
    const fromOrigin = requestOrigin ?? pageOrigin;
    // Fetch answers data: URLs itself, with no CORS check (Firefox's HAR lists them, e.g. a data: favicon).
    const crossOrigin = !/^data:/i.test(first.url) && fromOrigin !== null && targetOrigin !== null && fromOrigin !== targetOrigin;
    const needsPreflight = !isSafelistedMethod(first.method) || corsUnsafeRequestHeaderNames(first.requestHeaders).length > 0;
    transactions.push({
      actualRequest,
      redirectHops: hops.slice(0, -1),
      preflight,
      preflightState: preflight ? 'sent' : needsPreflight && crossOrigin && requestOrigin !== null ? 'not-in-log' : 'not-needed',
      requestOrigin,
      crossOrigin,
    });
  }

  // A preflight whose actual request never made it into the log still tells a story.
  for (const list of [...preflights.values()].flatMap((byMethod) => [...byMethod.values()])) {
    for (const preflight of list) {
      if (usedPreflights.has(preflight)) continue;
      const method = getHeader(preflight.requestHeaders, 'access-control-request-method') ?? 'GET';
      const requestOrigin = getHeader(preflight.requestHeaders, 'origin');
      const actualRequest: Exchange = {
        ...preflight, method, status: 0, statusText: '', responseHeaders: [], redirectURL: '',
        requestHeaders: [], resourceType: null, initiatorType: null, outcome: 'failed', error: preflight.error,
      };
      transactions.push({
        actualRequest, redirectHops: [], preflight, preflightState: 'sent', requestOrigin,
        crossOrigin: requestOrigin !== originOf(preflight.url),
      });
    }
  }
  return transactions.sort((a, b) => byTime(a.redirectHops[0] ?? a.actualRequest, b.redirectHops[0] ?? b.actualRequest));
}
