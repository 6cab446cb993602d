import type { CorsRule } from '../rule.ts';
import { failureIs, finding, originFound } from './support.ts';

/** The Allow-Origin value is not an origin at all (a bare host name, garbage, empty). */
const rule: CorsRule = {
  meta: {
    id: 'allow-origin-invalid', title: 'Access-Control-Allow-Origin is not a valid origin', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue'],
  },
  check(context) {
    if (!failureIs(context, 'InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue')) return null;
    return finding(context, originFound);
  },
};
export default rule;
