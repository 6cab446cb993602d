/**
 * Fetch-standard tables the checks need: safelisted methods and request headers,
 * forbidden request headers, safelisted response headers. Pure data and predicates.
 */
import { HEADER_NAME_CACHE_LIMIT, lowerHeaderName, trimHttpWhitespace } from './headers.ts';
import type { Header } from './types.ts';

export const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);
/** Methods fetch() refuses (a TypeError, nothing sent), compared case-insensitively. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
export const isForbiddenMethod = (method: string): boolean => FORBIDDEN_METHODS.has(method.toUpperCase());
/** Methods fetch() upper-cases; any other method (e.g. "patch") is sent as written. */
export const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export const SAFELISTED_RESPONSE_HEADERS = new Set([
  'cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma',
]);

/**
 * Headers that the browser itself adds or manages. A page cannot set them, so they never
 * make a request need a preflight (DevTools' "Disable cache" adds Cache-Control and Pragma too).
 */
const BROWSER_MANAGED = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'cache-control', 'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host',
  'keep-alive', 'origin', 'pragma', 'priority', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'upgrade-insecure-requests', 'user-agent', 'via', 'x-client-data',
]);

export function isBrowserManagedHeader(name: string): boolean {
  return isBrowserManagedLower(name.toLowerCase());
}

function isBrowserManagedLower(lower: string): boolean {
  return BROWSER_MANAGED.has(lower) || lower.startsWith('sec-') || lower.startsWith('proxy-') || lower.startsWith(':');
}

const UNSAFE_BYTE = /[\x00-\x08\x0a-\x1f"():<>?@[\\\]{}\x7f]/;
const SAFE_LANGUAGE = /^[0-9A-Za-z *,\-.;=]*$/;
const SAFELISTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** The Fetch standard's "CORS-safelisted request-header" check for one header. */
export function isSafelistedRequestHeader(name: string, value: string): boolean {
  return isSafelistedLower(name.toLowerCase(), value);
}

function isSafelistedLower(lower: string, value: string): boolean {
  if (value.length > 128) return false;
  switch (lower) {
    case 'accept':
      return !UNSAFE_BYTE.test(value);
    case 'accept-language':
    case 'content-language':
      return SAFE_LANGUAGE.test(value);
    case 'content-type': {
      if (UNSAFE_BYTE.test(value)) return false;
      const essence = trimHttpWhitespace(value.split(';')[0] ?? '').toLowerCase();
      return SAFELISTED_CONTENT_TYPES.has(essence);
    }
    case 'range':
      return /^bytes=\d+-\d*$/.test(value);
    default:
      return false;
  }
}

/**
 * A request header name's lower-case spelling, or null when the browser manages it, remembered
 * per name as written: one lookup per header instead of lower-casing and then testing the
 * browser's names. Bounded like lowerHeaderName's.
 */
function pageHeaderName(name: string): string | null {
  let lower = pageHeaderNames.get(name);
  if (lower === undefined) {
    const lowered = lowerHeaderName(name);
    lower = isBrowserManagedLower(lowered) ? null : lowered;
    if (pageHeaderNames.size >= HEADER_NAME_CACHE_LIMIT) pageHeaderNames.clear();
    pageHeaderNames.set(name, lower);
  }
  return lower;
}
const pageHeaderNames = new Map<string, string | null>();

/**
 * Lower-case names of the request headers that need the server's permission, sorted as
 * Chromium lists them in Access-Control-Request-Headers. Safelisted values over 1024 bytes
 * in total all become unsafe.
 */
export function corsUnsafeRequestHeaderNames(headers: readonly Header[]): string[] {
  // One pass and no array in the usual case (no unsafe header): this runs for every request.
  let unsafe: string[] | null = null;
  let safelistedBytes = 0;
  for (let i = 0; i < headers.length; i++) {
    const { name, value } = headers[i]!;
    const lower = pageHeaderName(name);
    if (lower === null) continue;
    if (isSafelistedLower(lower, value)) safelistedBytes += value.length;
    else (unsafe ??= []).push(lower);
  }
  if (safelistedBytes > 1024) {
    unsafe = headers.filter((h) => !isBrowserManagedHeader(h.name)).map((h) => h.name.toLowerCase());
  }
  return unsafe ? [...new Set(unsafe)].sort() : [];
}

export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED_METHODS.has(method);
}
