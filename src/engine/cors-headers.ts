/**
 * The headers CORS reads on nearly every exchange, found in one pass over each of its header
 * lists. Pairing, the checks of both credentials modes, the history and the rules each asked
 * for Origin, Access-Control-Allow-Origin… by scanning the lists again: ~780,000 scans of a
 * 100,000-entry log. Normalize reads them once, while the entry is at hand.
 */
import { isHeaderName, joinHeaderValue, parseAllowList } from './headers.ts';
import { NONE } from './none.ts';
import type { Exchange, Header } from './types.ts';

/**
 * Whether a header name is `lower`: compared first as HTTP/2 writes it and as HTTP/1.1 servers
 * and browsers mostly do (`title`), whole strings at once; any other casing character by character.
 */
const named = (name: string, lower: string, title: string): boolean => name === lower || name === title || isHeaderName(name, lower);

/** Values as getHeader reads them (repeated lines joined with ", "), null when absent. */
export interface CorsHeaders {
  readonly requestList: readonly Header[];
  readonly responseList: readonly Header[];
  // Request headers.
  readonly origin: string | null;
  readonly cookie: string | null;
  readonly secFetchStorageAccess: string | null;
  readonly requestMethod: string | null;
  readonly requestHeaders: string | null;
  // Response headers.
  readonly allowOrigin: string | null;
  /** How many Access-Control-Allow-Origin lines (Firefox refuses more than one before anything else). */
  readonly allowOriginLines: number;
  readonly allowCredentials: string | null;
  readonly allowMethods: string | null;
  readonly allowHeaders: string | null;
  readonly setCookie: string | null;
}

/**
 * Reads the CORS headers of two lists in one pass over each. An object literal, not a class: V8
 * allocates a literal that always survives (one per exchange of a log) straight into the old
 * generation, where a class instance is copied by the young generation's collector first.
 */
export function readCorsHeaders(requestList: readonly Header[], responseList: readonly Header[]): CorsHeaders {
  let origin: string | null = null;
  let cookie: string | null = null;
  let secFetchStorageAccess: string | null = null;
  let requestMethod: string | null = null;
  let requestHeaders: string | null = null;
  // Names of other lengths cannot be one of these: most headers cost one comparison.
  for (let i = 0; i < requestList.length; i++) {
    const { name, value } = requestList[i]!;
    switch (name.length) {
      case 6:
        if (named(name, 'origin', 'Origin')) origin = joinHeaderValue(origin, value);
        else if (named(name, 'cookie', 'Cookie')) cookie = joinHeaderValue(cookie, value);
        break;
      case 24:
        if (named(name, 'sec-fetch-storage-access', 'Sec-Fetch-Storage-Access')) secFetchStorageAccess = joinHeaderValue(secFetchStorageAccess, value);
        break;
      case 29:
        if (named(name, 'access-control-request-method', 'Access-Control-Request-Method')) requestMethod = joinHeaderValue(requestMethod, value);
        break;
      case 30:
        if (named(name, 'access-control-request-headers', 'Access-Control-Request-Headers')) requestHeaders = joinHeaderValue(requestHeaders, value);
        break;
    }
  }
  let allowOrigin: string | null = null;
  let allowOriginLines = 0;
  let allowCredentials: string | null = null;
  let allowMethods: string | null = null;
  let allowHeaders: string | null = null;
  let setCookie: string | null = null;
  for (let i = 0; i < responseList.length; i++) {
    const { name, value } = responseList[i]!;
    switch (name.length) {
      case 10:
        if (named(name, 'set-cookie', 'Set-Cookie')) setCookie = joinHeaderValue(setCookie, value);
        break;
      case 27:
        if (named(name, 'access-control-allow-origin', 'Access-Control-Allow-Origin')) {
          allowOrigin = joinHeaderValue(allowOrigin, value);
          allowOriginLines++;
        }
        break;
      case 28:
        if (named(name, 'access-control-allow-methods', 'Access-Control-Allow-Methods')) allowMethods = joinHeaderValue(allowMethods, value);
        else if (named(name, 'access-control-allow-headers', 'Access-Control-Allow-Headers')) allowHeaders = joinHeaderValue(allowHeaders, value);
        break;
      case 32:
        if (named(name, 'access-control-allow-credentials', 'Access-Control-Allow-Credentials')) allowCredentials = joinHeaderValue(allowCredentials, value);
        break;
    }
  }
  return {
    requestList, responseList, origin, cookie, secFetchStorageAccess, requestMethod, requestHeaders,
    allowOrigin, allowOriginLines, allowCredentials, allowMethods, allowHeaders, setCookie,
  };
}

/** Access-Control-Allow-Methods parsed (null: it does not parse). */
export function allowedMethods(headers: CorsHeaders): readonly string[] | null {
  return allowList(headers, headers.allowMethods);
}

/** Access-Control-Allow-Headers parsed (null: it does not parse). */
export function allowedHeaders(headers: CorsHeaders): readonly string[] | null {
  return allowList(headers, headers.allowHeaders);
}

/**
 * A server answers its preflights with the same few Allow-Methods and Allow-Headers values: one
 * parsed (frozen) list per value, looked up when asked, not one per preflight nor a field on each
 * exchange's CorsHeaders. Bounded: a log of all-different values starts over every thousand, and
 * a long value (a hostile one of 1 MB) is parsed for its exchange alone and kept only until
 * another is asked for.
 */
const allowLists = new Map<string, readonly string[] | null>();
const ALLOW_LISTS = 1000;
const SHARED_VALUE_LENGTH = 512;
let lastLong: { headers: CorsHeaders; value: string; list: readonly string[] | null } | null = null;
function allowList(headers: CorsHeaders, value: string | null): readonly string[] | null {
  if (value === null) return NONE;
  if (value.length > SHARED_VALUE_LENGTH) {
    if (lastLong?.headers !== headers || lastLong.value !== value) lastLong = { headers, value, list: parseAllowList(value) };
    return lastLong.list;
  }
  let list = allowLists.get(value);
  if (list === undefined) {
    const parsed = parseAllowList(value);
    list = parsed && Object.freeze(parsed);
    if (allowLists.size >= ALLOW_LISTS) allowLists.clear();
    allowLists.set(value, list);
  }
  return list;
}

/**
 * An exchange's CorsHeaders: the ones normalize read, while they still describe its lists
 * (an exchange copied with other headers gets its own), else read now and kept for the next
 * few calls (exchanges built elsewhere: what-if, teaching, tests).
 */
export function corsHeadersOf(exchange: Exchange): CorsHeaders {
  const read = exchange.corsHeaders;
  if (read !== undefined && read.requestList === exchange.requestHeaders && read.responseList === exchange.responseHeaders) return read;
  for (let i = 0; i < RECENT; i++) {
    const known = recent[i];
    if (known !== undefined && known.requestList === exchange.requestHeaders && known.responseList === exchange.responseHeaders) return known;
  }
  const fresh = readCorsHeaders(exchange.requestHeaders, exchange.responseHeaders);
  recent[recentAt] = fresh;
  recentAt = (recentAt + 1) % RECENT;
  return fresh;
}
const RECENT = 4;
const recent: (CorsHeaders | undefined)[] = new Array<CorsHeaders | undefined>(RECENT).fill(undefined);
let recentAt = 0;
