import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** A request header the page set (X-Api-Key, Authorization, Content-Type: application/json…) is not allowed. */
const rule: CorsRule = {
  meta: { id: 'header-not-allowed', title: 'Request header not allowed by the preflight', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['HeaderDisallowedByPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'HeaderDisallowedByPreflightResponse')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const header = context.failure!.failedParameter;
  const allowHeaders = corsHeadersOf(context.failure!.exchange).allowHeaders;
  return {
    evidence: [
      evidence('preflight-request', 'access-control-request-headers', context.tx.preflight ? corsHeadersOf(context.tx.preflight).requestHeaders : null, 'the headers the page sends'),
      evidence('preflight-response', 'access-control-allow-headers', allowHeaders, `does not list "${header}"`),
    ],
    params: { header, allowHeaders: allowHeaders ?? '', contentTypeNote: header === 'content-type' ? 'yes' : '' },
  };
}
