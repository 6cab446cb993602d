/**
 * Groups exchanges into CORS transactions: follows redirect chains and pairs each actual
 * request with its preflight (an OPTIONS to the same URL whose Access-Control-Request-Method
 * is the request's method, the nearest unused one). Near-linear in the number of entries, hostile
 * logs included (bench/pair-hostile.bench.ts).
 */
import { corsHeadersOf } from './cors-headers.ts';
import { getHeader } from './headers.ts';
import { corsUnsafeRequestHeaderNames, isSafelistedMethod } from './fetch-spec.ts';
import { NONE } from './none.ts';
import { originOf, targetOf } from './origin.ts';
import type { CorsTransaction, Exchange } from './types.ts';

export function isPreflight(exchange: Exchange): boolean {
  if (exchange.method !== 'OPTIONS') return false;
  return exchange.resourceType === 'preflight' || exchange.initiatorType === 'preflight'
    || corsHeadersOf(exchange).requestMethod !== null;
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
/** Start time first (an exchange the log gives no time counts as 0), then position in the log. */
export const byTime = (a: Exchange, b: Exchange) => (timeOf(a) - timeOf(b)) || (a.index - b.index);

/** A log's exchanges in the order the browser sent them (see byTime): a copy, sorted. */
export function inTimeOrder(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.slice().sort(byTime);
}

/**
 * Chromium logs the actual request first and its preflight a moment later, or the other way
 * round in saved HARs; take the unused candidate nearest in time, at most this long after it.
 */
const PREFLIGHT_AFTER_REQUEST_MS = 2000;

/**
 * Preflights to one URL for one method: positions in time order, the first that may be unused,
 * and the same URL's preflights for another method (a chain, nearly always of one: no map per URL).
 */
interface Candidates {
  method: string;
  positions: number[];
  cursor: number;
  next: Candidates | null;
  /** On a URL's first node once its chain is long (a hostile log's many methods): every node by method. */
  byMethod: Map<string, Candidates> | null;
  /** Built once many candidates are left to search (a hostile log's unused preflights): see nearestBySearch. */
  skips: Skips | null;
}

/** Beyond this many methods to one URL, a map: a chain would make a hostile log quadratic. */
const CHAIN_LIMIT = 8;

/** The candidates for `method` among a URL's preflights, or null. */
function ofMethod(chain: Candidates | undefined, method: string): Candidates | null {
  if (!chain) return null;
  if (chain.byMethod) return chain.byMethod.get(method) ?? null;
  for (let candidates: Candidates | null = chain; candidates; candidates = candidates.next) if (candidates.method === method) return candidates;
  return null;
}

/** A URL's chain with a node for a method it did not have, first. */
function withMethod(chain: Candidates | undefined, method: string, at: number): Candidates {
  const node: Candidates = { method, positions: [at], cursor: 0, next: chain ?? null, byMethod: chain?.byMethod ?? null, skips: null };
  let length = 0;
  for (let candidates: Candidates | null = node; candidates && length <= CHAIN_LIMIT; candidates = candidates.next) length++;
  if (length > CHAIN_LIMIT && !node.byMethod) {
    node.byMethod = new Map();
    for (let candidates: Candidates | null = node; candidates; candidates = candidates.next) node.byMethod.set(candidates.method, candidates);
  }
  node.byMethod?.set(method, node);
  return node;
}

/** Past this many candidates left, search instead of scanning: thousands of unused preflights to one URL would make scans quadratic. */
const SCAN_LIMIT = 16;

/** The position of the preflight a request at `requestTime` takes (marked used), or -1. */
function takePreflight(candidates: Candidates | null, requestTime: number, times: Float64Array, used: Uint8Array): number {
  if (!candidates) return -1;
  const { positions } = candidates;
  while (candidates.cursor < positions.length && used[positions[candidates.cursor]!]) candidates.cursor++;
  const best = positions.length - candidates.cursor > SCAN_LIMIT
    ? nearestBySearch(candidates, requestTime, times, used)
    : nearestByScan(candidates, requestTime, times, used);
  if (best < 0) return -1;
  used[positions[best]!] = 1;
  candidates.skips?.take(best);
  return positions[best]!;
}

/**
 * Of the candidates not used, at most PREFLIGHT_AFTER_REQUEST_MS after the request, the nearest
 * in time; on equal distance the later in the log. An index into `positions`, or -1.
 */
function nearestByScan(candidates: Candidates, requestTime: number, times: Float64Array, used: Uint8Array): number {
  const { positions } = candidates;
  let best = -1;
  for (let i = candidates.cursor; i < positions.length; i++) {
    const at = positions[i]!;
    const delta = times[at]! - requestTime;
    if (delta > PREFLIGHT_AFTER_REQUEST_MS) break;
    if (used[at]) continue;
    if (best < 0 || Math.abs(delta) <= Math.abs(times[positions[best]!]! - requestTime)) best = i;
  }
  return best;
}

/**
 * nearestByScan's answer in logarithmic time (amortized): the candidates are in time order, so
 * the nearest unused one is the last unused before the request's time or the first unused at or
 * after it; skip pointers jump runs of used ones.
 */
function nearestBySearch(candidates: Candidates, requestTime: number, times: Float64Array, used: Uint8Array): number {
  const { positions, cursor } = candidates;
  const skips = (candidates.skips ??= new Skips(positions, used));
  const deltaAt = (i: number) => times[positions[i]!]! - requestTime;
  // [cursor, end): not after the 2 s bound; [cursor, split): before the request.
  const end = firstIndex(cursor, positions.length, (i) => deltaAt(i) > PREFLIGHT_AFTER_REQUEST_MS);
  const split = firstIndex(cursor, end, (i) => deltaAt(i) >= 0);
  const before = skips.unusedAtOrBefore(split - 1);
  let after = skips.unusedAtOrAfter(split);
  if (after < 0 || after >= end) after = -1;
  else {
    // Of unused candidates logged at the same time, the scan keeps the last.
    const sameTime = times[positions[after]!]!;
    after = skips.unusedAtOrBefore(firstIndex(after, end, (i) => times[positions[i]!]! > sameTime) - 1);
  }
  if (before < 0) return after;
  if (after < 0) return before;
  return deltaAt(after) <= -deltaAt(before) ? after : before;
}

/** The first i in [lo, hi) for which `isPast(i)` holds (it holds for every i after), or hi. */
function firstIndex(lo: number, hi: number, isPast: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isPast(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Union-find over a candidate list: from any index, the nearest unused one on either side (path halving). */
class Skips {
  /** next[i]: an index ≥ i, i itself when unused (positions.length: none). */
  private readonly next: Int32Array;
  /** previous[i + 1]: one more than an index ≤ i, i + 1 itself when i is unused (0: none). */
  private readonly previous: Int32Array;

  constructor(positions: readonly number[], used: Uint8Array) {
    const count = positions.length;
    this.next = new Int32Array(count + 1);
    this.previous = new Int32Array(count + 1);
    this.next[count] = count;
    for (let i = 0; i < count; i++) {
      this.next[i] = used[positions[i]!] ? i + 1 : i;
      this.previous[i + 1] = used[positions[i]!] ? i : i + 1;
    }
  }

  take(i: number): void {
    this.next[i] = i + 1;
    this.previous[i + 1] = i;
  }

  unusedAtOrAfter(i: number): number {
    const { next } = this;
    while (next[i] !== i) {
      next[i] = next[next[i]!]!;
      i = next[i]!;
    }
    return i === next.length - 1 ? -1 : i;
  }

  unusedAtOrBefore(i: number): number {
    const { previous } = this;
    let slot = i + 1;
    while (previous[slot] !== slot) {
      previous[slot] = previous[previous[slot]!]!;
      slot = previous[slot]!;
    }
    return slot - 1;
  }
}

/**
 * Linear, and lean on purpose (it runs over every entry of a log): exchanges are named by their
 * position in time order, so "used" and "continues into" are typed arrays rather than sets and
 * maps keyed by object. Indexed loops, not for…of: this function runs once per log, and its
 * loops, entered before the optimizer compiles them, allocated an iterator result per element.
 */
export function pairTransactions(exchanges: readonly Exchange[]): CorsTransaction[] {
  return pairInTimeOrder(inTimeOrder(exchanges));
}

/**
 * A transaction as pairing finds it. Whether a preflight that is not in the log was needed is
 * decided when first read: for a simple-method request that means classifying every header it
 * sent, a sixth of pairing a big log, and only explanations, views and exports ask.
 */
class PairedTransaction implements CorsTransaction {
  private state: CorsTransaction['preflightState'] | null = null;

  constructor(
    readonly actualRequest: Exchange,
    readonly redirectHops: readonly Exchange[],
    readonly preflight: Exchange | null,
    readonly requestOrigin: string | null,
    readonly crossOrigin: boolean,
  ) {}

  get preflightState(): CorsTransaction['preflightState'] {
    return (this.state ??= preflightStateOf(this));
  }
}

function preflightStateOf(tx: CorsTransaction): CorsTransaction['preflightState'] {
  if (tx.preflight) return 'sent';
  const first = tx.redirectHops[0] ?? tx.actualRequest;
  const needed = tx.crossOrigin && tx.requestOrigin !== null
    && (!isSafelistedMethod(first.method) || corsUnsafeRequestHeaderNames(first.requestHeaders).length > 0);
  return needed ? 'not-in-log' : 'not-needed';
}

/** pairTransactions of exchanges already in time order (inTimeOrder): a whole-log analysis sorts once for pairing and history. */
export function pairInTimeOrder(ordered: readonly Exchange[]): CorsTransaction[] {
  // URL → preflights by requested method, in time order (no key string per entry).
  const preflights = new Map<string, Candidates>();
  const others: number[] = [];
  const isPreflightAt = new Uint8Array(ordered.length);
  // Start times read once: matching reads them again and again, and from an exchange each is a hop to a boxed number.
  const times = new Float64Array(ordered.length);
  for (let at = 0; at < ordered.length; at++) {
    const exchange = ordered[at]!;
    times[at] = timeOf(exchange);
    if (isPreflight(exchange)) {
      isPreflightAt[at] = 1;
      const method = corsHeadersOf(exchange).requestMethod ?? '';
      const chain = preflights.get(exchange.url);
      const candidates = ofMethod(chain, method);
      if (candidates) candidates.positions.push(at);
      else preflights.set(exchange.url, withMethod(chain, method, at));
    } else {
      others.push(at);
    }
  }

  // Redirect chains: a hop whose redirectURL is the URL of a later entry continues into it.
  const continuesInto = new Int32Array(ordered.length).fill(-1);
  const isContinuation = new Uint8Array(ordered.length);
  const pendingByUrl = new Map<string, number[]>();
  for (let i = 0; i < others.length; i++) {
    const at = others[i]!;
    const exchange = ordered[at]!;
    // Most logs have few redirects: no lookup while none is pending.
    const waiting = pendingByUrl.size > 0 ? pendingByUrl.get(exchange.url) : undefined;
    if (waiting) {
      const previous = waiting.shift()!;
      if (waiting.length === 0) pendingByUrl.delete(exchange.url);
      continuesInto[previous] = at;
      isContinuation[at] = 1;
    }
    if (exchange.redirectURL) {
      const list = pendingByUrl.get(exchange.redirectURL);
      if (list) list.push(at);
      else pendingByUrl.set(exchange.redirectURL, [at]);
    }
  }

  const used = new Uint8Array(ordered.length);
  const transactions: CorsTransaction[] = [];
  for (let i = 0; i < others.length; i++) {
    const at = others[i]!;
    if (isContinuation[at]) continue;
    const first = ordered[at]!;
    let actualRequest = first;
    // Most transactions have no redirect: they share the frozen empty list.
    let redirectHops: readonly Exchange[] = NONE;
    if (continuesInto[at]! >= 0) {
      const hops: Exchange[] = [];
      for (let next = continuesInto[at]!; next >= 0 && hops.length < 99; next = continuesInto[next]!) {
        hops.push(actualRequest);
        actualRequest = ordered[next]!;
      }
      redirectHops = hops;
    }

    const preflightAt = takePreflight(ofMethod(preflights.get(first.url), first.method), times[at]!, times, used);
    const preflight = preflightAt >= 0 ? ordered[preflightAt]! : null;

    const requestOrigin = corsHeadersOf(first).origin ?? (preflight ? corsHeadersOf(preflight).origin : null);
    const target = targetOf(first);
    const fromOrigin = requestOrigin ?? pageOriginOf(first);
    // Fetch answers data: URLs itself, with no CORS check (Firefox's HAR lists them, e.g. a data: favicon).
    const crossOrigin = target !== null && target.scheme !== 'data' && fromOrigin !== null && fromOrigin !== target.origin;
    transactions.push(new PairedTransaction(actualRequest, redirectHops, preflight, requestOrigin, crossOrigin));
  }

  // A preflight whose actual request never made it into the log still tells a story.
  // By position, not through the maps' iterators: a pass over typed arrays allocates nothing.
  let orphans = 0;
  for (let at = 0; at < ordered.length; at++) {
    if (!isPreflightAt[at] || used[at]) continue;
    const preflight = ordered[at]!;
    const { requestMethod, origin: requestOrigin } = corsHeadersOf(preflight);
    const method = requestMethod ?? 'GET';
    const actualRequest: Exchange = {
      ...preflight, method, status: 0, statusText: '', responseHeaders: [], redirectURL: '',
      requestHeaders: [], resourceType: null, initiatorType: null, outcome: 'failed', error: preflight.error,
    };
    transactions.push({
      actualRequest, redirectHops: NONE, preflight, preflightState: 'sent', requestOrigin,
      crossOrigin: requestOrigin !== (targetOf(preflight)?.origin ?? null),
    });
    orphans++;
  }
  // Transactions came out in the order of their first hop; only orphans need placing.
  if (orphans === 0) return transactions;
  return transactions.sort((a, b) => byTime(a.redirectHops[0] ?? a.actualRequest, b.redirectHops[0] ?? b.actualRequest));
}
