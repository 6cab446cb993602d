/** The URL parts the engine reads (src/engine/origin.ts), and the address space a host is in. */
import { describe, expect, it } from 'vitest';
import { addressSpaceOf, classifyOriginMismatch, parseUrl, targetOf } from '../../src/engine/origin.ts';

type Parts = [origin: string, scheme: string, hostname: string, port: string, pathname: string, hasCredentials: boolean];

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
    const parts = parseUrl(url);
    expect(parts && [parts.origin, parts.scheme, parts.hostname, parts.port, parts.pathname, parts.hasCredentials]).toEqual(expected);
  });

  it('hands the same parts for the same URL (remembered)', () => {
    expect(parseUrl('http://localhost:3000/same')).toBe(parseUrl('http://localhost:3000/same'));
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
