/**
 * The diagram's labels are cut to the room they have: never between the two halves of an emoji
 * (a lone surrogate renders as a broken character), and the tooltip that holds the whole value
 * is bounded (a hostile header value can be 1 MB).
 */
import { describe, expect, it } from 'vitest';
import { fit, TOOLTIP_MAX } from '../../../src/panel/teaching/diagram-layout.ts';

const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('fit', () => {
  it.each([
    ['fits: as it is, no tooltip', 'Origin: http://a.test', 100, { text: 'Origin: http://a.test', full: null }],
    ['too long: cut with …, whole in the tooltip', 'abcdefghijklmnop', 10, { text: 'abcdefghi…', full: 'abcdefghijklmnop' }],
    ['the cut would split an emoji: one unit earlier', `abcdefgh😀😀😀`, 10, { text: 'abcdefgh…', full: 'abcdefgh😀😀😀' }],
  ])('%s', (_label, text, room, expected) => expect(fit(text, room, 1)).toEqual(expected));

  it('only emoji: every cut is well formed', () => {
    const text = '😀'.repeat(30);
    for (let room = 8; room < 60; room++) expect(isWellFormed(fit(text, room, 1).text), `room ${room}`).toBe(true);
  });

  it('a 1 MB value: the tooltip holds its start and its length', () => {
    const full = fit('x'.repeat(1024 * 1024), 100, 1).full!;
    expect(full).toBe(`${'x'.repeat(TOOLTIP_MAX)}… (1,048,576 characters)`);
  });
});
