/**
 * The headers CORS reads on nearly every exchange, found in one pass over each of its header
 * lists. Pairing, the checks of both credentials modes, the history and the rules each asked
 * for Origin, Access-Control-Allow-Origin… by scanning the lists again: ~780,000 scans of a
 * 100,000-entry log. Normalize reads them once, while the entry is at hand.
 */
import { isHeaderName, joinHeaderValue, parseAllowList } from './headers.ts';
import type { Exchange, Header } from './types.ts';

/**
 * Whether a header name is `lower`: compared first as HTTP/2 writes it and as HTTP/1.1 servers
 * and browsers mostly do (`title`), whole strings at once; any other casing character by character.
 */
const named = (name: string, lower: string, title: string): boolean => name === lower || name === title || isHeaderName(name, lower);

/** Values as getHeader reads them (repeated lines joined with ", "), null when absent. */
export class CorsHeaders {
  // Request headers.
  origin: string | null = null;
  cookie: string | null = null;
  secFetchStorageAccess: string | null = null;
  requestMethod: string | null = null;
  requestHeaders: string | null = null;
  // Response headers.
  allowOrigin: string | null = null;
  /** How many Access-Control-Allow-Origin lines (Firefox refuses more than one before anything else). */
  allowOriginLines = 0;
  allowCredentials: string | null = null;
  allowMethods: string | null = null;
  allowHeaders: string | null = null;
  setCookie: string | null = null;
  private methodList: string[] | null | undefined = undefined;
  private headerList: string[] | null | undefined = undefined;

  constructor(readonly requestList: readonly Header[], readonly responseList: readonly Header[]) {
    // Names of other lengths cannot be one of these: most headers cost one comparison.
    for (let i = 0; i < requestList.length; i++) {
      const { name, value } = requestList[i]!;
      switch (name.length) {
        case 6:
          if (named(name, 'origin', 'Origin')) this.origin = joinHeaderValue(this.origin, value);
          else if (named(name, 'cookie', 'Cookie')) this.cookie = joinHeaderValue(this.cookie, value);
          break;
        case 24:
          if (named(name, 'sec-fetch-storage-access', 'Sec-Fetch-Storage-Access')) this.secFetchStorageAccess = joinHeaderValue(this.secFetchStorageAccess, value);
          break;
        case 29:
          if (named(name, 'access-control-request-method', 'Access-Control-Request-Method')) this.requestMethod = joinHeaderValue(this.requestMethod, value);
          break;
        case 30:
          if (named(name, 'access-control-request-headers', 'Access-Control-Request-Headers')) this.requestHeaders = joinHeaderValue(this.requestHeaders, value);
          break;
      }
    }
    for (let i = 0; i < responseList.length; i++) {
      const { name, value } = responseList[i]!;
      switch (name.length) {
        case 10:
          if (named(name, 'set-cookie', 'Set-Cookie')) this.setCookie = joinHeaderValue(this.setCookie, value);
          break;
        case 27:
          if (named(name, 'access-control-allow-origin', 'Access-Control-Allow-Origin')) {
            this.allowOrigin = joinHeaderValue(this.allowOrigin, value);
            this.allowOriginLines++;
          }
          break;
        case 28:
          if (named(name, 'access-control-allow-methods', 'Access-Control-Allow-Methods')) this.allowMethods = joinHeaderValue(this.allowMethods, value);
          else if (named(name, 'access-control-allow-headers', 'Access-Control-Allow-Headers')) this.allowHeaders = joinHeaderValue(this.allowHeaders, value);
          break;
        case 32:
          if (named(name, 'access-control-allow-credentials', 'Access-Control-Allow-Credentials')) this.allowCredentials = joinHeaderValue(this.allowCredentials, value);
          break;
      }
    }
  }

  /** Access-Control-Allow-Methods parsed (null: it does not parse), when first asked. */
  get methods(): string[] | null {
    return this.methodList === undefined ? (this.methodList = parseAllowList(this.allowMethods)) : this.methodList;
  }

  /** Access-Control-Allow-Headers parsed (null: it does not parse), when first asked. */
  get headers(): string[] | null {
    return this.headerList === undefined ? (this.headerList = parseAllowList(this.allowHeaders)) : this.headerList;
  }
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
  const fresh = new CorsHeaders(exchange.requestHeaders, exchange.responseHeaders);
  recent[recentAt] = fresh;
  recentAt = (recentAt + 1) % RECENT;
  return fresh;
}
const RECENT = 4;
const recent: (CorsHeaders | undefined)[] = new Array<CorsHeaders | undefined>(RECENT).fill(undefined);
let recentAt = 0;
