/** Origin helpers in the terms of the URL and Fetch standards. Pure. */

/**
 * The parts of a parsed URL the engine reads on every exchange: those of its origin, so every
 * plain URL of one origin shares one (read-only) object. The path is read when a fix needs it
 * (pathnameOf): a part of its own on each of a big log's URLs was a tenth of what analysing the
 * log kept, and each kept megabyte costs the analysis a few milliseconds.
 */
export interface UrlParts {
  /** Serialized origin ("null" for opaque ones). */
  readonly origin: string;
  /** Scheme without the colon, lower case. */
  readonly scheme: string;
  /** Host name, IPv6 brackets removed, lower case. */
  readonly hostname: string;
  /** Port as written after normalization ("" for the scheme's default). */
  readonly port: string;
  readonly hasCredentials: boolean;
}

/**
 * WHATWG URL parse. A plain http(s) URL (nearly every URL a log holds) is read by a scanner
 * whose parts the standard's parser gives too (test/unit/origin.test.ts compares them on
 * generated URLs): a log's URLs are mostly distinct, and the parser, a map entry per URL and
 * hashing it cost a 100,000-entry log about a third of normalizing it. Anything else is parsed
 * by the standard's parser and remembered: a log repeats the same Origin and Referer values
 * thousands of times. Bounded: cleared when full, so memory stays flat in a long live session;
 * a whole-log analysis widens the bound for its duration (withUrlCache).
 */
export function parseUrl(url: string): UrlParts | null {
  // One transaction asks about the same two or three URLs over and over: check them before the map.
  for (let i = 0; i < recentUrls.length; i++) if (recentUrls[i] === url) return recentParts[i]!;
  let parts = parsePlainHttpUrl(url) ?? parsedUrls.get(url);
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
 * Runs `analysis` with room for `urls` parsed URLs (a log's worth: ~25 MB for 100,000 when none
 * is a plain URL, which the map never holds), then shrinks back: parsing each URL twice, once to
 * pair and once to diagnose, cost more than a tenth of a big analysis.
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

/**
 * A lower-case http(s) scheme, a host of lower-case ASCII labels, a port without leading zeros,
 * then a path, a query, a fragment or nothing: the URLs whose (origin's) parts need no parser.
 * Everything else (upper case, IPv6, user info, percent signs in the host, punycode, white space,
 * non-ASCII…) is left to the standard's parser. Read a character at a time, not by a regular
 * expression: its match (an array, a string per group) took 320 ns a URL here, this 230.
 */
export function parsePlainHttpUrl(url: string): UrlParts | undefined {
  return plainOrigin(url);
}

/** parsePlainHttpUrl's parts, with the prefix they are shared for (the URL up to the end of its port). */
function plainOrigin(url: string): OriginParts | undefined {
  if (url.charCodeAt(0) !== 104 || url.charCodeAt(1) !== 116 || url.charCodeAt(2) !== 116 || url.charCodeAt(3) !== 112) return undefined;
  const https = url.charCodeAt(4) === 115;
  let at = https ? 5 : 4;
  if (url.charCodeAt(at) !== 58 || url.charCodeAt(at + 1) !== 47 || url.charCodeAt(at + 2) !== 47) return undefined;
  // Host: labels of [a-z0-9-], each starting with a letter or digit, joined by dots.
  const hostStart = (at += 3);
  let labelStart = true;
  for (; at < url.length; at++) {
    const code = url.charCodeAt(at);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) labelStart = false;
    else if (code === 45 && !labelStart) continue;
    else if (code === 46 && !labelStart) labelStart = true;
    else break;
  }
  if (labelStart) return undefined;
  const hostEnd = at;
  // Port: 1 to 5 digits, the first not a zero.
  let portStart = -1;
  let defaultPort = false;
  if (url.charCodeAt(at) === 58) {
    portStart = ++at;
    let number = 0;
    while (at < url.length && at - portStart < 6) {
      const code = url.charCodeAt(at);
      if (code < 48 || code > 57) break;
      number = number * 10 + code - 48;
      at++;
    }
    const digits = at - portStart;
    if (digits === 0 || digits > 5 || url.charCodeAt(portStart) === 48 || number > 65535) return undefined;
    if (number === (https ? 443 : 80)) defaultPort = true;
  }
  // The authority ends at a path, a query, a fragment or the end: what follows cannot change the
  // origin (nor make the parser fail), so it is not read.
  const next = url.charCodeAt(at);
  if (at < url.length && next !== 47 && next !== 63 && next !== 35) return undefined;
  return originParts(url, at, hostStart, hostEnd, portStart, defaultPort, https) ?? undefined;
}

/** The parts of a plain URL, shared by every URL written with the same scheme, host and port. */
interface OriginParts extends UrlParts {
  /** The URL up to the end of its port, as written: what the parts are shared for. */
  readonly prefix: string;
}

/**
 * The URL's path as the standard's parser gives it ("/" for none), or null when it does not
 * parse. Read when a fix names the route that failed, not kept for every exchange.
 */
export function pathnameOf(url: string): string | null {
  const plain = plainOrigin(url);
  if (plain === undefined) return standardPathname(url);
  // Characters no parser rewrites, and no "/." (it may start a dot segment, which the parser
  // removes), up to a query, a fragment or the end; anything else is the parser's to read.
  const start = plain.prefix.length;
  let end = start;
  for (; end < url.length; end++) {
    const code = url.charCodeAt(end);
    if (code === 63 || code === 35) break;
    if (code >= 128 || PATH_CHARACTER[code] === 0 || (code === 46 && url.charCodeAt(end - 1) === 47)) return standardPathname(url);
  }
  return end > start ? url.slice(start, end) : '/';
}

function standardPathname(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/**
 * A log's URLs name a few origins many times: their parts are made once and shared, not cut from
 * every URL (an object and a path string, ~100 bytes a URL that a 100,000-entry log kept, and its
 * origin's strings before that). The last few are compared, not hashed.
 */
const recentOrigins: (OriginParts | null)[] = new Array<OriginParts | null>(8).fill(null);
let recentOriginAt = 0;

function originParts(url: string, originEnd: number, hostStart: number, hostEnd: number, portStart: number, defaultPort: boolean, https: boolean): OriginParts | null {
  for (let i = 0; i < recentOrigins.length; i++) {
    const known = recentOrigins[i];
    if (known && known.prefix.length === originEnd && url.startsWith(known.prefix)) return known;
  }
  const hostname = url.slice(hostStart, hostEnd);
  // "xn--" labels the parser checks as punycode.
  if (hostname.includes('xn--')) return null;
  // A host whose last label starts with a digit is read as an IPv4 address (127.1 → 127.0.0.1).
  const lastDot = hostname.lastIndexOf('.');
  const last = hostname.charCodeAt(lastDot + 1);
  if (last >= 48 && last <= 57 && !isPlainIpv4(hostname)) return null;
  const scheme = https ? 'https' : 'http';
  const prefix = url.slice(0, originEnd);
  // Frozen: every exchange of the origin holds this one object.
  const parts: OriginParts = Object.freeze({
    prefix,
    // As written up to the port, unless it names the scheme's default port, which the origin leaves out.
    origin: defaultPort ? `${scheme}://${hostname}` : prefix,
    scheme,
    hostname,
    port: portStart < 0 || defaultPort ? '' : url.slice(portStart, originEnd),
    hasCredentials: false,
  });
  recentOrigins[recentOriginAt] = parts;
  recentOriginAt = (recentOriginAt + 1) % recentOrigins.length;
  return parts;
}

/** Path characters the standard's parser leaves as written: !$&'()*+,-./0-9:;=@A-Z_a-z~ (1 = allowed, by char code). */
const PATH_CHARACTER = new Uint8Array(128);
for (const character of "!$&'()*+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~") PATH_CHARACTER[character.charCodeAt(0)] = 1;
/** Four decimal numbers 0–255 without leading zeros: an IPv4 host the standard's parser leaves as written. */
function isPlainIpv4(host: string): boolean {
  let numbers = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= host.length; i++) {
    const code = i < host.length ? host.charCodeAt(i) : 46;
    if (code === 46) {
      if (digits === 0 || value > 255) return false;
      numbers++;
      value = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      // A digit after a leading zero (a fourth digit makes the number > 255).
      if (digits > 0 && value === 0) return false;
      value = value * 10 + code - 48;
      digits++;
    } else {
      return false;
    }
  }
  return numbers === 4;
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
