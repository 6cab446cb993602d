import type { CorsRule } from '../rule.ts';
import { evidence, failureIs, finding } from './support.ts';

/** Access-Control-Allow-Methods must be a comma-separated list of tokens; one bad item voids it all. */
const rule: CorsRule = {
  meta: { id: 'allow-methods-invalid', title: 'Access-Control-Allow-Methods does not parse', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['InvalidAllowMethodsPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'InvalidAllowMethodsPreflightResponse')) return null;
    const value = context.failure!.failedParameter;
    return finding(context, {
      evidence: [evidence('preflight-response', 'access-control-allow-methods', value, 'not a list of method names')],
      params: { allowMethods: value },
    });
  },
};
export default rule;
