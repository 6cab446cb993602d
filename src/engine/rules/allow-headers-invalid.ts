import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** Access-Control-Allow-Headers must be a comma-separated list of header names. */
const rule: CorsRule = {
  meta: { id: 'allow-headers-invalid', title: 'Access-Control-Allow-Headers does not parse', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['InvalidAllowHeadersPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'InvalidAllowHeadersPreflightResponse')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const value = context.failure!.failedParameter;
  return {
    evidence: [evidence('preflight-response', 'access-control-allow-headers', value, 'not a list of header names')],
    params: { allowHeaders: value },
  };
}
