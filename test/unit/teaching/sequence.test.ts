/**
 * The sequence diagram model on real Chromium recordings and on what-if scenarios: which messages
 * go between page, browser and server, where the browser stopped (the failing check), which
 * request was never sent, and preflight-cache hits. Plus its text form for Markdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHarText } from '../../../src/engine/diagnose.ts';
import { blankScenario, type WhatIfScenario } from '../../../src/engine/teaching/scenario.ts';
import { sequenceFromDiagnosis, type SequenceCheck, type SequenceDiagram, type SequenceStep } from '../../../src/engine/teaching/sequence.ts';
import { sequenceToText } from '../../../src/engine/teaching/sequence-text.ts';
import { runWhatIf } from '../../../src/engine/teaching/what-if.ts';
import { sequenceFromResult } from '../../../src/engine/teaching/sequence-from-result.ts';
import { toJsonResult } from '../../../src/engine/export/json.ts';
import { readdirSync } from 'node:fs';

const DIR = join(__dirname, '../../fixtures/chromium');

function recorded(id: string, index = 0): SequenceDiagram {
  const diagnoses = analyzeHarText(readFileSync(join(DIR, `${id}.har`), 'utf8')).diagnoses.filter((d) => d.ruleId !== 'not-cross-origin');
  return sequenceFromDiagnosis(diagnoses[index]!);
}

/** One short token per step: "page>browser", "browser>server:not-sent", "check:fail", "note:cache". */
function shape(diagram: SequenceDiagram): string[] {
  return diagram.steps.map((step: SequenceStep) => {
    if (step.kind === 'message') return `${step.from}>${step.to}${step.state === 'sent' ? '' : `:${step.state}`}`;
    if (step.kind === 'check') return `check:${step.passed ? 'pass' : 'fail'}`;
    return `note:${step.tone}`;
  });
}

const stoppedCheck = (diagram: SequenceDiagram) => diagram.steps[diagram.stoppedAt!] as SequenceCheck;

describe('sequence of a recorded request', () => {
  // Each row: recording, the steps in order, the check where the browser stopped (or null).
  it.each([
    ['preflight-401-auth-first', ['page>browser', 'browser>server', 'server>browser', 'check:fail', 'browser>page', 'browser>server:not-sent'], 'PreflightInvalidStatus'],
    ['header-not-allowed', ['page>browser', 'browser>server', 'server>browser', 'check:fail', 'browser>page', 'browser>server:not-sent'], 'HeaderDisallowedByPreflightResponse'],
    ['preflight-redirect', ['page>browser', 'browser>server', 'server>browser', 'check:fail', 'browser>page', 'browser>server:not-sent'], 'PreflightDisallowedRedirect'],
    ['missing-allow-origin', ['page>browser', 'note:info', 'browser>server', 'server>browser', 'check:fail', 'browser>page'], 'MissingAllowOriginHeader'],
    ['ok-preflight', ['page>browser', 'browser>server', 'server>browser', 'check:pass', 'browser>server', 'server>browser', 'check:pass', 'browser>page'], null],
    // A redirect hop passes, then the Origin is "null" at the second server, which stops it.
    ['redirect-cross-origin-needs-null', ['page>browser', 'note:info', 'browser>server', 'server>browser', 'check:pass', 'browser>server', 'server>browser', 'check:fail', 'browser>page'], 'AllowOriginMismatch'],
    ['connection-refused', ['page>browser', 'note:info', 'browser>server:failed', 'check:fail', 'browser>page'], null],
    // mode: 'no-cors': no CORS check at all, whatever the headers; the page gets an opaque response.
    ['no-cors-mode', ['page>browser', 'note:info', 'browser>server', 'server>browser', 'note:info', 'browser>page'], null],
  ])('%s', (id, steps, chromiumError) => {
    const diagram = recorded(id);
    expect(shape(diagram)).toEqual(steps);
    if (steps.includes('check:fail')) {
      expect(diagram.stoppedAt).toBe(steps.indexOf('check:fail'));
      expect(stoppedCheck(diagram).chromiumError).toBe(chromiumError);
    } else {
      expect(diagram.stoppedAt).toBeNull();
    }
  });

  it('labels the preflight with the headers the browser sent and the server answered', () => {
    const diagram = recorded('header-not-allowed');
    const [, options, answer] = diagram.steps;
    expect(options).toMatchObject({ kind: 'message', phase: 'preflight', label: expect.stringMatching(/^OPTIONS \/s\/header-not-allowed\/data/) });
    expect(options!.kind === 'message' && options!.headers.map((h) => h.name.toLowerCase())).toEqual(['origin', 'access-control-request-method', 'access-control-request-headers']);
    expect(answer!.kind === 'message' && answer!.headers).toContainEqual({ name: 'Access-Control-Allow-Headers', value: 'Content-Type' });
    expect(stoppedCheck(diagram).detail).toBe('x-api-key is not in Access-Control-Allow-Headers "Content-Type".');
  });

  it('hides secret values (the API key the page set, cookies)', () => {
    const text = sequenceToText(recorded('header-not-allowed')) + sequenceToText(recorded('ok-reflected-with-credentials'));
    expect(text).toContain('X-Api-Key: (hidden)');
    expect(text).toContain('Cookie: (hidden)');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('fake-session-for-the-cors-lab');
  });

  it('the redirect stop names the tainted origin', () => {
    expect(stoppedCheck(recorded('redirect-cross-origin-needs-null')).detail).toMatch(/≠ Origin "null"\.$/);
  });

  it('a second PUT with no OPTIONS in the log is shown as a probable cache hit', () => {
    const second = recorded('preflight-cached', 1);
    expect(second.preflight).toBe('not-in-log');
    expect(shape(second)).toEqual(['page>browser', 'note:cache', 'browser>server', 'server>browser', 'check:pass', 'browser>page']);
  });
});

describe('sequence of a what-if scenario', () => {
  const put: WhatIfScenario = {
    ...blankScenario(),
    method: 'PUT',
    preflightResponse: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://localhost:5173' }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Max-Age', value: '600' }] },
    actualResponse: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://localhost:5173' }] },
  };
  const diagramOf = (s: WhatIfScenario) => {
    const outcome = runWhatIf(s);
    if (!outcome.ok) throw new Error(outcome.errors.join(' '));
    return outcome.result.sequence;
  };

  it('a warm cache replaces the OPTIONS round trip by a cache-hit note', () => {
    const cold = diagramOf(put);
    const warm = diagramOf({ ...put, preflightCache: 'warm' });
    expect(cold.preflight).toBe('sent');
    expect(warm.preflight).toBe('cache-hit');
    expect(shape(warm)).toEqual(['page>browser', 'note:cache', 'browser>server', 'server>browser', 'check:pass', 'browser>page']);
    expect(sequenceToText(warm)).toContain('⟲ Preflight cache hit');
  });

  it('the blank scenario stops at the Allow-Origin check of the response', () => {
    const diagram = diagramOf(blankScenario());
    expect(stoppedCheck(diagram)).toMatchObject({ label: 'Allow-Origin check', chromiumError: 'MissingAllowOriginHeader' });
    expect(diagram.steps.at(-1)).toMatchObject({ from: 'browser', to: 'page', label: 'TypeError: Failed to fetch' });
  });

  it('a mixed-content request stops in the browser: nothing reaches the server', () => {
    const diagram = diagramOf({ ...blankScenario(), pageOrigin: 'https://shop.example.com', url: 'http://api.example.com/data' });
    expect(shape(diagram)).toEqual(['page>browser', 'check:fail', 'browser>page', 'browser>server:not-sent']);
  });

  it('credentials show on the fetch() call and in the Allow-Credentials check', () => {
    const diagram = diagramOf({
      ...put, credentials: 'include',
      preflightResponse: { ...put.preflightResponse, headers: [...put.preflightResponse.headers, { name: 'Access-Control-Allow-Credentials', value: 'true' }] },
    });
    expect(diagram.steps[0]).toMatchObject({ headers: expect.arrayContaining([{ name: 'credentials', value: 'include' }]) });
    expect(stoppedCheck(diagram)).toMatchObject({ label: 'Allow-Credentials check', chromiumError: 'InvalidAllowCredentials' });
  });
});

describe('sequenceToText', () => {
  it('writes one step a line with its headers below, and marks the stop', () => {
    expect(sequenceToText(recorded('preflight-401-auth-first'))).toBe([
      'Sequence (page · browser · server): Preflight rejected by the server — blocked',
      '',
      '  page → browser      fetch(PUT http://127.0.0.1:47311/s/preflight-401-auth-first/data)',
      '                      credentials: omit',
      '                      Content-Type: text/plain;charset=UTF-8',
      '  browser → server    OPTIONS /s/preflight-401-auth-first/data  (127.0.0.1:47311)',
      '                      Origin: http://localhost:47310',
      '                      Access-Control-Request-Method: PUT',
      '  server → browser    401 Unauthorized',
      '                      Access-Control-Allow-Origin: http://localhost:47310',
      '                      Access-Control-Allow-Methods: PUT',
      '  browser             ✖ STOPPED HERE: Status check (2xx) [PreflightInvalidStatus]',
      '                      The preflight got 401; it needs a 2xx answer.',
      '  browser → page      TypeError: Failed to fetch',
      '  browser ⇢ server    PUT /s/preflight-401-auth-first/data (never sent)',
    ].join('\n'));
  });

  it('keeps hostile header values on one line', () => {
    const outcome = runWhatIf({ ...blankScenario(), actualResponse: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://a.test\u001b[31m' }] } });
    if (!outcome.ok) throw new Error(outcome.errors.join(' '));
    const text = sequenceToText(outcome.result.sequence);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it.each([
    ['a right-to-left override cannot disguise a value', '\u202e3715:tsohlacol//:ptth', 'Access-Control-Allow-Origin: [U+202E]3715:tsohlacol//:ptth'],
    ['isolates and zero-width characters are named', 'a\u2066b\u200bc\ufeff', 'Access-Control-Allow-Origin: a[U+2066]b[U+200B]c[U+FEFF]'],
    ['a line separator and C1 NEL do not start a line', 'a\u2028FAKE: x\u0085y', 'Access-Control-Allow-Origin: a FAKE: x y'],
    ['a long value is cut, with its length', 'h'.repeat(2_000), `Access-Control-Allow-Origin: ${'h'.repeat(200)}… (2,000 characters)`],
    ['the cut never splits an emoji', `${'h'.repeat(199)}${'😀'.repeat(10)}`, `Access-Control-Allow-Origin: ${'h'.repeat(199)}… (219 characters)`],
    ['the cut never falls inside a name', '\u202e'.repeat(250), `Access-Control-Allow-Origin: ${'[U+202E]'.repeat(200)}… (250 characters)`],
  ])('%s', (_label, value, line) => {
    const outcome = runWhatIf({ ...blankScenario(), actualResponse: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value }] } });
    if (!outcome.ok) throw new Error(outcome.errors.join(' '));
    const lines = sequenceToText(outcome.result.sequence).split(/\r\n|[\n\r\u2028\u2029\u0085]/).map((l) => l.trim());
    expect(lines).toContain(line);
  });
});

describe('sequence of an exported result (the Markdown export)', () => {
  const ids = readdirSync(DIR).filter((f) => f.endsWith('.har')).map((f) => f.replace(/\.har$/, ''));
  it.each(ids)('%s: the same diagram as from the diagnosis', (id) => {
    const diagnoses = analyzeHarText(readFileSync(join(DIR, `${id}.har`), 'utf8')).diagnoses.filter((d) => d.ruleId !== 'not-cross-origin');
    for (const diagnosis of diagnoses) {
      expect(sequenceToText(sequenceFromResult(toJsonResult(diagnosis)))).toBe(sequenceToText(sequenceFromDiagnosis(diagnosis)));
    }
  });
});
