import { corsHeadersOf } from '../cors-headers.ts';
import { splitList } from '../headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** With credentials, "*" in Access-Control-Allow-Headers is a literal name, not a wildcard. */
const rule: CorsRule = {
  meta: { id: 'header-wildcard-with-credentials', title: '"*" in Allow-Headers ignored with credentials', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['HeaderDisallowedByPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'HeaderDisallowedByPreflightResponse') || !context.credentials.include) return null;
    const allowHeaders = corsHeadersOf(context.failure!.exchange).allowHeaders ?? '';
    if (!splitList(allowHeaders).includes('*')) return null;
    return finding(context, found, allowHeaders);
  },
};
export default rule;

function found(context: RuleContext, allowHeaders: string): Found {
  const header = context.failure!.failedParameter;
  return {
    evidence: [
      evidence('preflight-request', 'access-control-request-headers', header, 'a header the page sends'),
      evidence('preflight-response', 'access-control-allow-headers', allowHeaders, 'a wildcard, which credentials turn off'),
    ],
    params: { header, allowHeaders },
  };
}
