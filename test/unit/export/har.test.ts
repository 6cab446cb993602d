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

  it('redacts values that are not strings, and header lists written as maps', () => {
    const secrets = ['12345678901234', 'OBJSECRET7777', 'ARRAYSECRET1', '98765432109876', '55554444333322', 'MAPSECRET4444', 'NONAMESECRET9', 'MAPLISTSECRET55'];
    const odd = structuredClone(doc) as { log: { entries: Record<string, Record<string, unknown>>[] } };
    const put = odd.log.entries.find((e) => e.request!.method === 'PUT')!;
    const preflight = odd.log.entries.find((e) => e.request!.method === 'OPTIONS' && e.request!.url === put.request!.url)!;
    put.request!.headers = [
      ...(put.request!.headers as unknown[]),
      { name: 'X-API-Key', value: 12345678901234 },
      { name: 'X-Custom-Auth', value: { t: 'OBJSECRET7777' } },
      { name: 'Authorization', value: ['Bearer ARRAYSECRET1'] },
      { name: 7, value: 'NONAMESECRET9' },
    ];
    put.request!.cookies = [{ name: 'sid', value: 98765432109876 }];
    put.request!.queryString = [{ name: 'token', value: 55554444333322 }];
    preflight.request!.headers = { Authorization: 'Bearer MAPSECRET4444', Origin: 'http://localhost:5173', 'X-Api-Key': ['MAPLISTSECRET55'] };
    // Quoted elsewhere too: only the net over the whole document, which must know the value, finds it there.
    (preflight as Record<string, unknown>).comment = 'retried with MAPLISTSECRET55';
    const odds = analyzeHar(odd).diagnoses.filter((d) => d.transaction.actualRequest.url === blocked[0]!.transaction.actualRequest.url);
    expect(odds.length).toBeGreaterThan(0);
    const exported = JSON.stringify(involvedHar(odds, { creator, raw: { entries: odd.log.entries } }));
    for (const secret of secrets) expect(exported).not.toContain(secret);
    expect(exported).toContain('"name":"X-API-Key","value":"REDACTED"');
    expect(exported).toContain('"Authorization":"Bearer REDACTED"');
    // With secrets included on purpose, every value is exported as it was.
    const included = JSON.stringify(involvedHar(odds, { creator, includeSecrets: true, raw: { entries: odd.log.entries } }));
    for (const secret of secrets) expect(included).toContain(secret);
  });

  it('keeps every field of the original entry when secrets are included', () => {
    const har = involvedHar(blocked, { creator, includeSecrets: true, raw: { entries: doc.log.entries } });
    const put = doc.log.entries.find((e: { request: { method: string } }) => e.request.method === 'PUT');
    expect(har.log.entries).toContainEqual(put);
    expect(har.log.creator.comment).toMatch(/WITH secrets/);
  });
});
