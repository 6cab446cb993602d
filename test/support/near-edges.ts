/**
 * Generated inputs near a format's edges, for tests that compare a fast reader with the general
 * one it stands in for: mostly well-formed pieces with an occasional odd one, and well-formed
 * values with one character replaced.
 */
import fc from 'fast-check';

/** `usual` `weight` times out of `weight + 1`, else `edge`. */
export function often<T>(usual: fc.Arbitrary<T>, edge: fc.Arbitrary<T>, weight: number): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: usual, weight }, { arbitrary: edge, weight: 1 });
}

/** A value of `texts` with the character at a drawn position replaced by one of `characters`. */
export function withOneCharacterReplaced(texts: fc.Arbitrary<string>, characters: string): fc.Arbitrary<string> {
  return fc.tuple(texts, fc.nat(), fc.constantFrom(...characters)).map(([text, at, character]) => {
    const position = at % (text.length || 1);
    return text.slice(0, position) + character + text.slice(position + 1);
  });
}
