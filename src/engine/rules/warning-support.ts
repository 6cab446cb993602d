/** Warnings only speak about requests that got through: no CORS failure, and the log does not say it failed. */
import type { RuleContext } from '../rule.ts';

export function passed(context: RuleContext): boolean {
  return context.failure === null && context.tx.actualRequest.outcome !== 'failed' && context.tx.crossOrigin;
}
