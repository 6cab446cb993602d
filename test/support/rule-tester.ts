/**
 * eslint's RuleTester, for CORS rules: `invalid` logs must make the rule the verdict (or one of
 * the warnings) of their LAST transaction, with the stated Chromium error; `valid` logs must not
 * trigger it at all. Every invalid case must also explain without a missing placeholder.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from '../../src/engine/diagnose.ts';
import { normalizeHar } from '../../src/engine/normalize.ts';
import { explainFinding } from '../../src/engine/explain/index.ts';
import type { CorsRule } from '../../src/engine/rule.ts';
import type { DeclaredRequestFacts, Diagnosis } from '../../src/engine/types.ts';
import { har } from './har-builder.ts';
import { requiresViolations } from './rule-requires.ts';

export interface RuleCase {
  name: string;
  entries: Record<string, unknown>[];
  /** Facts a what-if editor or the lab would declare, applied to the last entry. */
  declared?: DeclaredRequestFacts;
}

export interface InvalidCase extends RuleCase {
  chromiumError?: string | null;
  /** Params the explanation must quote, e.g. { origin: 'http://localhost:3000' }. */
  params?: Record<string, string>;
  /** Substrings the rendered summary must contain. */
  summaryIncludes?: string[];
}

export const registeredCases = new Map<string, { valid: number; invalid: number }>();

export function diagnoseCase(testCase: RuleCase): Diagnosis {
  const log = normalizeHar(har(testCase.entries));
  // Declared facts ride on the last exchange, as the what-if editor sets them.
  if (testCase.declared) log.exchanges[log.exchanges.length - 1]!.declared = testCase.declared;
  const { diagnoses } = diagnoseLog(log);
  const last = diagnoses[diagnoses.length - 1];
  if (!last) throw new Error(`case "${testCase.name}" produced no transaction`);
  return last;
}

export function ruleTester(rule: CorsRule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  registeredCases.set(rule.meta.id, { valid: cases.valid.length, invalid: cases.invalid.length });
  const isWarning = rule.meta.verdict === 'warning';
  describe(`rule ${rule.meta.id}`, () => {
    it('has at least one invalid case', () => expect(cases.invalid.length).toBeGreaterThan(0));
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const diagnosis = diagnoseCase(testCase);
        expect(diagnosis.ruleId).not.toBe(rule.meta.id);
        expect(diagnosis.warnings.map((w) => w.ruleId)).not.toContain(rule.meta.id);
      });
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const diagnosis = diagnoseCase(testCase);
        const found = diagnosis.ruleId === rule.meta.id
          ? diagnosis.finding
          : diagnosis.warnings.find((w) => w.ruleId === rule.meta.id)?.finding;
        expect(found, `verdict was ${diagnosis.ruleId} (${diagnosis.chromiumError})`).toBeDefined();
        if (!isWarning) {
          expect(diagnosis.verdict).toBe(rule.meta.verdict);
          if (testCase.chromiumError !== undefined) expect(diagnosis.chromiumError).toBe(testCase.chromiumError);
        }
        const explanation = explainFinding(rule.meta.id, found!);
        expect(explanation.missing).toEqual([]);
        for (const [name, value] of Object.entries(testCase.params ?? {})) expect(found!.params[name]).toBe(value);
        for (const part of testCase.summaryIncludes ?? []) expect(explanation.summary).toContain(part);
      });
    }
    // Diagnosis skips the rule where its `requires` does not hold: on its own cases, it must find nothing there.
    if (rule.meta.requires) {
      it(`finds nothing where its requirement (${rule.meta.requires}) does not hold`, () => {
        for (const testCase of [...cases.valid, ...cases.invalid]) {
          const log = normalizeHar(har(testCase.entries));
          if (testCase.declared) log.exchanges[log.exchanges.length - 1]!.declared = testCase.declared;
          expect(requiresViolations([rule], log.exchanges).violations, testCase.name).toEqual([]);
        }
      });
    }
  });
}
