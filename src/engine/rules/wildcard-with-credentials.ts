import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failedOn, failureIs, finding, type Found } from './support.ts';

/** `Access-Control-Allow-Origin: *` is refused for credentialed requests. */
const rule: CorsRule = {
  meta: {
    id: 'wildcard-with-credentials', title: '"*" with credentials', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
  },
  check(context) {
    if (!failureIs(context, 'WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const cookie = corsHeadersOf(context.tx.actualRequest).cookie;
  return {
    evidence: [
      evidence(failedOn(context), 'access-control-allow-origin', '*', 'a wildcard'),
      evidence('request', 'cookie', cookie === null ? null : '(cookies sent)', 'credentials mode include'),
    ],
    fix: { allowCredentials: true },
  };
}
