/**
 * Golden files: the CLI's Markdown, JSON and --har-out on real Chromium recordings
 * (test/fixtures/chromium), redacted as by default. A change in wording or shape shows up as a
 * diff to review. To accept a change on purpose:  UPDATE_GOLDENS=1 npx vitest run test/golden
 * (or npm run test:update-goldens), then read the diff before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const goldenDir = join(here, 'files');
const UPDATE = process.env.UPDATE_GOLDENS === '1';

/** Chosen to cover every part of a report: preflight, redirect, cookies, Authorization, a URL password, warnings, not-CORS. */
const FIXTURES = [
  'preflight-401-auth-first', // preflight rejected, auth first: preflight + request blocks
  'credentials-without-allow-credentials', // a real Cookie header: redacted to its name
  'authorization-under-wildcard', // a real Authorization header, a warning verdict
  'redirect-with-credentials-in-url', // user:password@ in a Location
  'header-not-allowed', // Access-Control-Request-Headers and Allow-Headers
  'preflight-redirect', // redirect hop in the preflight
  'connection-refused', // not CORS
  'ok-reflected-with-credentials', // ok with warnings
];

const REPORT_TIME = new Date('2026-11-23T12:00:00.000Z');
const cli = (argv: string[], input: string) => runCliCaptured(argv, input, REPORT_TIME);

/** Secrets the lab really sent while recording: no golden output may hold them. */
const RECORDED_SECRETS = ['fake-session-for-the-cors-lab', 'lab:secret@', 'Bearer token'];

function golden(name: string, actual: string): void {
  expect(RECORDED_SECRETS.filter((secret) => actual.includes(secret)), `${name} leaks a recorded secret`).toEqual([]);
  const path = join(goldenDir, name);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`No golden file ${name}: run UPDATE_GOLDENS=1 npx vitest run test/golden and review it.`);
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDENS=1 to accept on purpose)`).toBe(readFileSync(path, 'utf8'));
}

describe.each(FIXTURES)('golden output for the recording %s', (fixture) => {
  const input = readFileSync(join(root, 'test', 'fixtures', 'chromium', `${fixture}.har`), 'utf8');

  it('Markdown (--markdown --stack express)', () => {
    const result = cli(['analyze', `${fixture}.har`, '--markdown'], input);
    expect(result.stderr).toBe('');
    golden(`${fixture}.md`, result.stdout);
  });

  it('JSON (--json), and the involved entries (--har-out)', () => {
    const result = cli(['analyze', `${fixture}.har`, '--json', '--har-out', 'out.har'], input);
    expect(JSON.parse(result.stdout).version).toBe(1);
    golden(`${fixture}.json`, result.stdout);
    golden(`${fixture}.involved.har`, result.files['out.har']!);
  });
});

it('golden Markdown for the example capture, every stack in turn', () => {
  const input = readFileSync(join(root, 'examples', 'blocked-requests.har'), 'utf8');
  for (const stack of ['express', 'nginx']) golden(`blocked-requests.${stack}.md`, cli(['analyze', 'blocked-requests.har', '--markdown', '--stack', stack], input).stdout);
});
