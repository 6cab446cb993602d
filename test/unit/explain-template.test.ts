/**
 * Explanation texts are filled from a diagnosis's parameters, which quote what servers sent:
 * a hostile 1 MB Access-Control-Allow-Origin must not become a 1 MB summary (the panel renders
 * it, the Markdown report carries it). The evidence keeps the value whole.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHarText } from '../../src/engine/diagnose.ts';
import { explain } from '../../src/engine/explain/index.ts';
import { fill, PARAM_DISPLAY_CHARS } from '../../src/engine/explain/template.ts';

const N = PARAM_DISPLAY_CHARS;

describe('fill', () => {
  it.each([
    ['a short value as it is', 'Origin {origin}.', { origin: 'https://app.example' }, 'Origin https://app.example.'],
    ['a value at the limit as it is', '{v}', { v: 'x'.repeat(N) }, 'x'.repeat(N)],
    ['one over: cut, with its length', '{v}', { v: 'x'.repeat(N + 1) }, `${'x'.repeat(N)}… (${(N + 1).toLocaleString('en')} characters)`],
    ['1 MB: cut', '[{v}]', { v: 'y'.repeat(1024 * 1024) }, `[${'y'.repeat(N)}… (1,048,576 characters)]`],
    ['not between the halves of an emoji', '{v}', { v: `${'x'.repeat(N - 1)}😀tail` }, `${'x'.repeat(N - 1)}… (${(N + 5).toLocaleString('en')} characters)`],
    ['a missing parameter is named, not "undefined"', 'Got {value}.', {}, 'Got [value?].'],
    ['the variant the parameter picks', { by: 'cause', auth: 'Auth: {h}.', default: 'Other.' }, { cause: 'auth', h: 'authorization' }, 'Auth: authorization.'],
  ])('%s', (_label, text, params, expected) => {
    expect(fill(text, params).text).toBe(expected);
  });
});

describe('a 1 MB Access-Control-Allow-Origin (a real recording, the value replaced)', () => {
  const har = JSON.parse(readFileSync(new URL('../fixtures/chromium/allow-origin-mismatch.har', import.meta.url), 'utf8')) as {
    log: { entries: { response: { headers: { name: string; value: string }[] } }[] };
  };
  const huge = `https://${'a'.repeat(1024 * 1024)}.example`;
  for (const entry of har.log.entries) {
    for (const header of entry.response.headers) if (/^access-control-allow-origin$/i.test(header.name)) header.value = huge;
  }
  const diagnosis = analyzeHarText(JSON.stringify(har)).diagnoses.find((d) => d.verdict === 'blocked')!;

  it('is cut in the explanation and whole in the evidence', () => {
    const explanation = explain(diagnosis);
    for (const text of [explanation.summary, explanation.whatHappened, explanation.why, explanation.fix]) expect(text.length).toBeLessThan(2_000);
    expect(`${explanation.summary} ${explanation.whatHappened}`).toContain('(1,048,592 characters)');
    expect(diagnosis.finding.evidence.some((e) => e.value === huge)).toBe(true);
  });
});
