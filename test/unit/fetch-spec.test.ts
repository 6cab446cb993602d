/**
 * The request-header check: which headers need the server's permission (a preflight), against
 * the plain reading of the Fetch standard (lower-case every name, look it up), on a table and on
 * generated header lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  corsUnsafeRequestHeaderNames, isBrowserManagedHeader, isSafelistedRequestHeader,
} from '../../src/engine/fetch-spec.ts';
import type { Header } from '../../src/engine/types.ts';

// The standard's lists as Chromium applies them (forbidden request headers, which the page
// cannot set, and the browser's own additions), spelled out again here, independently.
const MANAGED = ['accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'cache-control', 'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'pragma', 'priority', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'upgrade-insecure-requests',
  'user-agent', 'via', 'x-client-data'];

/** ASCII lower case, as Chromium compares header names. */
const lower = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

const referenceManaged = (name: string) => MANAGED.includes(lower(name)) || /^(sec-|proxy-|:)/.test(lower(name));

function referenceUnsafeNames(headers: readonly Header[]): string[] {
  const safelisted = ({ name, value }: Header) => {
    if (value.length > 128) return false;
    const unsafeByte = /[\x00-\x08\x0a-\x1f"():<>?@[\\\]{}\x7f]/.test(value);
    switch (lower(name)) {
      case 'accept': return !unsafeByte;
      case 'accept-language': case 'content-language': return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
      case 'content-type': return !unsafeByte && ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']
        .includes(value.split(';')[0]!.trim().toLowerCase());
      case 'range': return /^bytes=\d+-\d*$/.test(value);
      default: return false;
    }
  };
  const pageHeaders = headers.filter((h) => !referenceManaged(h.name));
  const safelistedBytes = pageHeaders.filter(safelisted).reduce((sum, h) => sum + h.value.length, 0);
  const unsafe = safelistedBytes > 1024 ? pageHeaders : pageHeaders.filter((h) => !safelisted(h));
  return [...new Set(unsafe.map((h) => lower(h.name)))].sort();
}

const h = (name: string, value: string): Header => ({ name, value });
const BROWSER_GET = [h('Accept', '*/*'), h('Accept-Encoding', 'gzip, deflate, br'), h('Accept-Language', 'en-US,en;q=0.9'),
  h('Connection', 'keep-alive'), h('Host', 'api.example'), h('Origin', 'https://app.example'), h('Referer', 'https://app.example/'),
  h('Sec-Fetch-Mode', 'cors'), h('User-Agent', 'Mozilla/5.0'), h('sec-ch-ua-mobile', '?0')];

const CASES: [title: string, headers: Header[], unsafe: string[]][] = [
  ['a browser GET as Chrome logs it (HTTP/1.1)', BROWSER_GET, []],
  ['the same in HTTP/2 spelling, with pseudo-headers', [h(':authority', 'api.example'), h(':method', 'GET'), h('accept', '*/*'), h('user-agent', 'x'), h('priority', 'u=1, i')], []],
  ['a page-set header, in any case', [...BROWSER_GET, h('X-Trace-ID', '1'), h('AUTHORIZATION', 'Bearer t')], ['authorization', 'x-trace-id']],
  ['JSON content type', [h('Content-Type', 'application/json')], ['content-type']],
  ['form content type with parameters', [h('content-type', 'text/plain; charset=utf-8')], []],
  ['Accept with a byte the safelist forbids', [h('Accept', 'text/html"')], ['accept']],
  ['Accept-Language outside its alphabet', [h('Accept-Language', 'fr_FR')], ['accept-language']],
  ['Range as a single range', [h('Range', 'bytes=0-99')], []],
  ['Range with two ranges', [h('Range', 'bytes=0-9,20-29')], ['range']],
  ['a safelisted value over 128 bytes', [h('Accept', 'a'.repeat(129))], ['accept']],
  ['safelisted values over 1024 bytes in all: every page header', [h('Accept', 'a'.repeat(128)), ...Array.from({ length: 8 }, () => h('Content-Language', 'b'.repeat(128))), h('Host', 'x')], ['accept', 'content-language']],
  ['safelisted values of exactly 1024 bytes in all: none', Array.from({ length: 8 }, () => h('Content-Language', 'b'.repeat(128))), []],
  ['Proxy-* and Sec-* are the browser’s', [h('Proxy-Authorization', 'x'), h('SEC-Purpose', 'prefetch')], []],
  ['names one character off are the page’s', [h('Hosts', 'x'), h('Origim', 'x'), h('sec_fetch', 'x'), h('Cookie3', 'x')], ['cookie3', 'hosts', 'origim', 'sec_fetch']],
  ['a repeated unsafe header is named once', [h('X-A', '1'), h('x-a', '2')], ['x-a']],
];

describe('CORS-unsafe request headers', () => {
  it.each(CASES)('%s', (_title, headers, unsafe) => {
    expect(corsUnsafeRequestHeaderNames(headers)).toEqual(unsafe);
    expect(referenceUnsafeNames(headers)).toEqual(unsafe);
  });

  it('equals the plain reading of the standard on 10,000 generated header lists', () => {
    const casing = (name: string) => fc.constantFrom(name, name.toUpperCase(), name.replace(/(^|-)[a-z]/g, (s) => s.toUpperCase()));
    const known = fc.constantFrom(...MANAGED, 'accept', 'accept-language', 'content-language', 'content-type', 'range',
      'sec-fetch-mode', 'proxy-authorization', ':path', 'authorization', 'x-trace', 'secret', 'proxy', 'origin2', 'rangE-').chain(casing);
    const other = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z:@[-]{1,12}$/);
    const name = fc.oneof({ arbitrary: known, weight: 4 }, { arbitrary: other, weight: 1 });
    const value = fc.oneof(fc.constantFrom('*/*', 'text/plain', 'application/json', 'multipart/form-data; boundary=x', 'en-US,en;q=0.9',
      'bytes=0-', 'bytes=a-', 'x"y', 'a'.repeat(129), 'b'.repeat(128)), fc.string({ maxLength: 10 }));
    const list = fc.array(fc.record({ name, value }), { maxLength: 14 });
    fc.assert(fc.property(list, (headers) => {
      const unsafe = corsUnsafeRequestHeaderNames(headers);
      expect(unsafe).toEqual(referenceUnsafeNames(headers));
        for (const { name, value } of headers) {
        expect(isBrowserManagedHeader(name)).toBe(referenceManaged(name));
        expect(isSafelistedRequestHeader(name, value)).toBe(!referenceManaged(name) && referenceUnsafeNames([h(name, value)]).length === 0);
      }
    }), { numRuns: 10_000 });
  });
});
