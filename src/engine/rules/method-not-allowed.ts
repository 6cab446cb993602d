import { corsHeadersOf } from '../cors-headers.ts';
import { splitList } from '../headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** The preflight answer does not list the request's method (PUT, DELETE, PATCH…). */
const rule: CorsRule = {
  meta: { id: 'method-not-allowed', title: 'Method not allowed by the preflight', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['MethodDisallowedByPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'MethodDisallowedByPreflightResponse')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const allowMethods = corsHeadersOf(context.failure!.exchange).allowMethods;
  const wildcardIgnored = context.credentials.include && splitList(allowMethods ?? '').includes('*');
  return {
    evidence: [
      evidence('preflight-request', 'access-control-request-method', context.failure!.failedParameter, 'the method the page wants'),
      evidence('preflight-response', 'access-control-allow-methods', allowMethods, wildcardIgnored ? '"*" does not count with credentials' : 'does not list it'),
    ],
    params: { allowMethods: allowMethods ?? '', wildcardIgnored: wildcardIgnored ? 'yes' : '' },
  };
}
