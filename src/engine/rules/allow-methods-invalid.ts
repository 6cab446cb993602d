import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** Access-Control-Allow-Methods must be a comma-separated list of tokens; one bad item voids it all. */
const rule: CorsRule = {
  meta: { id: 'allow-methods-invalid', title: 'Access-Control-Allow-Methods does not parse', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['InvalidAllowMethodsPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'InvalidAllowMethodsPreflightResponse')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const value = context.failure!.failedParameter;
  return {
    evidence: [evidence('preflight-response', 'access-control-allow-methods', value, 'not a list of method names')],
    params: { allowMethods: value },
  };
}
