import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule } from '../rule.ts';
import { failureIs, finding, originEvidence } from './support.ts';

/** Allow-Origin holds one origin, never a list; a doubled header reads as a list too. */
const rule: CorsRule = {
  meta: {
    id: 'allow-origin-multiple', title: 'Several origins in Access-Control-Allow-Origin', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
  },
  check(context) {
    if (!failureIs(context, 'MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues')) return null;
    const sentTwice = corsHeadersOf(context.failure!.exchange).allowOriginLines > 1;
    return finding(context, {
      evidence: originEvidence(context),
      params: { cause: sentTwice ? 'sent-twice' : 'list' },
    });
  },
};
export default rule;
