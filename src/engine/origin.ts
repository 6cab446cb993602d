/** Origin helpers in the terms of the URL and Fetch standards. Pure. */

/** The parts of a parsed URL the engine reads. */
export interface UrlParts {
  /** Serialized origin ("null" for opaque ones). */
  origin: string;
  /** Scheme without the colon, lower case. */
  scheme: string;
  /** Host name, IPv6 brackets removed, lower case. */
  hostname: string;
  /** Port as written after normalization ("" for the scheme's default). */
  port: string;
  pathname: string;
  hasCredentials: boolean;
}

/**
 * WHATWG URL parse, remembered: every transaction asks its URLs' origin, scheme, host and path
 * several times, and a log repeats the same URLs thousands of times. Bounded: cleared when
 * full, so memory stays flat in a long live session; a whole-log analysis widens the bound for
 * its duration (withUrlCache), so pairing and diagnosis parse each URL once between them.
 */
export function parseUrl(url: string): UrlParts | null {
  // One transaction asks about the same two or three URLs over and over: check them before the map.
  for (let i = 0; i < recentUrls.length; i++) if (recentUrls[i] === url) return recentParts[i]!;
  let parts = parsedUrls.get(url);
  if (parts === undefined) {
    parts = parseUrlWhatwg(url);
    if (parsedUrls.size >= urlCacheLimit) parsedUrls.clear();
    parsedUrls.set(url, parts);
  }
  recentUrls[recentAt] = url;
  recentParts[recentAt] = parts;
  recentAt = (recentAt + 1) % RECENT;
  return parts;
}
const URL_CACHE_SIZE = 10_000;
let urlCacheLimit = URL_CACHE_SIZE;
const parsedUrls = new Map<string, UrlParts | null>();
const RECENT = 4;
const recentUrls: string[] = new Array<string>(RECENT).fill('');
const recentParts: Array<UrlParts | null> = new Array<UrlParts | null>(RECENT).fill(null);
let recentAt = 0;

/**
 * Runs `analysis` with room for `urls` parsed URLs (a log's worth: ~25 MB for 100,000), then
 * shrinks back: parsing each URL twice, once to pair and once to diagnose, cost more than a
 * tenth of a big analysis.
 */
export function withUrlCache<T>(urls: number, analysis: () => T): T {
  const previous = urlCacheLimit;
  urlCacheLimit = Math.max(previous, urls);
  try {
    return analysis();
  } finally {
    urlCacheLimit = previous;
    if (parsedUrls.size > urlCacheLimit) parsedUrls.clear();
  }
}

/** The URL standard's parser, read into the parts the engine uses. */
function parseUrlWhatwg(url: string): UrlParts | null {
  try {
    const parsed = new URL(url);
    const { protocol, hostname } = parsed;
    // The usual schemes as literals, and a host the parser already lowered (special schemes) as
    // it is: a log parses tens of thousands of URLs, and each copy was a string to collect.
    const scheme = protocol === 'https:' ? 'https' : protocol === 'http:' ? 'http' : protocol.slice(0, -1);
    const special = scheme === 'https' || scheme === 'http' || scheme === 'ws' || scheme === 'wss' || scheme === 'ftp' || scheme === 'file';
    return {
      origin: parsed.origin,
      scheme,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : special ? hostname : hostname.toLowerCase(),
      port: parsed.port,
      pathname: parsed.pathname,
      hasCredentials: parsed.username !== '' || parsed.password !== '',
    };
  } catch {
    return null;
  }
}

/** The parsed URL of an exchange: the one normalize read, else parsed now. */
export function targetOf(exchange: { url: string; target?: UrlParts | null }): UrlParts | null {
  return exchange.target !== undefined ? exchange.target : parseUrl(exchange.url);
}

/** The serialized origin of a URL ("null" for opaque ones), or null if it does not parse. */
export function originOf(url: string): string | null {
  return parseUrl(url)?.origin ?? null;
}

export function schemeOf(url: string): string | null {
  return parseUrl(url)?.scheme ?? null;
}

export function isHttpScheme(url: string): boolean {
  return isHttpUrl(parseUrl(url));
}

export function isHttpUrl(parts: UrlParts | null): boolean {
  return parts?.scheme === 'http' || parts?.scheme === 'https';
}

export function hasUrlCredentials(url: string): boolean {
  return parseUrl(url)?.hasCredentials ?? false;
}

/** Chromium accepts as an origin value anything GURL parses; a WHATWG URL parse is the closest pure equivalent. */
export function parsesAsUrl(value: string): boolean {
  return parseUrl(value) !== null;
}

export type OriginMismatchKind = 'trailing-slash' | 'scheme' | 'port' | 'host' | 'path' | 'case' | 'other';

/** Why an Access-Control-Allow-Origin value that parses is still not the request's origin. */
export function classifyOriginMismatch(allowOrigin: string, requestOrigin: string): OriginMismatchKind {
  if (allowOrigin.replace(/\/+$/, '') === requestOrigin) return 'trailing-slash';
  if (allowOrigin.toLowerCase() === requestOrigin.toLowerCase()) return 'case';
  const allowed = parseUrl(allowOrigin);
  const requested = parseUrl(requestOrigin);
  if (!allowed || !requested) return 'other';
  if (allowed.origin === requested.origin) return 'path';
  const sameHost = allowed.hostname === requested.hostname;
  if (sameHost && allowed.scheme !== requested.scheme) return 'scheme';
  if (sameHost && allowed.port !== requested.port) return 'port';
  return 'host';
}

/** True for hosts Chromium treats as loopback or private (Local Network Access). */
export function addressSpaceOf(url: string): AddressSpace | null {
  return addressSpaceOfUrl(parseUrl(url));
}

export type AddressSpace = 'loopback' | 'local' | 'public';

export function addressSpaceOfUrl(parts: UrlParts | null): AddressSpace | null {
  const host = parts?.hostname;
  if (host === undefined) return null;
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return 'loopback';
  if (/^10\./.test(host) || /^192\.168\./.test(host) || /^172\.(1[6-9]|2\d|3[01])\./.test(host)) return 'local';
  if (/^169\.254\./.test(host) || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe80:/.test(host) || host.endsWith('.local')) return 'local';
  return 'public';
}
