/** Header-name matching as Chromium does it (ASCII case-insensitive) and the lookups built on it. */
import { describe, expect, it } from 'vitest';
import { getHeader, isHeaderName, lowerHeaderName, trimHttpWhitespace } from '../../src/engine/headers.ts';

describe('isHeaderName', () => {
  it.each([
    ['access-control-allow-origin', 'access-control-allow-origin', true],
    ['Access-Control-Allow-Origin', 'access-control-allow-origin', true],
    ['ACCESS-CONTROL-ALLOW-ORIGIN', 'access-control-allow-origin', true],
    ['Set-Cookie', 'set-cookie', true],
    ['Set-Cookie2', 'set-cookie', false],
    ['set-cookiE', 'set-cookie', true],
    ['Vary', 'vary', true],
    ['Varz', 'vary', false],
    // Chromium folds ASCII only (base::EqualsCaseInsensitiveASCII): the Kelvin sign is not "k".
    ['\u212Aeep-alive', 'keep-alive', false],
    ['', '', true],
    ['origin ', 'origin', false],
  ])('%j is %j: %s', (name, lower, expected) => {
    expect(isHeaderName(name, lower)).toBe(expected);
  });
});

describe('getHeader', () => {
  const headers = [
    { name: 'Access-Control-Allow-Origin', value: 'https://a.example' },
    { name: 'Vary', value: ' Origin ' },
    { name: 'access-control-allow-origin', value: 'https://b.example' },
    { name: 'Content-Type', value: 'application/json' },
  ];
  it('joins repeated headers with ", " as the network stack reads them', () => {
    expect(getHeader(headers, 'access-control-allow-origin')).toBe('https://a.example, https://b.example');
  });
  it('trims values and finds names in any case', () => {
    expect(getHeader(headers, 'vary')).toBe('Origin');
    expect(getHeader(headers, 'content-type')).toBe('application/json');
  });
  it('says null for a header that is not there', () => {
    expect(getHeader(headers, 'access-control-allow-credentials')).toBeNull();
    expect(getHeader([], 'origin')).toBeNull();
  });
});

describe('trimHttpWhitespace: space, tab, CR and LF only, as the network stack trims', () => {
  it.each([
    ['  https://a.example\t', 'https://a.example'],
    ['\r\n true \r\n', 'true'],
    ['https://a.example\u00a0', 'https://a.example\u00a0'], // no-break space: part of the value
    ['\ufefftrue', '\ufefftrue'],
    ['\u3000*\u3000', '\u3000*\u3000'],
    ['\u000b\u000ctrue', '\u000b\u000ctrue'], // vertical tab, form feed
    ['', ''],
    [' \t ', ''],
    ['a b', 'a b'],
  ])('%j → %j', (value, trimmed) => expect(trimHttpWhitespace(value)).toBe(trimmed));
});

describe('lowerHeaderName', () => {
  it('lower-cases names, and keeps answering once its memory is full', () => {
    expect(lowerHeaderName('User-Agent')).toBe('user-agent');
    expect(lowerHeaderName('accept')).toBe('accept');
    for (let i = 0; i < 5000; i++) expect(lowerHeaderName(`X-Custom-${i}`)).toBe(`x-custom-${i}`);
    expect(lowerHeaderName('Sec-Fetch-Mode')).toBe('sec-fetch-mode');
  });
});
