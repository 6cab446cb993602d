/** HAR times: the browsers' ISO 8601 form read directly, everything else by Date.parse, always Date.parse's result. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { often as oftenOr, withOneCharacterReplaced } from '../support/near-edges.ts';
import { parseHarTime, parseIsoTime } from '../../src/engine/har-time.ts';

const TIMES: [text: string, direct: boolean][] = [
  ['2026-11-23T10:00:00.123Z', true], // Chromium
  ['2026-11-23T11:00:00.123+01:00', true], // Firefox
  ['2026-11-23T10:00:00Z', true], ['2026-11-23T10:00:00.5Z', true], ['2026-11-23T10:00:00.1234567Z', true],
  ['2026-11-23T10:00:00.000-01:30', true], ['2026-02-30T00:00:00Z', true], ['2024-02-29T23:59:59.999Z', true],
  ['0100-01-01T00:00:00Z', true], ['1900-02-29T00:00:00Z', true], ['2000-02-29T12:00:00Z', true], ['2100-03-01T00:00:00Z', true],
  ['0400-02-28T23:59:59.999Z', true], ['9999-12-31T23:59:59.999Z', true], ['1969-12-31T23:59:59.999Z', true], ['1600-01-01T00:00:00+14:00', true],
  ['2026-11-23t10:00:00Z', false], ['2026-11-23T10:00:00.000z', false], ['2026-11-23 10:00:00Z', false],
  ['2026-11-23T24:00:00Z', false], ['2026-11-23T10:00Z', false], ['2026-11-23T10:00:00', false],
  ['2026-11-23T10:00:00.Z', false], ['2026-11-23T10:00:00,5Z', false], ['2026-13-01T00:00:00Z', false],
  ['2026-11-23T10:00:00+0130', false], ['0099-01-01T00:00:00Z', false], ['+002026-11-23T10:00:00Z', false],
  ['2026-11-23T1a:00:00Z', false], ['2026-11-23T10:0x:00Z', false], ['2026-11-23T10:00:0xZ', false], ['2026-1x-23T10:00:00Z', false],
  ['2026-11-23T10:00:00+0a:00', false], ['2026-11-23T10:00:00+01:0a', false], ['202x-11-23T10:00:00Z', false],
  ['Mon, 23 Nov 2026 10:00:00 GMT', false], ['', false], ['not a time', false], ['2026-11-23T10:00:00ZZ', false],
];

describe('parseHarTime', () => {
  it.each(TIMES)('%s: read directly %s, equal to Date.parse', (text, direct) => {
    expect(parseIsoTime(text) !== undefined).toBe(direct);
    expect(parseHarTime(text)).toBe(Date.parse(text));
  });

  it('equals Date.parse on 10,000 generated times near the ISO form', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const often = <T>(usual: fc.Arbitrary<T>, edge: fc.Arbitrary<T>) => oftenOr(usual, edge, 8);
    const time = fc.tuple(
      often(fc.oneof({ arbitrary: fc.integer({ min: 1970, max: 2100 }), weight: 3 }, fc.integer({ min: 100, max: 9999 })).map((y) => String(y).padStart(4, '0')), fc.constantFrom('0099', '0100', '9999', '+02026', '202')),
      often(fc.constant('-'), fc.constantFrom('/', '')), often(two(12), two(99)), fc.constant('-'), often(two(31), two(99)),
      often(fc.constant('T'), fc.constantFrom('t', ' ', '')), often(two(23), two(99)), fc.constant(':'), often(two(59), two(99)),
      often(fc.constant(':'), fc.constantFrom('', '.')), often(two(59), two(99)),
      often(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 9 }).map((f) => (f ? `.${f}` : '')), fc.constantFrom('.', ',5', '.5x')),
      often(fc.constantFrom('Z', '+01:00', '-05:30', '+00:00'), fc.constantFrom('z', '', '+0100', '+24:00', '-00:60', 'ZZ', ' Z', '+1:00', 'GMT')),
    ).map((parts) => parts.join(''));
    // And one character of a well-formed time replaced by another: a letter where a digit goes, a digit for a separator.
    const mutated = withOneCharacterReplaced(time, '0159aZT:-+. z');
    let direct = 0;
    fc.assert(fc.property(fc.oneof(time, mutated), (text) => {
      if (parseIsoTime(text) !== undefined) direct++;
      expect(parseHarTime(text)).toBe(Date.parse(text));
    }), { numRuns: 10_000 });
    expect(direct).toBeGreaterThan(1_000);
  });
});
