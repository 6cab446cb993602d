/**
 * The engine's fast URL path (parsePlainHttpUrl) must agree with the URL standard's parser on
 * every URL it accepts; everything else falls back to `new URL()`. Origins decide verdicts, so
 * a disagreement here would be a wrong diagnosis: checked on a table of tricky inputs, on every
 * URL of the real recordings, and on generated URLs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlainHttpUrl, parseUrl, parseUrlWhatwg } from '../../src/engine/origin.ts';

const FIXTURES = ['chromium', 'firefox'].map((browser) => new URL(`../fixtures/${browser}/`, import.meta.url));
type Headers = Array<{ name: string; value: string }>;
interface RecordedEntry { request: { url: string; headers: Headers }; response: { headers: Headers; redirectURL?: string } }
/** Every URL-like value the engine parses: request URLs, redirect targets, Origin, Referer, Allow-Origin. */
const URL_HEADERS = new Set(['origin', 'referer', 'location', 'access-control-allow-origin']);
const RECORDED_URLS = [...new Set(FIXTURES.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.har'))
  .flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { log: { entries: RecordedEntry[] } }).log.entries)
  .flatMap((entry) => [
    entry.request.url,
    entry.response.redirectURL ?? '',
    ...[...entry.request.headers, ...entry.response.headers].filter((h) => URL_HEADERS.has(h.name.toLowerCase())).map((h) => h.value),
  ])))].filter((url) => url !== '');

/** When the fast path answers, its answer is the URL parser's. */
function expectAgrees(url: string): void {
  const fast = parsePlainHttpUrl(url);
  if (fast !== null) expect(fast, url).toEqual(parseUrlWhatwg(url));
  expect(parseUrl(url), url).toEqual(parseUrlWhatwg(url));
}

describe('parsePlainHttpUrl', () => {
  it.each([
    // [url, taken by the fast path]
    ['http://127.0.0.1:4000/api/data?x=1', true],
    ['https://api.example.com/v1/users#top', true],
    ['http://localhost', true],
    ['https://a.b.c./x', true],
    ['http://a-/', true],
    ['http://api.example.com:8080', true],
    ["http://a/~user/!$&'()*+,;=:@%zz", true],
    ['http://a:443/', true],
    ['https://a:80/', true],
    ['http://a:80/', false], // default port dropped from the origin
    ['https://a:443/', false],
    ['http://a:0080/', false], // leading zeros
    ['http://a:65536/', false], // out of range: fails to parse
    ['http://a:/', false], // empty port
    ['HTTP://A.example/', false], // upper case is lower-cased by the parser
    ['http://user:pass@a/', false],
    ['http://@a/', false],
    ['http://[::1]:3000/', false],
    ['http://127.1/', false], // IPv4 shorthand: 127.0.0.1
    ['http://0x7f.0.0.1/', false],
    ['http://1.2.3.04/', false],
    ['http://a.1/', false], // ends in a number: not a valid IPv4, fails to parse
    ['http://256.0.0.1/', false],
    ['http://xn--nxasmq6b.com/', false],
    ['http://xn--a.com/', false],
    ['http://a/b/./c', false],
    ['http://a/b/../c', false],
    ['http://a/b/%2E%2e/c', false],
    ['http://a/b/%2e', false],
    ['http://a/b c', false],
    ['http://a/b"c', false],
    ['http://a/b{c}', false],
    ['http://a/é', false],
    ['http://a/b\tc', false],
    ['http://a\\b/', false],
    [' http://a/', false],
    ['http://a/\n', false],
    ['ftp://a/', false],
    ['data:text/plain,hi', false],
    ['http://a..b/', false],
    ['http://' + 'a'.repeat(300) + '.com/', true],
    ['http://a/?q=é "x"', true], // the query never changes the fields the engine reads
    ['http://a#frag', true],
    ['not a url', false],
  ])('%s (fast path: %s)', (url, fast) => {
    expect(parsePlainHttpUrl(url) !== null).toBe(fast);
    expectAgrees(url);
  });

  it('agrees with the URL parser on every URL of the real recordings, and takes nearly all of them', () => {
    expect(RECORDED_URLS.length).toBeGreaterThan(60);
    for (const url of RECORDED_URLS) expectAgrees(url);
    const fast = RECORDED_URLS.filter((url) => parsePlainHttpUrl(url) !== null).length;
    expect(fast / RECORDED_URLS.length).toBeGreaterThan(0.8);
  });

  it('agrees with the URL parser on generated URLs', () => {
    const piece = fc.constantFrom('a', 'B', '0', '1', '9', '.', '-', '/', ':', '@', '%', '2e', '%2E', '?', '#', '[', ']', '\\', ' ', '\t', 'é', 'xn--', '255', '256', '0x', '80', '443', '..');
    const messy = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'http:/', 'http:\\\\'), messy, messy)
        .map(([scheme, host, rest]) => `${scheme}${host}${rest}`),
      fc.tuple(fc.constantFrom('http', 'https'), fc.ipV4(), fc.option(fc.integer({ min: 0, max: 70_000 })), messy)
        .map(([scheme, ip, port, path]) => `${scheme}://${ip}${port === null ? '' : `:${port}`}/${path}`),
    );
    let fast = 0;
    fc.assert(fc.property(url, (candidate) => {
      if (parsePlainHttpUrl(candidate) !== null) fast++;
      expectAgrees(candidate);
    }), { numRuns: 20_000 });
    // The comparison means something only if many generated URLs take the fast path.
    expect(fast).toBeGreaterThan(5_000);
  });
});
