import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failedOn, failureIs, finding, type Found } from './support.ts';

/** A credentialed request needs `Access-Control-Allow-Credentials: true`, exactly, lower case. */
const rule: CorsRule = {
  meta: {
    id: 'credentials-not-allowed', title: 'Credentials not allowed by the server', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
  },
  check(context) {
    if (!failureIs(context, 'InvalidAllowCredentials', 'PreflightInvalidAllowCredentials')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const value = corsHeadersOf(context.failure!.exchange).allowCredentials;
  return {
    evidence: [
      evidence(failedOn(context), 'access-control-allow-credentials', value, 'must be exactly "true"'),
      evidence('request', 'credentials', context.credentials.include ? 'include' : 'omit', 'the request sends cookies or auth'),
    ],
    params: { allowCredentials: value ?? '' },
    fix: { allowCredentials: true },
  };
}
