import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHar, analyzeHarText } from '../../../src/engine/diagnose.ts';
import { involvedExchanges, involvedHar } from '../../../src/engine/export/har.ts';
import { normalizeHar } from '../../../src/engine/normalize.ts';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'chromium');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.har')).sort();
const creator = { name: 'cors-lens', version: 'test' };
const verdicts = (doc: unknown) => analyzeHar(doc).diagnoses.map((d) => `${d.verdict} ${d.ruleId} ${d.chromiumError ?? '-'}`);

describe('the involved-entries HAR reads back to the same diagnoses (every Chromium recording)', () => {
  it.each(fixtures)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const doc = JSON.parse(text);
    const { diagnoses } = analyzeHarText(text);
    const expected = verdicts(doc);
    const raw = { entries: doc.log.entries, pages: doc.log.pages };
    // Redacted, from the file's entries (CLI) and rebuilt from exchanges (panel); and with secrets.
    expect(verdicts(involvedHar(diagnoses, { creator, raw }))).toEqual(expected);
    expect(verdicts(involvedHar(diagnoses, { creator }))).toEqual(expected);
    expect(verdicts(involvedHar(diagnoses, { creator, includeSecrets: true }))).toEqual(expected);
  });
});

describe('involvedHar', () => {
  // The example capture: many recordings in one file.
  const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'blocked-requests.har'), 'utf8');
  const doc = JSON.parse(text);
  const { diagnoses } = analyzeHarText(text);
  const blocked = diagnoses.filter((d) => d.ruleId === 'preflight-rejected' && d.chromiumError === 'PreflightInvalidStatus').slice(0, 1);

  it('holds just the entries one diagnosis involves: its preflight and its request', () => {
    expect(blocked).toHaveLength(1);
    const har = involvedHar(blocked, { creator, raw: { entries: doc.log.entries, pages: doc.log.pages } });
    expect(har.log.entries.map((e) => (e as { request: { method: string } }).request.method).sort()).toEqual(['OPTIONS', 'PUT']);
    expect(doc.log.entries.length).toBeGreaterThan(10); // the rest of the file is not in it
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.comment).toMatch(/Secrets redacted/);
    expect(normalizeHar(har).exchanges).toHaveLength(2);
  });

  it('lists each exchange once when diagnoses share one', () => {
    expect(involvedExchanges([...blocked, ...blocked])).toHaveLength(2);
  });

  it('keeps every field of the original entry when secrets are included', () => {
    const har = involvedHar(blocked, { creator, includeSecrets: true, raw: { entries: doc.log.entries } });
    const put = doc.log.entries.find((e: { request: { method: string } }) => e.request.method === 'PUT');
    expect(har.log.entries).toContainEqual(put);
    expect(har.log.creator.comment).toMatch(/WITH secrets/);
  });
});
