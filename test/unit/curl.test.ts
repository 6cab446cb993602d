/**
 * curl reproductions: a table of transactions → the exact commands, and every command run for
 * real (bash + curl) against a local server that echoes what it received, so quoting is proven
 * on hostile values, not assumed.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlCommands, curlScript, shellQuote } from '../../src/engine/export/curl.ts';
import { pairTransactions } from '../../src/engine/pair.ts';
import type { CorsTransaction, Exchange, Header } from '../../src/engine/types.ts';

let server: Server;
let base: string;
interface Received { method: string; url: string; headers: Record<string, string | string[] | undefined> }
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({ method: req.method!, url: req.url!, headers: req.headers });
    res.writeHead(204, { 'Access-Control-Allow-Origin': 'http://app.test' });
    res.end();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

function runShell(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', command], { timeout: 10_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

let nextIndex = 0;
function exchange(method: string, url: string, requestHeaders: Header[], extra: Partial<Exchange> = {}): Exchange {
  return {
    index: nextIndex++, url, method, startedDateTime: '2026-01-01T00:00:00.000Z', startedMs: Date.parse('2026-01-01T00:00:00.000Z') + nextIndex,
    requestHeaders, status: 0, statusText: '', responseHeaders: [], redirectURL: '', error: 'net::ERR_FAILED',
    resourceType: method === 'OPTIONS' ? 'preflight' : 'fetch', initiatorType: method === 'OPTIONS' ? 'preflight' : 'script',
    fetchedViaServiceWorker: false, pageUrl: null, outcome: 'failed', ...extra,
  };
}

function transaction(...exchanges: Exchange[]): CorsTransaction {
  const [tx] = pairTransactions(exchanges);
  return tx!;
}

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['http://127.0.0.1:8080/a?b=c', "'http://127.0.0.1:8080/a?b=c'"],
    ["it's", "'it'\\''s'"],
    ['$(touch /tmp/pwned) `id`', "'$(touch /tmp/pwned) `id`'"],
    ['line\nbreak', "$'line\\nbreak'"],
    ["tab\tand 'quote' and \\", "$'tab\\tand \\'quote\\' and \\\\'"],
    ['bell\x07', "$'bell\\x07'"],
    ['', "''"],
  ])('%j → %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});

describe('curl commands', () => {
  it('a simple GET: the request with its Origin, no preflight', () => {
    const tx = transaction(exchange('GET', 'http://api.test/data', [
      { name: 'Origin', value: 'http://app.test' }, { name: 'Accept', value: '*/*' }, { name: 'User-Agent', value: 'Chrome' },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
    ]));
    expect(curlCommands(tx)).toEqual({
      preflight: null,
      request: "curl -i \\\n  http://api.test/data \\\n  -H 'Origin: http://app.test' \\\n  -H 'Accept: */*'",
    });
  });

  it('a PUT with a custom header: the preflight exactly as the browser sent it, then the request', () => {
    const request = exchange('PUT', 'http://api.test/items/1', [
      { name: 'Origin', value: 'http://app.test' }, { name: 'X-Api-Key', value: 'k1' }, { name: 'Content-Type', value: 'application/json' },
    ]);
    const preflight = exchange('OPTIONS', 'http://api.test/items/1', [
      { name: 'Origin', value: 'http://app.test' }, { name: 'Access-Control-Request-Method', value: 'PUT' },
      { name: 'Access-Control-Request-Headers', value: 'content-type,x-api-key' }, { name: 'Accept', value: '*/*' },
    ]);
    expect(curlCommands(transaction(request, preflight))).toEqual({
      preflight: "curl -i \\\n  -X OPTIONS \\\n  http://api.test/items/1 \\\n  -H 'Origin: http://app.test' \\\n  -H 'Access-Control-Request-Method: PUT' \\\n  -H 'Access-Control-Request-Headers: content-type,x-api-key'",
      request: "curl -i \\\n  -X PUT \\\n  http://api.test/items/1 \\\n  -H 'Origin: http://app.test' \\\n  -H 'X-Api-Key: REDACTED' \\\n  -H 'Content-Type: application/json'",
    });
  });

  it('a preflight missing from the log (cached) is rebuilt from the request', () => {
    const tx = transaction(exchange('DELETE', 'http://api.test/items/1', [
      { name: 'Origin', value: 'http://app.test' }, { name: 'Authorization', value: 'Bearer secret' },
    ]));
    expect(tx.preflightState).toBe('not-in-log');
    const { preflight, request } = curlCommands(tx);
    expect(preflight).toBe("curl -i \\\n  -X OPTIONS \\\n  http://api.test/items/1 \\\n  -H 'Origin: http://app.test' \\\n  -H 'Access-Control-Request-Method: DELETE' \\\n  -H 'Access-Control-Request-Headers: authorization'");
    expect(request).toContain("-H 'Authorization: Bearer REDACTED'");
    expect(curlCommands(tx, { includeSecrets: true }).request).toContain("-H 'Authorization: Bearer secret'");
  });

  it('cookies are redacted unless asked for, and the script says so', () => {
    const tx = transaction(exchange('GET', 'http://api.test/me', [{ name: 'Origin', value: 'http://app.test' }, { name: 'Cookie', value: 'sid=abc' }]));
    const script = curlScript(tx);
    expect(script).toContain("-H 'Cookie: sid=REDACTED'");
    expect(script).toMatch(/# Secret values \(cookies, credentials, API keys, tokens in the URL\) were replaced by REDACTED/);
    expect(curlScript(tx, { includeSecrets: true })).toContain("-H 'Cookie: sid=abc'");
  });
});

describe('the commands run as written (bash + curl against a local server)', () => {
  const hostile = [
    "quote ' and double \" and $(touch /tmp/cors-lens-pwned) and `id`",
    'semicolon; rm -rf nothing & | > /tmp/x',
    'backslash \\ and $HOME and !history',
    'tab\there',
  ];
  it.each(hostile)('%j reaches the server byte for byte', async (value) => {
    received.length = 0;
    const tx = transaction(
      exchange('PATCH', `${base}/p?q=${encodeURIComponent(value)}`, [{ name: 'Origin', value: 'http://app.test' }, { name: 'X-Value', value }]),
      exchange('OPTIONS', `${base}/p?q=${encodeURIComponent(value)}`, [
        { name: 'Origin', value: 'http://app.test' }, { name: 'Access-Control-Request-Method', value: 'PATCH' },
        { name: 'Access-Control-Request-Headers', value: 'x-value' },
      ]),
    );
    const script = curlScript(tx);
    const output = await runShell(script);
    expect(output).toMatch(/HTTP\/1\.1 204/);
    expect(received.map((r) => r.method)).toEqual(['OPTIONS', 'PATCH']);
    expect(received[0]!.headers['access-control-request-method']).toBe('PATCH');
    expect(received[1]!.headers['x-value']).toBe(value);
    expect(received[1]!.headers.origin).toBe('http://app.test');
    expect(decodeURIComponent(received[1]!.url.replace('/p?q=', ''))).toBe(value);
  });
});
