/** Scenario files and share links: round trips, redaction, and a clear message for every bad input. */
import { describe, expect, it } from 'vitest';
import { blankScenario, type WhatIfScenario } from '../../../src/engine/teaching/scenario.ts';
import {
  base64UrlDecode, base64UrlEncode, MAX_SCENARIO_BYTES, parseScenario, scenarioToJson, scenarioToShareLink,
} from '../../../src/engine/teaching/share.ts';
import { LIMITS, validateScenario } from '../../../src/engine/teaching/validate.ts';

const scenario: WhatIfScenario = {
  ...blankScenario(),
  title: 'Ünïcode title — “quotes” 🚀',
  method: 'PUT',
  requestHeaders: [{ name: 'Authorization', value: 'Bearer s3cr3t-token-value' }, { name: 'X-Trace', value: 'a<b>&"c"' }],
  actualResponse: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://localhost:5173' }, { name: 'Set-Cookie', value: 'sid=abcdef123456; Secure' }] },
  preflightCache: 'warm',
};

const BASE = 'chrome-extension://abcdefghijklmnop/src/panel/panel.html';

describe('base64url', () => {
  it.each([
    ['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 test vector %j → %s (no padding)', (text, encoded) => {
    expect(base64UrlEncode(new TextEncoder().encode(text))).toBe(encoded);
    expect(new TextDecoder().decode(base64UrlDecode(encoded)!)).toBe(text);
  });

  it('uses - and _ instead of + and /', () => {
    expect(base64UrlEncode(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(Array.from(base64UrlDecode('-_-_')!)).toEqual([0xfb, 0xff, 0xbf]);
  });

  it.each(['ab+c', 'a/bc', 'abcde', 'ab cd'])('rejects %j', (text) => expect(base64UrlDecode(text)).toBeNull());
});

describe('scenario JSON file', () => {
  it('round-trips with secrets included on request', () => {
    const parsed = parseScenario(scenarioToJson(scenario, { includeSecrets: true }));
    expect(parsed).toEqual({ ok: true, scenario });
  });

  it('redacts secret header values by default, keeping names and every CORS header', () => {
    const json = scenarioToJson(scenario);
    expect(json).not.toContain('s3cr3t-token-value');
    expect(json).not.toContain('abcdef123456');
    const parsed = parseScenario(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.requestHeaders).toEqual([{ name: 'Authorization', value: 'Bearer REDACTED' }, { name: 'X-Trace', value: 'a<b>&"c"' }]);
    expect(parsed.scenario.actualResponse.headers[1]).toEqual({ name: 'Set-Cookie', value: 'sid=REDACTED; Secure' });
    expect(parsed.scenario.actualResponse.headers[0]).toEqual({ name: 'Access-Control-Allow-Origin', value: 'http://localhost:5173' });
  });

  it('starts with a format marker and a version', () => {
    expect(JSON.parse(scenarioToJson(scenario))).toMatchObject({ format: 'cors-lens-scenario', version: 1 });
  });

  it('drops unknown fields instead of carrying them along', () => {
    const parsed = parseScenario(JSON.stringify({ ...JSON.parse(scenarioToJson(scenario)), script: 'alert(1)' }));
    expect(parsed.ok && 'script' in parsed.scenario).toBe(false);
  });
});

describe('share link', () => {
  const link = scenarioToShareLink(scenario, `${BASE}#old-fragment`, { includeSecrets: true });

  it('is the base URL (old fragment dropped) with #scenario=<base64url>', () => {
    expect(link.startsWith(`${BASE}#scenario=`)).toBe(true);
    expect(link.slice(link.indexOf('=') + 1)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['the whole link', (l: string) => l],
    ['the fragment', (l: string) => l.slice(l.indexOf('#'))],
    ['"scenario=…"', (l: string) => l.slice(l.indexOf('#') + 1)],
    ['the bare base64url', (l: string) => l.slice(l.indexOf('=') + 1)],
    ['the link with spaces around it', (l: string) => `  ${l}\n`],
  ])('opens from %s', (_name, cut) => {
    expect(parseScenario(cut(link))).toEqual({ ok: true, scenario });
  });

  it('redacts by default: header secrets, and tokens in the URL and the title', () => {
    const withToken = { ...scenario, url: 'http://localhost:3000/api/data?api_key=k3y-v4lue-123&page=2', title: 'GET http://localhost:3000/api/data?api_key=k3y-v4lue-123' };
    const link = scenarioToShareLink(withToken, BASE);
    const parsed = parseScenario(link);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.requestHeaders[0]!.value).toBe('Bearer REDACTED');
    expect(parsed.scenario.url).toBe('http://localhost:3000/api/data?api_key=REDACTED&page=2');
    expect(parsed.scenario.title).not.toContain('k3y-v4lue-123');
    expect(scenarioToJson(withToken)).not.toContain('k3y-v4lue-123');
  });
});

describe('the largest scenario the limits allow', () => {
  // Three lists of 40 headers, names of 100 characters, values of 2,000: 250,000 characters.
  const headers = (side: string) => Array.from({ length: LIMITS.headers }, (_, i) => ({ name: `x-${side}-${i}-`.padEnd(LIMITS.nameLength, 'n'), value: 'v'.repeat(LIMITS.valueLength) }));
  const largest: WhatIfScenario = {
    ...blankScenario(), requestHeaders: headers('req'),
    preflightResponse: { status: 204, headers: headers('pre') }, actualResponse: { status: 200, headers: headers('act') },
  };
  it('is valid, and opens again from its link and from its file', () => {
    expect(validateScenario({ format: 'cors-lens-scenario', version: 1, ...largest })).toEqual([]);
    const link = scenarioToShareLink(largest, BASE, { includeSecrets: true });
    expect(link.length).toBeGreaterThan(300_000);
    for (const text of [link, scenarioToJson(largest, { includeSecrets: true })]) {
      const parsed = parseScenario(text);
      expect(parsed.ok && parsed.scenario).toEqual(largest);
    }
  });
});

describe('bad input gets a message that says what is wrong', () => {
  const validJson = scenarioToJson(scenario);
  const link = scenarioToShareLink(scenario, BASE);
  const encode = (text: string) => `${BASE}#scenario=${base64UrlEncode(new TextEncoder().encode(text))}`;
  it.each([
    ['empty', '', 'Nothing to open'],
    ['a web address without a scenario', 'https://example.com/page', 'not a scenario link'],
    // Cut at a multiple of 4 characters, so the base64url itself still decodes: the JSON is what breaks.
    ['a link cut short', `${BASE}#scenario=${link.split('=')[1]!.slice(0, 120)}`, 'not valid JSON'],
    ['a link with a character that is not base64url', `${link.slice(0, -3)}*`, 'not base64url'],
    ['JSON that is not a scenario (a HAR)', '{"log":{"entries":[]}}', 'not a CORS Lens scenario'],
    ['a future version', validJson.replace('"version": 1', '"version": 2'), 'version 2'],
    ['JSON cut short', validJson.slice(0, 50), 'not valid JSON'],
    ['a scenario with a broken field', validJson.replace('"method": "PUT"', '"method": "GET POST"'), 'method: "GET POST" is not an HTTP method'],
    ['a scenario missing its responses', JSON.stringify({ format: 'cors-lens-scenario', version: 1, ...blankScenario(), actualResponse: undefined }), 'actualResponse: expected'],
    ['a link whose payload is not UTF-8', `${BASE}#scenario=${base64UrlEncode(Uint8Array.from([0x7b, 0xff, 0xfe]))}`, 'not UTF-8'],
    ['a link whose payload is not JSON', encode('hello'), 'not JSON'],
    ['too large', `{${' '.repeat(MAX_SCENARIO_BYTES)}}`, 'too large'],
    // Nested 5,000 deep (10 KB): quoting it in the message overflowed the stack.
    ['a title nested 5,000 deep', withField('title', DEEP), 'title: expected text, got a list.'],
    ['a version nested 5,000 deep', withField('version', DEEP), 'version a list;'],
    ['a method nested 5,000 deep', withField('method', DEEP), 'method: expected text, got a list.'],
    ['credentials as an object', withField('credentials', '{"a":1}'), 'credentials: expected "omit", "same-origin" or "include", got an object.'],
    ['a 40,000-character header name, quoted short', validJson.replace('"name": "Authorization"', `"name": "${'x'.repeat(40_000)} y"`), `"${'x'.repeat(79)}…`],
  ])('%s', (_name, input, message) => {
    const parsed = parseScenario(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
    if (!parsed.ok) expect(parsed.error.length).toBeLessThan(2_000);
  });
});

const DEEP = `${'['.repeat(5_000)}"x"${']'.repeat(5_000)}`;
/** The scenario file with one field's JSON text replaced. */
function withField(field: string, json: string): string {
  const file = JSON.parse(scenarioToJson(scenario)) as Record<string, unknown>;
  return JSON.stringify({ ...file, [field]: '@@' }).replace('"@@"', json);
}
