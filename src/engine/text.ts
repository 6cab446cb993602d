/**
 * Text quoted from what servers sent, made safe to show: cut to a length without splitting a
 * surrogate pair (an emoji), and the characters that reorder or hide text named.
 */

/** The first `max` UTF-16 units of `value`, one fewer when the cut would split a surrogate pair. */
function cutAt(value: string, max: number): string {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** `value` as it is, or its start and its length when longer than `max`: "xxx… (1,048,576 characters)". */
export function clip(value: string, max: number): string {
  return value.length <= max ? value : `${cutAt(value, max)}… (${value.length.toLocaleString('en')} characters)`;
}

/** `value` as it is, or cut to at most `max` characters ending in "…". */
export function shorten(value: string, max: number): string {
  return value.length <= max ? value : `${cutAt(value, max - 1)}…`;
}

/**
 * Characters that reorder or hide text: bidi marks, embeddings, overrides and isolates,
 * zero-width characters, the BOM, and the line and paragraph separators.
 */
export const HIDDEN_RANGES = '\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff';
export const HIDDEN_CHARACTERS = new RegExp(`[${HIDDEN_RANGES}]`, 'g');

/** Each hidden character named as [U+XXXX]: "\u202e3715:tsohlacol//:ptth" cannot pass for a URL. */
export function nameHiddenCharacters(value: string): string {
  return value.replace(HIDDEN_CHARACTERS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
