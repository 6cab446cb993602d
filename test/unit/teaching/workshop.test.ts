/**
 * docs/workshop.md makes claims a student will check on screen: which verdict, rule and Chromium
 * error each lab scenario gets, and what each what-if edit turns it into. This test holds the guide
 * to them: every "Students should see" line against the engine on Chromium's recording of that
 * scenario, every scenario and rule id against the lab and the rule list, and each "What if"
 * step against the what-if model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../lab/scenarios.ts';
import { analyzeHarText } from '../../../src/engine/diagnose.ts';
import { ruleById } from '../../../src/engine/rules/index.ts';
import { scenarioFromDiagnosis, type WhatIfScenario } from '../../../src/engine/teaching/scenario.ts';
import { runWhatIf } from '../../../src/engine/teaching/what-if.ts';
import type { Header } from '../../../src/engine/types.ts';

const ROOT = join(__dirname, '../../..');
const guide = readFileSync(join(ROOT, 'docs/workshop.md'), 'utf8');
const scenarioIds = new Set(SCENARIOS.map((s) => s.id));
const VERDICT_OF_LABEL: Record<string, string> = { OK: 'ok', Blocked: 'blocked', Warning: 'warning', 'Not CORS': 'not-cors' };

function recorded(id: string) {
  return analyzeHarText(readFileSync(join(ROOT, 'test/fixtures/chromium', `${id}.har`), 'utf8')).diagnoses.filter((d) => d.ruleId !== 'not-cross-origin');
}

interface Claim { heading: string; scenario: string; verdict: string; rule: string; chromiumError: string | null }

const claims: Claim[] = guide.split(/^### /m).slice(1).flatMap((section) => {
  const heading = section.split('\n')[0]!;
  const see = section.match(/\*\*Students should see\.\*\*([\s\S]*?)(?:\n\n|$)/)?.[1];
  if (!see) return [];
  const scenario = section.match(/`\/run\/([a-z0-9-]+)`/)?.[1] ?? '';
  const verdictLabel = see.match(/`(OK|Blocked|Warning|Not CORS)`/)?.[1] ?? '';
  const rule = see.match(/rule `([a-z-]+)`/)?.[1] ?? '';
  const chromium = see.match(/Chromium (?:`([A-Za-z]+)`|none)/);
  return [{ heading, scenario, verdict: VERDICT_OF_LABEL[verdictLabel] ?? verdictLabel, rule, chromiumError: chromium?.[1] ?? null }];
});

describe('docs/workshop.md', () => {
  it('has an exercise per topic, each with what students should see', () => {
    expect(claims.length).toBeGreaterThanOrEqual(15);
    for (const claim of claims) {
      expect(claim.scenario, claim.heading).not.toBe('');
      expect(claim.verdict, claim.heading).toMatch(/^(ok|blocked|warning|not-cors)$/);
      expect(claim.rule, claim.heading).not.toBe('');
    }
  });

  it('names only lab scenarios that exist', () => {
    const named = new Set([...guide.matchAll(/\/run\/([a-z0-9-]+)/g)].map((m) => m[1]!));
    const inPlan = [...guide.matchAll(/^\| \d:\d\d \|.*$/gm)].flatMap((row) => [...row[0].matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!));
    expect(inPlan.length).toBeGreaterThan(15);
    expect([...named, ...inPlan].filter((id) => !scenarioIds.has(id))).toEqual([]);
  });

  it('names only rules that exist', () => {
    const rules = [...guide.matchAll(/rule `([a-z-]+)`|`(vary-origin-missing|method-not-allowed)`/g)].map((m) => m[1] ?? m[2]!);
    expect(rules.length).toBeGreaterThan(15);
    expect(rules.filter((id) => !ruleById.has(id))).toEqual([]);
  });

  it.each(claims.map((c) => [`${c.heading} (${c.scenario})`, c] as const))('%s: what students see is what the engine says on Chromium\'s recording', (_name, claim) => {
    const diagnoses = recorded(claim.scenario);
    expect(diagnoses.length).toBeGreaterThan(0);
    for (const diagnosis of diagnoses) {
      expect({ verdict: diagnosis.verdict, rule: diagnosis.ruleId, chromiumError: diagnosis.chromiumError })
        .toEqual({ verdict: claim.verdict, rule: claim.rule, chromiumError: claim.chromiumError });
    }
  });
});

// ---- The "What if" steps of the guide, one by one ----------------------------------------

const fromRecording = (id: string) => scenarioFromDiagnosis(recorded(id)[0]!).scenario;

type Reply = 'preflightResponse' | 'actualResponse';
function withHeader(s: WhatIfScenario, reply: Reply, name: string, value: string | null): WhatIfScenario {
  const headers: Header[] = s[reply].headers.filter((h) => h.name.toLowerCase() !== name.toLowerCase());
  if (value !== null) headers.push({ name, value });
  return { ...s, [reply]: { ...s[reply], headers } };
}

function verdictOf(s: WhatIfScenario) {
  const outcome = runWhatIf(s);
  if (!outcome.ok) throw new Error(outcome.errors.join(' '));
  const { diagnosis, preflightCacheHit } = outcome.result;
  return { verdict: diagnosis.verdict, rule: diagnosis.ruleId, preflight: preflightCacheHit ? 'cache-hit' : diagnosis.transaction.preflight ? 'sent' : 'none' };
}

describe('the guide\'s "What if" steps', () => {
  it('1.1: adding Allow-Origin (the page origin) → warning, then Vary: Origin → OK; "*" → OK', () => {
    const s = fromRecording('missing-allow-origin');
    const echoed = withHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', s.pageOrigin);
    expect(verdictOf(echoed)).toMatchObject({ verdict: 'warning', rule: 'vary-origin-missing' });
    expect(verdictOf(withHeader(echoed, 'actualResponse', 'Vary', 'Origin'))).toMatchObject({ verdict: 'ok', rule: 'cors-ok' });
    expect(verdictOf(withHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', '*'))).toMatchObject({ verdict: 'ok', rule: 'cors-ok' });
  });

  it('2.1: Content-Type text/plain → no preflight, goes through; JSON with Allow-Headers: Content-Type → goes through', () => {
    const s = fromRecording('content-type-json-not-allowed');
    expect(verdictOf({ ...s, requestHeaders: [{ name: 'Content-Type', value: 'text/plain' }] }))
      .toEqual({ verdict: 'warning', rule: 'vary-origin-missing', preflight: 'none' });
    expect(verdictOf(withHeader(s, 'preflightResponse', 'Access-Control-Allow-Headers', 'Content-Type')))
      .toEqual({ verdict: 'warning', rule: 'vary-origin-missing', preflight: 'sent' });
  });

  it('3.2: the preflight answered 204 instead of 401 → the PUT goes through', () => {
    const s = fromRecording('preflight-401-auth-first');
    expect(verdictOf({ ...s, preflightResponse: { ...s.preflightResponse, status: 204 } })).toMatchObject({ verdict: 'warning', rule: 'vary-origin-missing' });
  });

  it('4.1: credentials same-origin → OK; include with the origin named instead of "*" → goes through', () => {
    const s = fromRecording('wildcard-with-credentials');
    expect(verdictOf({ ...s, credentials: 'same-origin' })).toMatchObject({ verdict: 'ok', rule: 'cors-ok' });
    expect(verdictOf(withHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', s.pageOrigin))).toMatchObject({ verdict: 'warning', rule: 'vary-origin-missing' });
  });

  it('6.1: a warm cache skips the OPTIONS (OK); Allow-Methods GET → nothing cached, blocked', () => {
    const s = { ...fromRecording('ok-preflight'), preflightCache: 'warm' as const };
    expect(verdictOf(s)).toEqual({ verdict: 'ok', rule: 'cors-ok', preflight: 'cache-hit' });
    expect(verdictOf(withHeader(s, 'preflightResponse', 'Access-Control-Allow-Methods', 'GET')))
      .toEqual({ verdict: 'blocked', rule: 'method-not-allowed', preflight: 'sent' });
  });

  it('wrap-up challenge: the stated answer is OK, and without Vary a warning', () => {
    const origin = 'http://localhost:8000';
    const both: Header[] = [{ name: 'Access-Control-Allow-Origin', value: origin }, { name: 'Access-Control-Allow-Credentials', value: 'true' }];
    const answer: WhatIfScenario = {
      title: 'challenge', pageOrigin: origin, url: 'http://127.0.0.1:8001/api/items', method: 'PUT',
      requestHeaders: [{ name: 'Content-Type', value: 'application/json' }], credentials: 'include', preflightCache: 'cold',
      preflightResponse: { status: 204, headers: [...both, { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Allow-Headers', value: 'Content-Type' }, { name: 'Vary', value: 'Origin' }] },
      actualResponse: { status: 200, headers: [...both, { name: 'Vary', value: 'Origin' }] },
    };
    expect(verdictOf(answer)).toMatchObject({ verdict: 'ok', rule: 'cors-ok' });
    expect(verdictOf(withHeader(withHeader(answer, 'actualResponse', 'Vary', null), 'preflightResponse', 'Vary', null))).toMatchObject({ verdict: 'warning', rule: 'vary-origin-missing' });
    // Each header of the answer is needed: drop any one and it is blocked.
    for (const [reply, name] of [['preflightResponse', 'Access-Control-Allow-Origin'], ['preflightResponse', 'Access-Control-Allow-Credentials'],
      ['preflightResponse', 'Access-Control-Allow-Methods'], ['preflightResponse', 'Access-Control-Allow-Headers'],
      ['actualResponse', 'Access-Control-Allow-Origin'], ['actualResponse', 'Access-Control-Allow-Credentials']] as const) {
      expect(verdictOf(withHeader(answer, reply, name, null)).verdict, `without ${name} on the ${reply}`).toBe('blocked');
    }
  });
});
