import type { Header } from './types.ts';

/**
 * The header's value as the network stack sees it: repeated headers are joined with ", "
 * (that is how Chromium reads a doubled Access-Control-Allow-Origin: as two values).
 */
export function getHeader(headers: readonly Header[], name: string): string | null {
  const wanted = name.toLowerCase();
  let joined: string | null = null;
  for (const header of headers) {
    // Cheapest tests first: most names differ in length, many are already lower case (HTTP/2),
    // and toLowerCase() allocates.
    const { name: headerName } = header;
    if (headerName !== wanted && (headerName.length !== wanted.length || headerName.toLowerCase() !== wanted)) continue;
    const value = header.value.trim();
    joined = joined === null ? value : `${joined}, ${value}`;
  }
  return joined;
}

export function headerCount(headers: readonly Header[], name: string): number {
  const wanted = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === wanted).length;
}

/** Splits a comma-separated header list, trimming optional white space; drops nothing. */
export function splitList(value: string): string[] {
  return value.split(',').map((item) => item.trim());
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
