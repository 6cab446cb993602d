import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule } from '../rule.ts';
import { evidence, failedOn, failureIs, finding } from './support.ts';

/** A credentialed request needs `Access-Control-Allow-Credentials: true`, exactly, lower case. */
const rule: CorsRule = {
  meta: {
    id: 'credentials-not-allowed', title: 'Credentials not allowed by the server', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
  },
  check(context) {
    if (!failureIs(context, 'InvalidAllowCredentials', 'PreflightInvalidAllowCredentials')) return null;
    const value = corsHeadersOf(context.failure!.exchange).allowCredentials;
    return finding(context, {
      evidence: [
        evidence(failedOn(context), 'access-control-allow-credentials', value, 'must be exactly "true"'),
        evidence('request', 'credentials', context.credentials.include ? 'include' : 'omit', 'the request sends cookies or auth'),
      ],
      params: { allowCredentials: value ?? '' },
      fix: { allowCredentials: true },
    });
  },
};
export default rule;
