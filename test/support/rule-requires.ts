/**
 * Diagnosis skips a rule whose `requires` does not hold (rules/index.ts rulesFor). This puts a
 * rule's check in every context its requirement rules out (every Chromium error it does not
 * list, or none, under both credentials modes) and reports where it still found something.
 */
import { CHROMIUM_CORS_ERRORS, type ChromiumCorsError, type CorsFailure } from '../../src/engine/chromium-cors.ts';
import { decideCors } from '../../src/engine/diagnose.ts';
import { describeWindow } from '../../src/engine/history.ts';
import { pairTransactions } from '../../src/engine/pair.ts';
import type { CorsRule, RuleContext } from '../../src/engine/rule.ts';
import { mayMatch } from '../../src/engine/rules/index.ts';
import type { CorsTransaction, Exchange } from '../../src/engine/types.ts';

function failureFor(tx: CorsTransaction, error: ChromiumCorsError): CorsFailure {
  const preflightStage = error.startsWith('Preflight') || error.endsWith('PreflightResponse');
  return {
    error, stage: preflightStage ? 'preflight' : 'actual', failedParameter: '',
    exchange: preflightStage && tx.preflight ? tx.preflight : tx.actualRequest,
    comparedOrigin: tx.requestOrigin ?? 'null',
  };
}

export function requiresViolations(rules: readonly CorsRule[], exchanges: readonly Exchange[]): { checked: number; violations: string[] } {
  const gated = rules.filter((rule) => rule.meta.requires);
  const earlier = describeWindow(exchanges);
  const violations: string[] = [];
  let checked = 0;
  for (const tx of pairTransactions(exchanges)) {
    const decided = decideCors(tx);
    const failures: (CorsFailure | null)[] = [null, decided.failure, ...CHROMIUM_CORS_ERRORS.map((error) => failureFor(tx, error))];
    for (const failure of failures) {
      for (const include of [false, true]) {
        const context: RuleContext = {
          tx, failure, alternativeFailure: decided.alternativeFailure, earlier, credentials: { include, basis: 'declared' },
        };
        for (const rule of gated) {
          if (mayMatch(rule.meta, failure?.error ?? null)) continue;
          checked++;
          if (rule.check(context)) violations.push(`${rule.meta.id} matched ${tx.actualRequest.url} under ${failure?.error ?? 'no failure'}`);
        }
      }
    }
  }
  return { checked, violations };
}
