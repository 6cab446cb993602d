import type { Header } from './types.ts';

/**
 * Whether a header name is `lower` (a lower-case name), compared ASCII-case-insensitively as
 * Chromium compares header names. Without toLowerCase(), which allocates a string on every
 * call, even for a name already in lower case: the engine compares names millions of times.
 */
export function isHeaderName(name: string, lower: string): boolean {
  if (name === lower) return true;
  if (name.length !== lower.length) return false;
  for (let i = 0; i < name.length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The header's value as the network stack sees it: repeated headers are joined with ", "
 * (that is how Chromium reads a doubled Access-Control-Allow-Origin: as two values).
 * `lower`: the name in lower case (callers pass literals; not lowering it here saves a string
 * per call on a path that runs dozens of times per request).
 */
export function getHeader(headers: readonly Header[], lower: string): string | null {
  let joined: string | null = null;
  for (const header of headers) if (isHeaderName(header.name, lower)) joined = joinHeaderValue(joined, header.value);
  return joined;
}

/** One more line of a repeated header added to the value read so far (null: none yet), as getHeader joins them. */
export function joinHeaderValue(previous: string | null, value: string): string {
  return previous === null ? trimHttpWhitespace(value) : `${previous}, ${trimHttpWhitespace(value)}`;
}

/**
 * Leading and trailing HTTP white space (space, tab, CR, LF) removed, as the network stack and
 * Fetch read values; not String#trim, which also removes U+00A0, U+FEFF, U+3000…: a server's
 * "https://app.example\u00a0" does not match its origin in the browser, so not here either.
 */
export function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
const isHttpWhitespace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/**
 * A header name in lower case, remembered: a log repeats a few dozen names (Accept, User-Agent…)
 * on every entry, and toLowerCase() allocates a new string each time. Bounded: a hostile log
 * with endless distinct names only clears it.
 */
export function lowerHeaderName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size >= HEADER_NAME_CACHE_LIMIT) lowerNames.clear();
    lowerNames.set(name, lower);
  }
  return lower;
}
/** How many distinct header names a remembered-name map holds before it starts over. */
export const HEADER_NAME_CACHE_LIMIT = 4096;
const lowerNames = new Map<string, string>();

/** Splits a comma-separated header list, trimming optional white space; drops nothing. */
export function splitList(value: string): string[] {
  return value.split(',').map(trimHttpWhitespace);
}

/** RFC 9110 token characters. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/**
 * Parses Access-Control-Allow-Methods / -Headers the way Chromium does
 * (preflight_result.cc ParseAccessControlAllowList, an HttpUtil::ValuesIterator that ignores
 * empty values): empty elements (",," or a trailing comma) are skipped; every other element
 * must be a token, or the whole header is invalid. Returns null when the header does not parse.
 */
export function parseAllowList(value: string | null): string[] | null {
  if (value === null) return [];
  const items = splitList(value).filter((item) => item !== '');
  return items.every(isToken) ? items : null;
}
