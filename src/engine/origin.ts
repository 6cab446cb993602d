/** Origin helpers in the terms of the URL and Fetch standards. Pure. */

/** The serialized origin of a URL ("null" for opaque ones), or null if it does not parse. */
export function originOf(url: string): string | null {
  const known = origins.get(url);
  if (known !== undefined) return known;
  let origin: string | null;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = null;
  }
  // A log repeats the same few URLs thousands of times; parsing each once is the engine's main saving.
  if (origins.size >= ORIGIN_CACHE_SIZE) origins.clear();
  origins.set(url, origin);
  return origin;
}
const ORIGIN_CACHE_SIZE = 10_000;
const origins = new Map<string, string | null>();

export function schemeOf(url: string): string | null {
  try {
    return new URL(url).protocol.replace(/:$/, '');
  } catch {
    return null;
  }
}

export function isHttpScheme(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === 'http' || scheme === 'https';
}

export function hasUrlCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

/** Chromium accepts as an origin value anything GURL parses; a WHATWG URL parse is the closest pure equivalent. */
export function parsesAsUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export type OriginMismatchKind = 'trailing-slash' | 'scheme' | 'port' | 'host' | 'path' | 'case' | 'other';

/** Why an Access-Control-Allow-Origin value that parses is still not the request's origin. */
export function classifyOriginMismatch(allowOrigin: string, requestOrigin: string): OriginMismatchKind {
  if (allowOrigin.replace(/\/+$/, '') === requestOrigin) return 'trailing-slash';
  if (allowOrigin.toLowerCase() === requestOrigin.toLowerCase()) return 'case';
  let allowed: URL;
  let requested: URL;
  try {
    allowed = new URL(allowOrigin);
    requested = new URL(requestOrigin);
  } catch {
    return 'other';
  }
  if (allowed.origin === requested.origin) return 'path';
  const sameHost = allowed.hostname === requested.hostname;
  if (sameHost && allowed.protocol !== requested.protocol) return 'scheme';
  if (sameHost && allowed.port !== requested.port) return 'port';
  return 'host';
}

/** True for hosts Chromium treats as loopback or private (Local Network Access). */
export function addressSpaceOf(url: string): 'loopback' | 'local' | 'public' | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return 'loopback';
  if (/^10\./.test(host) || /^192\.168\./.test(host) || /^172\.(1[6-9]|2\d|3[01])\./.test(host)) return 'local';
  if (/^169\.254\./.test(host) || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe80:/.test(host) || host.endsWith('.local')) return 'local';
  return 'public';
}
