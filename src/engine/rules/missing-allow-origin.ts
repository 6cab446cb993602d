import type { CorsRule, RuleContext } from '../rule.ts';
import { failureIs, finding, originEvidence, type Found } from './support.ts';

/** The most common one: the server (or its preflight answer) sends no Access-Control-Allow-Origin. */
const rule: CorsRule = {
  meta: {
    id: 'missing-allow-origin', title: 'No Access-Control-Allow-Origin header', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
  },
  check(context) {
    if (!failureIs(context, 'MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const { stage } = context.failure!;
  return {
    evidence: originEvidence(context),
    params: { where: stage === 'preflight' ? 'preflight' : stage === 'redirect' ? 'redirect' : 'response' },
  };
}
