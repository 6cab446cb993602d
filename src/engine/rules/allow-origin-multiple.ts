import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { failureIs, finding, originEvidence, type Found } from './support.ts';

/** Allow-Origin holds one origin, never a list; a doubled header reads as a list too. */
const rule: CorsRule = {
  meta: {
    id: 'allow-origin-multiple', title: 'Several origins in Access-Control-Allow-Origin', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
  },
  check(context) {
    if (!failureIs(context, 'MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const sentTwice = corsHeadersOf(context.failure!.exchange).allowOriginLines > 1;
  return { evidence: originEvidence(context), params: { cause: sentTwice ? 'sent-twice' : 'list' } };
}
