/** The URL parts the engine reads (src/engine/origin.ts), and the address space a host is in. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { often as oftenOr, withOneCharacterReplaced } from '../support/near-edges.ts';
import { addressSpaceOf, classifyOriginMismatch, parsePlainHttpUrl, parseUrl, pathnameOf, targetOf, type UrlParts } from '../../src/engine/origin.ts';

type Parts = [origin: string, scheme: string, hostname: string, port: string, pathname: string | null, hasCredentials: boolean];
/** The parts the engine reads of a URL, its path as pathnameOf reads it. */
const partsOf = (url: string, parts: UrlParts | null | undefined): Parts | null =>
  parts ? [parts.origin, parts.scheme, parts.hostname, parts.port, pathnameOf(url), parts.hasCredentials] : null;

const PARTS: [url: string, parts: Parts | null][] = [
  ['http://localhost:3000/api/data?x=1#f', ['http://localhost:3000', 'http', 'localhost', '3000', '/api/data', false]],
  ['https://api.example.com/', ['https://api.example.com', 'https', 'api.example.com', '', '/', false]],
  ['HTTPS://API.Example.COM:443/a', ['https://api.example.com', 'https', 'api.example.com', '', '/a', false]],
  ['http://127.0.0.1:80', ['http://127.0.0.1', 'http', '127.0.0.1', '', '/', false]],
  ['http://127.1:4000/x', ['http://127.0.0.1:4000', 'http', '127.0.0.1', '4000', '/x', false]],
  ['http://[::1]:8080/v1', ['http://[::1]:8080', 'http', '::1', '8080', '/v1', false]],
  ['http://[FE80::1]/', ['http://[fe80::1]', 'http', 'fe80::1', '', '/', false]],
  ['http://user:pass@api.test/', ['http://api.test', 'http', 'api.test', '', '/', true]],
  ['ws://chat.test/socket', ['ws://chat.test', 'ws', 'chat.test', '', '/socket', false]],
  ['ftp://files.test/a.txt', ['ftp://files.test', 'ftp', 'files.test', '', '/a.txt', false]],
  ['foo://Host.Test/x', ['null', 'foo', 'host.test', '', '/x', false]],
  ['data:text/plain,hi', ['null', 'data', '', '', 'text/plain,hi', false]],
  ['http://a.com/./b/../c', ['http://a.com', 'http', 'a.com', '', '/c', false]],
  ['not a url', null],
  ['http://256.0.0.1/', null],
  ['', null],
];

describe('parseUrl', () => {
  it.each(PARTS)('%s', (url, expected) => {
    expect(partsOf(url, parseUrl(url))).toEqual(expected);
  });

  it('hands the same parts for the same URL (remembered)', () => {
    expect(parseUrl('http://localhost:3000/same')).toBe(parseUrl('http://localhost:3000/same'));
  });

  it('hands one read-only object for every plain URL of an origin, whatever its path', () => {
    const parts = parseUrl('http://localhost:3000/a?x=1');
    expect(parseUrl('http://localhost:3000/b/c#f')).toBe(parts);
    expect(parseUrl('http://localhost:3001/a')).not.toBe(parts);
    expect(() => { (parts as { origin: string }).origin = 'http://other.test'; }).toThrow(TypeError);
    expect(parts?.origin).toBe('http://localhost:3000');
  });
});

describe('pathnameOf', () => {
  const PATHS: [url: string, pathname: string | null][] = [
    ['http://localhost:3000/api/data?x=1#f', '/api/data'], ['https://api.example.com', '/'], ['https://api.example.com?q', '/'],
    ['https://api.example.com#/route', '/'], ['http://a.test/p;q=1/@x?y', '/p;q=1/@x'], ['http://a.com/./b/../c', '/c'],
    ['http://a.test/a b?c', '/a%20b'], ['http://a.test/%2e/x', '/x'], ['http://a.test/é#f', '/%C3%A9'], ['http://a.test/x\t?y', '/x'],
    ['HTTP://A.test/X', '/X'], ['data:text/plain,hi', 'text/plain,hi'], ['not a url', null],
  ];
  it.each(PATHS)('%s → %s', (url, pathname) => expect(pathnameOf(url)).toBe(pathname));
});

/** The URL standard's parts, straight from the parser (the engine keeps these). */
function standardParts(url: string): Parts | null {
  try {
    const parsed = new URL(url);
    return [parsed.origin, parsed.protocol.slice(0, -1), parsed.hostname, parsed.port, parsed.pathname, parsed.username !== '' || parsed.password !== ''];
  } catch {
    return null;
  }
}

describe('parsePlainHttpUrl (the scanner that spares the parser): the standard parser\'s parts, or none', () => {
  // URLs near every edge of what it reads: mostly plain ones with one piece off (case, IPv4
  // forms, ports, dot segments, escapes, white space), and some with every piece drawn wild.
  const often = <T>(usual: fc.Arbitrary<T>, edge: fc.Arbitrary<T>) => oftenOr(usual, edge, 6);
  const scheme = often(fc.constantFrom('http', 'https'), fc.constantFrom('HTTP', 'Https', 'ftp', 'ws', 'http:', ' http'));
  const separator = often(fc.constant('://'), fc.constantFrom(':/', ':///', '://user@', '://u:p@', ':// ', ':\\\\'));
  const label = often(
    fc.string({ unit: fc.constantFrom(...'abcxyz0189-'), minLength: 1, maxLength: 6 }),
    fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aZ09-_%é'), minLength: 0, maxLength: 4 }),
      fc.constantFrom('xn--nxasmq6b', 'xn--a', 'localhost', '0x7f', '08', '256', '0', '1', '255', '00'),
    ),
  );
  const host = fc.oneof(
    { arbitrary: fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')), weight: 4 },
    fc.array(fc.constantFrom('0', '1', '9', '10', '99', '127', '255', '256', '010', '0x10', ''), { minLength: 1, maxLength: 5 }).map((n) => n.join('.')),
    fc.constantFrom('[::1]', '[FE80::1]', 'example.com.', 'a..b', '', 'EXAMPLE.com'),
  );
  const port = often(fc.constantFrom('', ':8080', ':3000', ':1'), fc.constantFrom(':', ':0', ':80', ':443', ':080', ':65535', ':65536', ':99999', ':1x'));
  const path = often(
    fc.string({ unit: fc.constantFrom(...'ab/Z09-._~!$&\'()*+,;=:@'), maxLength: 12 }).map((p) => (p === '' ? '' : `/${p}`)),
    fc.string({ unit: fc.constantFrom(...'a/.%2e^|[]{}"<>` \\\t\né?#'), maxLength: 8 }).map((p) => `/${p}`),
  );
  const tail = often(
    fc.constantFrom('', '?x=1', '#top', '?a=b&c=d#f'),
    fc.string({ maxLength: 8 }).map((t) => (t.length % 2 ? `?${t}` : `#${t}`)),
  );
  const after = often(fc.constant(''), fc.constantFrom(' ', '\t', '\n'));
  const drawn = fc.tuple(scheme, separator, host, port, path, tail, after).map((parts) => parts.join(''));
  // And one character of a drawn URL replaced by another.
  const mutated = withOneCharacterReplaced(drawn, 'aZ09.-:/@%?#[]\\ é');
  const url = fc.oneof({ arbitrary: drawn, weight: 3 }, mutated);

  it('gives exactly the standard parser\'s parts whenever it reads a URL (10,000 generated URLs)', () => {
    let read = 0;
    fc.assert(fc.property(url, (candidate) => {
      const plain = parsePlainHttpUrl(candidate);
      if (plain === undefined) return;
      read++;
      expect(partsOf(candidate, plain)).toEqual(standardParts(candidate));
    }), { numRuns: 10_000 });
    // Not vacuous: a good share of the generated URLs are plain ones.
    expect(read).toBeGreaterThan(600);
  });

  const PLAIN: [url: string, read: boolean][] = [
    ['http://127.0.0.1:8080/s/c3/api?x=1', true], ['https://api.example.com', true], ['https://api.example.com:443/a', true],
    ['http://localhost:80/#top', true], ['http://a-b.test:65535/p;q=1/@x', true],
    // Whatever follows the origin is the path's, the query's or the fragment's: read for the origin's parts alone.
    ['http://a.test/%2e/', true], ['http://a.test/./x', true], ['http://a.test/a b', true], ['http://a.test/é', true],
    ['http://a.test?q= x', true], ['http://a.test\\x', false], ['http://a.test x/', false],
    ['http://127.1:8080/', false], ['http://127.000.0.1/', false], ['http://1.2.3.4.5/', false], ['http://example.0x1/', false],
    ['HTTP://a.test/', false], ['http://A.test/', false], ['http://a.test:080/', false], ['http://a.test:65536/', false],
    ['http://u@a.test/', false], ['http://xn--nxasmq6b.test/', false], ['http://a_b.test/', false], [' http://a.test/', false],
  ];
  it.each(PLAIN)('%s: read by the scanner %s, same parts as the parser', (candidate, read) => {
    const plain = parsePlainHttpUrl(candidate);
    expect(plain !== undefined).toBe(read);
    expect(partsOf(candidate, parseUrl(candidate))).toEqual(standardParts(candidate));
  });
});

describe('targetOf', () => {
  it('reads what normalize kept, else parses the URL', () => {
    const kept = parseUrl('http://kept.test/');
    expect(targetOf({ url: 'http://other.test/', target: kept })).toBe(kept);
    expect(targetOf({ url: 'http://other.test/', target: null })).toBeNull();
    expect(targetOf({ url: 'http://other.test/x' })?.origin).toBe('http://other.test');
  });
});

describe('addressSpaceOf', () => {
  const SPACES: [string, ReturnType<typeof addressSpaceOf>][] = [
    ['http://localhost:3000', 'loopback'], ['http://api.localhost/', 'loopback'], ['http://127.0.0.1:4000/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'], ['http://10.0.0.5/', 'local'], ['http://192.168.1.10/', 'local'],
    ['http://172.16.0.1/', 'local'], ['http://172.32.0.1/', 'public'], ['http://169.254.1.1/', 'local'],
    ['http://[fd00::1]/', 'local'], ['http://[FE80::1]/', 'local'], ['http://printer.local/', 'local'],
    ['https://example.com/', 'public'], ['not a url', null],
  ];
  it.each(SPACES)('%s → %s', (url, space) => expect(addressSpaceOf(url)).toBe(space));
});

describe('classifyOriginMismatch', () => {
  const KINDS: [allowOrigin: string, origin: string, kind: ReturnType<typeof classifyOriginMismatch>][] = [
    ['http://localhost:3000/', 'http://localhost:3000', 'trailing-slash'],
    ['HTTP://LOCALHOST:3000', 'http://localhost:3000', 'case'],
    ['https://localhost:3000', 'http://localhost:3000', 'scheme'],
    ['http://localhost:5173', 'http://localhost:3000', 'port'],
    ['http://example.com', 'http://localhost:3000', 'host'],
    ['http://localhost:3000/app', 'http://localhost:3000', 'path'],
    ['localhost:3000', 'http://localhost:3000', 'host'], // a scheme "localhost:" and an opaque origin
    ['http//localhost:3000', 'http://localhost:3000', 'other'],
  ];
  it.each(KINDS)('%s against %s: %s', (allowOrigin, origin, kind) => expect(classifyOriginMismatch(allowOrigin, origin)).toBe(kind));
});
