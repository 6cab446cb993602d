import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** Every check passed. Still worth saying what allowed it, and whether the preflight was cached. */
const rule: CorsRule = {
  meta: { id: 'cors-ok', title: 'Allowed by CORS', verdict: 'ok', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    if (!passed(context)) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const allowOrigin = corsHeadersOf(context.tx.actualRequest).allowOrigin;
  return {
    evidence: [evidence('response', 'access-control-allow-origin', allowOrigin, 'matches the request')],
    params: { preflight: context.tx.preflightState },
    fix: null,
  };
}
