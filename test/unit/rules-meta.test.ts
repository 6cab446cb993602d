/**
 * The rule catalogue is consistent: ids, titles, explanations, Firefox names, one test file per
 * rule, every Chromium verdict explained by some rule, and the documented order of named
 * scenarios before the generic rule for the same error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_CORS_ERRORS } from '../../src/engine/chromium-cors.ts';
import { explanations } from '../../src/engine/explain/texts.ts';
import { FIREFOX_REASON } from '../../src/engine/firefox.ts';
import { ruleById, rules } from '../../src/engine/rules/index.ts';

const RULE_TEST_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

/** Firefox's network-monitor reasons (cors-truth.md §5). */
const FIREFOX_REASONS = new Set([
  'CORSDisabled', 'CORSDidNotSucceed', 'CORSRequestNotHttp', 'CORSMissingAllowOrigin', 'CORSMultipleAllowOriginNotAllowed',
  'CORSAllowOriginNotMatchingOrigin', 'CORSNotSupportingCredentials', 'CORSMethodNotFound', 'CORSMissingAllowCredentials',
  'CORSPreflightDidNotSucceed', 'CORSInvalidAllowMethod', 'CORSInvalidAllowHeader', 'CORSMissingAllowHeaderFromPreflight',
  'CORSExternalRedirectNotAllowed', 'CORSOriginHeaderNotAdded', 'CORSInvalidHeaderValue',
]);
const chromiumErrors: readonly string[] = CHROMIUM_CORS_ERRORS;
const ids = rules.map((rule) => rule.meta.id);
const position = (id: string): number => {
  const at = ids.indexOf(id);
  if (at < 0) throw new Error(`no rule ${id}`);
  return at;
};

describe('rule catalogue', () => {
  it('has unique, kebab-case ids, all reachable through ruleById', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(ruleById.size).toBe(rules.length);
    for (const rule of rules) expect(ruleById.get(rule.meta.id)).toBe(rule);
  });

  it('every explanation text belongs to a rule', () => {
    const orphans = Object.keys(explanations).filter((id) => !ruleById.has(id));
    expect(orphans).toEqual([]);
  });

  it('every Chromium CorsError is explained by at least one rule', () => {
    const explained = new Set<string>(rules.flatMap((rule) => rule.meta.chromiumErrors));
    const unexplained = chromiumErrors.filter((error) => !explained.has(error));
    expect(unexplained).toEqual([]);
  });

  it('every Firefox name in firefox.ts is a real Firefox reason', () => {
    const names = Object.values(FIREFOX_REASON).filter((name): name is string => name !== null);
    expect(names.filter((name) => !FIREFOX_REASONS.has(name))).toEqual([]);
    expect(Object.keys(FIREFOX_REASON).sort()).toEqual([...chromiumErrors].sort());
  });

  it('ends with cors-ok, the rule that matches every request that passed', () => {
    expect(ids[ids.length - 1]).toBe('cors-ok');
    expect(ruleById.get('cors-ok')!.meta.verdict).toBe('ok');
  });

  it.each([
    ['error-response-without-cors', 'missing-allow-origin'],
    ['preflight-rejected', 'missing-allow-origin'],
    ['redirect-tainted-origin', 'allow-origin-mismatch'],
    ['allow-origin-trailing-slash', 'allow-origin-mismatch'],
    ['allow-origin-scheme-mismatch', 'allow-origin-mismatch'],
    ['allow-origin-port-mismatch', 'allow-origin-mismatch'],
    ['method-case-mismatch', 'method-not-allowed'],
    ['header-wildcard-with-credentials', 'header-not-allowed'],
    ['mixed-content', 'local-network-access'],
    ['local-network-access', 'connection-failed'],
    ['connection-failed', 'failure-not-explained'],
    ['invalid-response', 'failure-not-explained'],
    ['not-cross-origin', 'no-cors-opaque'],
  ])('%s is tried before %s', (named, generic) => {
    expect(position(named)).toBeLessThan(position(generic));
  });

  it('no warning rule comes before a blocking rule (a warning never hides a block)', () => {
    const lastBlocking = Math.max(...rules.map((rule, at) => (rule.meta.verdict === 'blocked' || rule.meta.verdict === 'not-cors' ? at : -1)));
    const firstWarning = rules.findIndex((rule) => rule.meta.verdict === 'warning');
    expect(firstWarning).toBeGreaterThan(lastBlocking);
  });

  it('every rule test file is named after a rule', () => {
    const files = readdirSync(RULE_TEST_DIR).filter((file) => file.endsWith('.test.ts'));
    const stray = files.map((file) => file.replace(/\.test\.ts$/, '')).filter((id) => !ruleById.has(id));
    expect(stray).toEqual([]);
  });
});

describe.each(rules.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id, rule) => {
  it('has a title and a verdict', () => {
    expect(rule.meta.title.trim().length).toBeGreaterThan(3);
    expect(['blocked', 'warning', 'ok', 'not-cors']).toContain(rule.meta.verdict);
  });

  it('has an explanation with every part written', () => {
    const text = explanations[id];
    expect(text, `explain/texts.ts has no entry for ${id}`).toBeDefined();
    for (const part of [text!.summary, text!.whatHappened, text!.why, text!.fix]) {
      const variants = typeof part === 'string' ? [part] : Object.entries(part).filter(([key]) => key !== 'by').map(([, value]) => value);
      expect(variants.length).toBeGreaterThan(0);
      for (const variant of variants) expect(variant.trim().length).toBeGreaterThan(10);
    }
    expect(text!.links.length).toBeGreaterThan(0);
  });

  it('names only Chromium errors Chromium can report, and none for warnings, look-alikes or ok', () => {
    for (const error of rule.meta.chromiumErrors) expect(chromiumErrors).toContain(error);
    if (rule.meta.verdict !== 'blocked') expect(rule.meta.chromiumErrors).toEqual([]);
  });

  it('maps to Firefox: its own firefoxReason, or a mapping for each of its Chromium errors', () => {
    const { firefoxReason } = rule.meta;
    if (firefoxReason !== undefined) {
      if (firefoxReason !== null) expect(FIREFOX_REASONS.has(firefoxReason), firefoxReason).toBe(true);
      return;
    }
    expect(rule.meta.chromiumErrors.length, 'no firefoxReason and no Chromium error to map from').toBeGreaterThan(0);
    for (const error of rule.meta.chromiumErrors) expect(Object.hasOwn(FIREFOX_REASON, error), error).toBe(true);
  });

  it(`has its table test, test/unit/rules/${id}.test.ts`, () => {
    expect(existsSync(`${RULE_TEST_DIR}${id}.test.ts`)).toBe(true);
  });
});

describe('README', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  it.each(rules.map((rule) => rule.meta.id))('lists rule %s in its table', (id) => {
    expect(readme).toContain(`| \`${id}\` |`);
  });
});
