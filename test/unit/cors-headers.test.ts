/** readCorsHeaders: the values one pass over each list finds are getHeader's, for every name it tracks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { often } from '../support/near-edges.ts';
import { allowedHeaders, allowedMethods, corsHeadersOf, readCorsHeaders } from '../../src/engine/cors-headers.ts';
import { getHeader, isHeaderName } from '../../src/engine/headers.ts';
import { normalizeEntry } from '../../src/engine/normalize.ts';
import type { Exchange, Header } from '../../src/engine/types.ts';

/** Each field with the header it holds and the list it is read from. */
const FIELDS = [
  ['origin', 'origin', 'request'], ['cookie', 'cookie', 'request'],
  ['secFetchStorageAccess', 'sec-fetch-storage-access', 'request'],
  ['requestMethod', 'access-control-request-method', 'request'],
  ['requestHeaders', 'access-control-request-headers', 'request'],
  ['allowOrigin', 'access-control-allow-origin', 'response'],
  ['allowCredentials', 'access-control-allow-credentials', 'response'],
  ['allowMethods', 'access-control-allow-methods', 'response'],
  ['allowHeaders', 'access-control-allow-headers', 'response'],
  ['setCookie', 'set-cookie', 'response'],
] as const;

const h = (name: string, value: string): Header => ({ name, value });

const CASES: [title: string, request: Header[], response: Header[], expected: Partial<Record<(typeof FIELDS)[number][0], string | null>> & { allowOriginLines?: number }][] = [
  ['none of them', [h('Accept', '*/*'), h('Host', 'api.example')], [h('Content-Type', 'text/plain')], { origin: null, allowOrigin: null, allowOriginLines: 0 }],
  ['as Chrome writes them', [h('Origin', 'https://app.example'), h('Access-Control-Request-Method', 'PUT'), h('Access-Control-Request-Headers', 'content-type,x-trace')],
    [h('access-control-allow-origin', 'https://app.example'), h('access-control-allow-methods', 'PUT'), h('access-control-allow-headers', 'content-type')],
    { origin: 'https://app.example', requestMethod: 'PUT', requestHeaders: 'content-type,x-trace', allowOrigin: 'https://app.example', allowMethods: 'PUT', allowHeaders: 'content-type', allowOriginLines: 1 }],
  ['HTTP/2 lower case and odd case', [h('cOOKIE', 'a=1'), h('sec-fetch-storage-access', 'active')], [h('ACCESS-CONTROL-ALLOW-CREDENTIALS', 'true'), h('Set-Cookie', 'b=2')],
    { cookie: 'a=1', secFetchStorageAccess: 'active', allowCredentials: 'true', setCookie: 'b=2' }],
  ['repeated lines joined, trimmed', [h('Origin', ' https://a.example ')], [h('Access-Control-Allow-Origin', 'https://a.example'), h('Access-Control-Allow-Origin', ' *')],
    { origin: 'https://a.example', allowOrigin: 'https://a.example, *', allowOriginLines: 2 }],
  ['an empty value is there, not absent', [h('Origin', '')], [h('Access-Control-Allow-Origin', '')], { origin: '', allowOrigin: '', allowOriginLines: 1 }],
  ['a name of the same length is not taken', [h('Origins', 'x'), h('cookie2', 'y'), h('accept', 'z')], [h('access-control-allow-originx', 'x'), h('set-cookie2', 'y'), h('access-control-expose-headers', 'z')],
    { origin: null, cookie: null, allowOrigin: null, setCookie: null, allowOriginLines: 0 }],
  ['request names on the response list count only there', [], [h('Origin', 'https://a.example')], { origin: null }],
];

describe('readCorsHeaders', () => {
  it.each(CASES)('%s', (_title, request, response, expected) => {
    const read = readCorsHeaders(request, response);
    for (const [field, value] of Object.entries(expected)) expect(read[field as keyof typeof expected], field).toBe(value);
  });

  it('equals getHeader on every tracked name (and counts Allow-Origin lines), on 10,000 generated lists', () => {
    const tracked = FIELDS.map(([, name]) => name);
    const casing = (name: string) => fc.constantFrom(name, name.toUpperCase(), name.replace(/(^|-)[a-z]/g, (s) => s.toUpperCase()));
    // Tracked names in any case, names one character off (same length), other common names.
    const name = often(fc.constantFrom(...tracked).chain(casing),
      fc.constantFrom('origim', 'cookiE2', 'accept', 'host', 'vary', 'set-cookie2', 'access-control-allow-originx', 'access-control-max-age', 'sec-fetch-storage-acces', 'referer'), 2);
    const value = fc.oneof(fc.constantFrom('', ' ', '*', 'true', 'https://a.example', ' x , y '), fc.string({ maxLength: 8 }));
    const list = fc.array(fc.record({ name, value }), { maxLength: 12 });
    fc.assert(fc.property(list, list, (request, response) => {
      const read = readCorsHeaders(request, response);
      for (const [field, header, side] of FIELDS) {
        expect(read[field]).toBe(getHeader(side === 'request' ? request : response, header));
      }
      expect(read.allowOriginLines).toBe(response.filter((header) => isHeaderName(header.name, 'access-control-allow-origin')).length);
    }), { numRuns: 10_000 });
  });

  it('parses the allow lists when first asked, as parseAllowList does', () => {
    const read = readCorsHeaders([], [h('Access-Control-Allow-Methods', 'GET, ,PUT,'), h('Access-Control-Allow-Headers', 'x-a, bad header')]);
    expect(allowedMethods(read)).toEqual(['GET', 'PUT']);
    expect(allowedHeaders(read)).toBeNull();
    expect(allowedMethods(read)).toBe(allowedMethods(read));
  });

  it('shares one frozen list between answers with the same value, except long values', () => {
    const answer = (methods: string) => readCorsHeaders([], [h('Access-Control-Allow-Methods', methods)]);
    const [first, second] = [answer('GET, PATCH'), answer('GET, PATCH')];
    expect(allowedMethods(first)).toEqual(['GET', 'PATCH']);
    expect(allowedMethods(second)).toBe(allowedMethods(first));
    expect(Object.isFrozen(allowedMethods(first))).toBe(true);
    expect(allowedMethods(answer('GET, PUT'))).toEqual(['GET', 'PUT']);
    expect(allowedHeaders(answer('GET'))).toEqual([]);
    // A long value gets its own list: the shared ones outlive the log.
    const long = Array.from({ length: 200 }, (_, i) => `M${i}`).join(', ');
    const [a, b] = [answer(long), answer(long)];
    expect(allowedMethods(a)).toHaveLength(200);
    expect(allowedMethods(b)).toEqual(allowedMethods(a));
    expect(allowedMethods(b)).not.toBe(allowedMethods(a));
    // Asked again for the same exchange (the checks, then a rule), it is not parsed again.
    expect(allowedMethods(b)).toBe(allowedMethods(b));
  });
});

describe('corsHeadersOf', () => {
  const entry = {
    startedDateTime: '2026-11-23T10:00:00.000Z',
    request: { method: 'GET', url: 'https://api.example/data', headers: [h('Origin', 'https://app.example')] },
    response: { status: 200, headers: [h('Access-Control-Allow-Origin', '*')] },
  };

  it('hands back what normalize read', () => {
    const exchange = normalizeEntry(entry, 0) as Exchange;
    expect(exchange.corsHeaders).toEqual(readCorsHeaders(entry.request.headers, entry.response.headers));
    expect(corsHeadersOf(exchange)).toBe(exchange.corsHeaders);
    expect(corsHeadersOf(exchange).origin).toBe('https://app.example');
  });

  it('reads the lists again when an exchange is copied with other headers', () => {
    const exchange = normalizeEntry(entry, 0) as Exchange;
    const copy: Exchange = { ...exchange, requestHeaders: [h('Origin', 'https://other.example')], responseHeaders: [] };
    expect(corsHeadersOf(copy).origin).toBe('https://other.example');
    expect(corsHeadersOf(copy).allowOrigin).toBeNull();
    expect(corsHeadersOf(exchange).allowOrigin).toBe('*');
  });

  it('reads an exchange built elsewhere (no corsHeaders) from its lists', () => {
    const { corsHeaders: _read, ...built } = normalizeEntry(entry, 0) as Exchange;
    expect(corsHeadersOf(built).allowOrigin).toBe('*');
    expect(corsHeadersOf(built)).toBe(corsHeadersOf(built));
  });
});
