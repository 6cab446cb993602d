/**
 * The engine reads headers written by any server on the internet: whatever the HAR holds, it
 * must answer with a valid diagnosis or a clear input error, never throw. fast-check generates
 * 10,000 cases per run (the counts are asserted below, so a smaller run cannot pass silently):
 * arbitrary text, arbitrary JSON, HAR-shaped documents with hostile fields, and real Chromium
 * recordings with their header values replaced by hostile ones. Every diagnosis also goes
 * through the exports (JSON, Markdown, terminal text, curl), which must not throw either.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatText } from '../../src/cli/format-text.ts';
import { analyzeHarText, type LogDiagnosis } from '../../src/engine/diagnose.ts';
import { explain } from '../../src/engine/explain/index.ts';
import { curlScript } from '../../src/engine/export/curl.ts';
import { toJsonReport } from '../../src/engine/export/json.ts';
import { diagnosesToMarkdown } from '../../src/engine/export/markdown.ts';
import { HarInputError } from '../../src/engine/normalize.ts';
import { ruleById } from '../../src/engine/rules/index.ts';

const VERDICTS = new Set(['blocked', 'warning', 'ok', 'not-cors']);
const INPUT_PROBLEMS = new Set(['empty', 'not-json', 'truncated', 'not-har']);
const FIXTURES = new URL('../fixtures/chromium/', import.meta.url);
const RECORDINGS: string[] = readdirSync(FIXTURES).filter((f) => f.endsWith('.har')).map((f) => readFileSync(new URL(f, FIXTURES), 'utf8'));

let generated = 0;
afterAll(() => {
  // The issue asks for 10,000 generated cases in the regular run; fail loudly if a change shrinks it.
  expect(generated).toBeGreaterThanOrEqual(10_000);
});

/** A diagnosis is valid when its verdict, rule and Chromium error agree with the rule table. */
function expectValid(analysis: LogDiagnosis, entryCount: number): void {
  expect(Array.isArray(analysis.problems)).toBe(true);
  expect(analysis.diagnoses.length).toBeLessThanOrEqual(entryCount);
  for (const diagnosis of analysis.diagnoses) {
    expect(VERDICTS.has(diagnosis.verdict)).toBe(true);
    const rule = ruleById.get(diagnosis.ruleId);
    expect(rule, `unknown rule ${diagnosis.ruleId}`).toBeDefined();
    if (diagnosis.chromiumError !== null) expect(rule!.meta.chromiumErrors).toContain(diagnosis.chromiumError);
    for (const warning of diagnosis.warnings) expect(ruleById.get(warning.ruleId)?.meta.verdict).toBe('warning');
    const explanation = explain(diagnosis);
    expect(typeof explanation.title).toBe('string');
  }
}

/** Every export a user can make of the analysis: none may throw on hostile data. */
function exportEverything(analysis: LogDiagnosis): void {
  const report = toJsonReport(analysis.diagnoses, { creator: analysis.creator, entries: analysis.diagnoses.length, skipped: analysis.problems }, {
    toolVersion: 'test', includeSecrets: false,
  });
  JSON.parse(JSON.stringify(report));
  diagnosesToMarkdown(analysis.diagnoses, { includeSecrets: false, stack: 'nginx' });
  formatText(report.results, { color: true, stack: 'express', skipped: report.source.skipped, total: analysis.diagnoses.length });
  for (const diagnosis of analysis.diagnoses.slice(0, 3)) curlScript(diagnosis.transaction);
}

/** Either a valid analysis or a HarInputError with a message: anything else fails the property. */
function analyzeOrInputError(text: string, entryCount: number): 'analysis' | 'input-error' {
  let analysis: LogDiagnosis;
  try {
    analysis = analyzeHarText(text);
  } catch (error) {
    if (!(error instanceof HarInputError)) throw error;
    expect(INPUT_PROBLEMS.has(error.problem)).toBe(true);
    expect(error.message.length).toBeGreaterThan(10);
    return 'input-error';
  }
  expectValid(analysis, entryCount);
  exportEverything(analysis);
  return 'analysis';
}

// ---------------------------------------------------------------------------------------------
// Generators: what a hostile or broken server, proxy or HAR exporter can put in a file.

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>', 'javascript:alert(1)', '\r\nSet-Cookie: x=1',
    '\u0000', '\ud800', '\x1b[2J', '*', 'null', '', ' ', ',', '*, *', 'http://localhost:3000/', 'HTTP://LOCALHOST:3000',
    '{{pageOrigin}}', '__proto__', 'constructor', 'true', 'TRUE', '-1', '1e400', 'GET, PUT', 'x-api-key', 'Origin',
  ),
  fc.integer({ min: 1, max: 20 }).map((n) => 'A'.repeat(n * 97)),
);
/** Values up to 1 MB, one at a time (exports of many such values are slow: see hugeValue below). */
const hugeValue = fc.integer({ min: 1, max: 1024 }).map((kb) => `<img src=x onerror=alert(1)>${'\u00ff'.repeat(kb * 1024)}`);
const headerName = fc.oneof(
  fc.constantFrom('Origin', 'Access-Control-Allow-Origin', 'access-control-allow-credentials', 'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Access-Control-Max-Age',
    'Access-Control-Expose-Headers', 'Vary', 'Cookie', 'Set-Cookie', 'Authorization', 'Referer', 'Location', 'Content-Type'),
  hostileText,
);
const anyValue = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
const header = fc.oneof(
  { weight: 8, arbitrary: fc.record({ name: headerName, value: hostileText }) },
  { weight: 1, arbitrary: fc.record({ name: anyValue, value: anyValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyValue },
);
const headers = fc.oneof({ weight: 9, arbitrary: fc.array(header, { maxLength: 6 }) }, { weight: 1, arbitrary: anyValue });
const url = fc.oneof(
  fc.constantFrom('http://127.0.0.1:4000/data', 'http://localhost:3000/app', 'https://api.example/x', 'javascript:alert(1)',
    'data:text/plain,x', 'http://user:pass@127.0.0.1:4000/', 'http://[::1]:80/', 'http://%zz/', 'file:///etc/passwd', 'about:blank'),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  hostileText,
);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'patch', 'HEAD'), hostileText, anyValue);
const dateTime = fc.oneof(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constant('2026-11-23T10:00:00.000Z'), hostileText, anyValue,
);
const harEntry = fc.record({
  startedDateTime: dateTime,
  request: fc.oneof({ weight: 9, arbitrary: fc.record({ method, url, headers }, { requiredKeys: ['url'] }) }, { weight: 1, arbitrary: anyValue }),
  response: fc.oneof({ weight: 9, arbitrary: fc.record({
    status: fc.oneof(fc.constantFrom(0, 200, 204, 301, 302, 401, 404, 500), fc.integer(), fc.double(), anyValue),
    statusText: hostileText, headers, redirectURL: fc.oneof(url, anyValue), _error: fc.oneof(fc.constantFrom('net::ERR_FAILED', 'net::ERR_BLOCKED_BY_CLIENT', ''), anyValue),
    _fetchedViaServiceWorker: anyValue,
  }, { requiredKeys: [] }) }, { weight: 1, arbitrary: anyValue }),
  _resourceType: fc.oneof(fc.constantFrom('fetch', 'xhr', 'preflight', 'document'), anyValue),
  _initiator: fc.oneof(fc.record({ type: fc.oneof(fc.constantFrom('script', 'preflight', 'other'), anyValue) }), anyValue),
  pageref: fc.oneof(fc.constant('page_1'), anyValue),
}, { requiredKeys: ['request'] });
const entryOrJunk = fc.oneof({ weight: 9, arbitrary: harEntry }, { weight: 1, arbitrary: fc.anything() });

type HeaderLine = { name: string; value: string };
/** The part of a recorded entry the edits below touch. */
interface RecordedEntry { request?: { headers?: HeaderLine[] }; response?: { headers?: HeaderLine[] } }

// ---------------------------------------------------------------------------------------------

describe('engine on arbitrary input: a valid diagnosis or a clear input error, never a throw', () => {
  it('arbitrary text (2,000 cases)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string().map((s) => `{"log":{"entries":${s}`));
    fc.assert(fc.property(text, (input) => {
      generated++;
      analyzeOrInputError(input, Number.MAX_SAFE_INTEGER);
    }), { numRuns: 2_000 });
  }, 120_000);

  it('truncated real recordings are reported as truncated (1,000 cases)', () => {
    const cut = fc.tuple(fc.constantFrom(...RECORDINGS), fc.double({ min: 0, max: 0.999, noNaN: true }));
    fc.assert(fc.property(cut, ([recording, fraction]) => {
      generated++;
      const end = Math.floor(recording.length * fraction);
      const text = recording.slice(0, end);
      if (text.trim() === '') return;
      let complete = true;
      try { JSON.parse(text); } catch { complete = false; }
      if (complete) return; // only the trailing newline was cut: still the whole HAR
      expect(() => analyzeHarText(text)).toThrow(HarInputError);
      try { analyzeHarText(text); } catch (error) { expect(['truncated', 'not-json']).toContain((error as HarInputError).problem); }
    }), { numRuns: 1_000 });
  }, 120_000);

  it('HAR-shaped documents with hostile entries, headers, URLs, statuses and dates (4,000 cases)', () => {
    const doc = fc.record({
      log: fc.record({
        version: fc.oneof(fc.constant('1.2'), anyValue),
        creator: fc.oneof(fc.record({ name: hostileText, version: hostileText }), anyValue),
        pages: fc.oneof(fc.array(fc.record({ id: fc.oneof(fc.constant('page_1'), anyValue), title: fc.oneof(url, anyValue) }), { maxLength: 2 }), anyValue),
        entries: fc.array(entryOrJunk, { maxLength: 8 }),
      }, { requiredKeys: ['entries'] }),
    });
    let analyses = 0;
    fc.assert(fc.property(doc, (document) => {
      generated++;
      if (analyzeOrInputError(JSON.stringify(document), document.log.entries.length) === 'analysis') analyses++;
    }), { numRuns: 4_000 });
    expect(analyses).toBe(4_000); // every one of these is a HAR: none may be refused as input
  }, 120_000);

  it('real Chromium recordings with hostile header values and names (3,000 cases)', () => {
    const recording = fc.constantFrom(...RECORDINGS.map((text) => JSON.parse(text) as { log: { entries: RecordedEntry[] } }));
    const edits = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), headerName, hostileText), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(recording, edits, (har, changes) => {
      generated++;
      const copy = structuredClone(har);
      const entries = copy.log.entries;
      if (entries.length === 0) return;
      for (const [entryAt, headerAt, inResponse, rename, name, value] of changes) {
        const target = entries[entryAt % entries.length]!;
        const list = (inResponse ? target.response : target.request)?.headers;
        if (!list || list.length === 0) continue;
        const slot = list[headerAt % list.length]!;
        if (rename) list.push({ name, value });
        else slot.value = value;
      }
      expect(analyzeOrInputError(JSON.stringify(copy), entries.length)).toBe('analysis');
    }), { numRuns: 3_000 });
  }, 120_000);

  it('a header value of up to 1 MB in a real recording (50 cases)', () => {
    const recording = fc.constantFrom(...RECORDINGS.map((text) => JSON.parse(text) as { log: { entries: RecordedEntry[] } }));
    fc.assert(fc.property(recording, hugeValue, fc.constantFrom('Access-Control-Allow-Origin', 'Access-Control-Allow-Headers', 'Vary'), (har, value, name) => {
      generated++;
      const copy = structuredClone(har);
      for (const entry of copy.log.entries) entry.response?.headers?.push({ name, value });
      expect(analyzeOrInputError(JSON.stringify(copy), copy.log.entries.length)).toBe('analysis');
    }), { numRuns: 50 });
  }, 120_000);
});
