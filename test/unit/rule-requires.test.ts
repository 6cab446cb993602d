/**
 * Diagnosis skips a rule whose `requires` does not hold (rules/index.ts rulesFor), so each rule
 * must keep that claim: under any verdict it does not require, its check finds nothing. Here on
 * every transaction of every recording (Chromium, Firefox, the golden logs); each rule's own
 * table test checks it on its cases too (test/support/rule-tester.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_CORS_ERRORS } from '../../src/engine/chromium-cors.ts';
import { normalizeHar } from '../../src/engine/normalize.ts';
import { mayMatch, rules, rulesFor } from '../../src/engine/rules/index.ts';
import { requiresViolations } from '../support/rule-requires.ts';

const dirs = ['../fixtures/chromium/', '../fixtures/firefox/', '../golden/files/'].map((d) => new URL(d, import.meta.url));
const recordings = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.har')).map((f) => ({
  name: f, exchanges: normalizeHar(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))).exchanges,
})));

describe('rule requires', () => {
  it('every rule with `requires` finds nothing on a recording when its requirement does not hold', () => {
    expect(recordings.length).toBeGreaterThan(100);
    expect(rules.filter((rule) => rule.meta.requires).length).toBeGreaterThan(20);
    let checked = 0;
    const violations: string[] = [];
    for (const { name, exchanges } of recordings) {
      const found = requiresViolations(rules, exchanges);
      checked += found.checked;
      violations.push(...found.violations.map((v) => `${name}: ${v}`));
    }
    expect(violations.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it('rulesFor keeps the catalogue order and drops only rules that cannot match', () => {
    for (const failure of [null, ...CHROMIUM_CORS_ERRORS]) {
      expect(rulesFor(failure)).toEqual(rules.filter((rule) => mayMatch(rule.meta, failure)));
    }
    expect(rulesFor(null).at(-1)?.meta.id).toBe('cors-ok');
    // A blocked request never runs the warnings; one that passed never runs an error's rules.
    expect(rulesFor('AllowOriginMismatch').some((rule) => rule.meta.verdict === 'warning')).toBe(false);
    expect(rulesFor(null).map((rule) => rule.meta.id)).not.toContain('allow-origin-mismatch');
    expect(rulesFor('AllowOriginMismatch').map((rule) => rule.meta.id)).toEqual(expect.arrayContaining([
      'redirect-tainted-origin', 'allow-origin-trailing-slash', 'allow-origin-scheme-mismatch', 'allow-origin-port-mismatch', 'allow-origin-mismatch',
    ]));
  });
});
