import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/run-cli.ts';
import { har, PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { snippetGenerators } from '../../../src/engine/snippets/index.ts';

const run = runCliCaptured;

const blockedLog = JSON.stringify(har([
  simpleRequest({ blocked: true }),
  ...preflightedRequest({ method: 'PUT', requestHeaders: ['X-Api-Key'], preflightStatus: 401 }),
]));
const okLog = JSON.stringify(har([simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } })]));

describe('cors-lens analyze: exit status and bad input', () => {
  it.each([
    ['', 'empty', /file is empty/],
    ['   \n', 'blank', /file is empty/],
    ['<html>not json</html>', 'not JSON', /not JSON/],
    [blockedLog.slice(0, 200), 'truncated', /truncated/],
    ['{"entries": []}', 'JSON but not HAR', /not a HAR file/],
    ['[1,2,3]', 'a JSON array', /not a HAR file/],
    ['{"log": {"entries": "nope"}}', 'entries not a list', /not a HAR file/],
  ])('%s (%s) → exit 2 with a message naming the problem', (input, _label, message) => {
    const result = run(['analyze', 'x.har'], input);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(result.stdout).toBe('');
  });

  it('exit 1 when something is blocked, 0 when nothing is', () => {
    expect(run(['analyze', 'x.har'], blockedLog).code).toBe(1);
    expect(run(['analyze', 'x.har'], okLog).code).toBe(0);
  });

  it('rejects an unknown stack by name', () => {
    const result = run(['analyze', 'x.har', '--stack', 'cobol'], okLog);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown --stack "cobol"');
  });

  it.each([
    ['no entries', JSON.stringify(har([])), /^The HAR holds no requests\. Was DevTools recording\?/m],
    ['only same-origin requests', JSON.stringify(har([simpleRequest({ url: `${PAGE}/api/same` })])), /^None of them is cross-origin, so CORS did not apply \(--all lists them\)\.$/m],
  ])('%s: the text report says why it shows nothing', (_label, log, hint) => {
    const result = run(['analyze', 'x.har'], log);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(hint);
  });

  it('an entry whose URL does not parse is skipped and named, not passed off as same-origin', () => {
    const bad = simpleRequest({}) as { request: { url: string } };
    bad.request.url = 'not a url';
    const log = JSON.stringify(har([simpleRequest({ blocked: true }), bad]));
    const report = JSON.parse(run(['analyze', 'x.har', '--json', '--all'], log).stdout);
    expect(report.source.skipped).toEqual(['entry 1 skipped: the request URL is not a URL ("not a url")']);
    expect(report.results).toHaveLength(1);
  });

  it('reports skipped entries instead of dropping them silently', () => {
    const log = JSON.stringify(har([simpleRequest({ blocked: true }), { request: {} }, 'junk']));
    const result = run(['analyze', 'x.har', '--json'], log);
    const report = JSON.parse(result.stdout);
    expect(report.source.skipped).toEqual(['entry 1 skipped: no request URL', 'entry 2 skipped: not an object']);
    expect(result.stderr).toContain('2 HAR entries could not be read');
  });
});

describe('cors-lens analyze --json', () => {
  it('prints the documented shape', () => {
    const report = JSON.parse(run(['analyze', 'x.har', '--json'], blockedLog).stdout);
    expect(report.version).toBe(1);
    expect(report.results).toHaveLength(2);
    const [simple, preflighted] = report.results;
    expect(simple).toMatchObject({
      url: 'http://127.0.0.1:4000/data', method: 'GET', status: 'blocked', ruleId: 'missing-allow-origin',
      chromiumError: 'MissingAllowOriginHeader', firefoxReason: 'CORSMissingAllowOrigin', preflight: null,
    });
    expect(typeof simple.title).toBe('string');
    expect(typeof simple.summary).toBe('string');
    expect(typeof simple.startedDateTime).toBe('string');
    expect(Array.isArray(simple.evidence)).toBe(true);
    expect(Object.keys(simple.snippets)).toEqual(snippetGenerators.map((g) => g.id));
    expect(preflighted).toMatchObject({
      method: 'PUT', status: 'blocked', ruleId: 'preflight-rejected', chromiumError: 'PreflightMissingAllowOriginHeader',
      // Firefox checks Allow-Origin before the status (firefox-esr recordings: preflight-403/404-no-cors).
      firefoxReason: 'CORSMissingAllowOrigin', preflight: { url: 'http://127.0.0.1:4000/items/1', status: 401 },
    });
  });

  it('carries only the fix for the server --stack names (a fix for all 17 is most of a result)', () => {
    const every = JSON.parse(run(['analyze', 'x.har', '--json'], blockedLog).stdout);
    const nginx = JSON.parse(run(['analyze', 'x.har', '--json', '--stack', 'nginx'], blockedLog).stdout);
    expect(nginx.results.map((r: { snippets: object }) => Object.keys(r.snippets))).toEqual([['nginx'], ['nginx']]);
    expect(nginx.results[1].snippets.nginx).toBe(every.results[1].snippets.nginx);
    // Apart from the snippets, the same report.
    const withoutSnippets = (report: { results: object[] }) => report.results.map((r) => ({ ...r, snippets: null }));
    expect(withoutSnippets(nginx)).toEqual(withoutSnippets(every));
  });

  it('lists only cross-origin requests unless --all', () => {
    const sameOrigin = { ...simpleRequest({}), request: { method: 'GET', url: `${PAGE}/app.js`, headers: [{ name: 'Referer', value: `${PAGE}/` }] } };
    const log = JSON.stringify(har([sameOrigin, simpleRequest({ blocked: true })]));
    expect(JSON.parse(run(['analyze', 'x.har', '--json'], log).stdout).results).toHaveLength(1);
    const all = JSON.parse(run(['analyze', 'x.har', '--json', '--all'], log).stdout).results;
    expect(all.map((r: { status: string }) => r.status)).toEqual(['not-cors', 'blocked']);
  });
});

describe('cors-lens analyze (text and Markdown)', () => {
  it('prints the verdict, the cause and the fix without colour when not a TTY', () => {
    const { stdout } = run(['analyze', 'x.har'], blockedLog);
    expect(stdout).toContain('✖ BLOCKED  PUT http://127.0.0.1:4000/items/1');
    expect(stdout).toContain('Chromium: PreflightMissingAllowOriginHeader');
    expect(stdout).toContain('auth runs before CORS');
    expect(stdout).not.toContain('\x1b[');
  });

  it('escapes terminal control sequences found in header values', () => {
    const hostile = JSON.stringify(har([simpleRequest({ blocked: true, responseHeaders: { 'Access-Control-Allow-Origin': 'http://x\x1b[2J.test' } })]));
    const { stdout } = run(['analyze', 'x.har'], hostile);
    expect(stdout).not.toContain('\x1b[2J');
    expect(stdout).toContain('\\x1b[2J');
  });

  it('escapes the characters that reorder or hide text (a right-to-left override)', () => {
    const hostile = JSON.stringify(har([simpleRequest({ blocked: true, responseHeaders: { 'Access-Control-Allow-Origin': '\u202e3715:tsohlacol//:ptth\u200b' } })]));
    const { stdout } = run(['analyze', 'x.har'], hostile);
    expect(stdout).not.toMatch(/[\u202e\u200b]/);
    expect(stdout).toContain('\\u202e3715:tsohlacol//:ptth\\u200b');
  });

  it('writes a Markdown report with the fix for the chosen stack', () => {
    const { stdout } = run(['analyze', 'x.har', '--markdown', '--stack', 'nginx'], blockedLog);
    expect(stdout).toMatch(/^## CORS Lens report/);
    expect(stdout).toContain('```nginx');
    expect(stdout).toContain('`PreflightMissingAllowOriginHeader`');
  });

  it('prints the express fix unless --stack names another server', () => {
    expect(run(['analyze', 'x.har'], blockedLog).stdout).toContain('Server fix (express):');
    expect(run(['analyze', 'x.har', '--markdown'], blockedLog).stdout).toContain('```js');
    const flask = run(['analyze', 'x.har', '--stack', 'flask'], blockedLog).stdout;
    expect(flask).toContain('Server fix (flask):');
    expect(flask).not.toContain('Server fix (express):');
  });
});

describe('cors-lens analyze --har-out and --include-secrets', () => {
  const secretLog = JSON.stringify(har([
    simpleRequest({ requestHeaders: { Cookie: 'sid=cookie-value-123', Authorization: 'Bearer token-value-456' }, blocked: true }),
  ]));
  const runWithFiles = runCliCaptured;

  it('redacts by default in every format, and --include-secrets keeps them with a warning on stderr', () => {
    for (const format of [[], ['--json'], ['--markdown']]) {
      const redacted = runWithFiles(['analyze', 'x.har', ...format], secretLog);
      expect(redacted.stdout).not.toMatch(/cookie-value-123|token-value-456/);
      expect(redacted.stderr).toBe('');
      const included = runWithFiles(['analyze', 'x.har', '--include-secrets', ...format], secretLog);
      expect(included.stderr).toContain('--include-secrets: this output holds cookies');
      if (format.length > 0) expect(included.stdout).toContain('cookie-value-123');
    }
  });

  it('writes the involved entries, redacted, and says where', () => {
    const result = runWithFiles(['analyze', 'x.har', '--har-out', 'involved.har'], secretLog);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cors-lens: wrote 1 HAR entry to involved.har (redacted).\n');
    const written = JSON.parse(result.files['involved.har']!);
    expect(written.log.entries[0].request.headers).toEqual(expect.arrayContaining([
      { name: 'Cookie', value: 'sid=REDACTED' }, { name: 'Authorization', value: 'Bearer REDACTED' },
    ]));
  });

  it('refuses to overwrite the file it reads', () => {
    const result = runWithFiles(['analyze', 'x.har', '--har-out', './x.har'], secretLog);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('would overwrite the HAR being read');
    expect(result.files).toEqual({});
  });
});
