import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, originEvidence, type Found } from './support.ts';

/**
 * After a redirect to yet another origin the browser sends `Origin: null`; the server there
 * echoed the page's origin (or an allowlist entry), which no longer matches.
 */
const rule: CorsRule = {
  meta: { id: 'redirect-tainted-origin', title: 'Origin became "null" after a cross-origin redirect', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['AllowOriginMismatch'] },
  check(context) {
    if (!failureIs(context, 'AllowOriginMismatch')) return null;
    const { tx } = context;
    if (context.failure!.comparedOrigin !== 'null' || tx.requestOrigin === 'null' || tx.redirectHops.length === 0) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const hops = context.tx.redirectHops;
  const last = hops[hops.length - 1]!;
  return {
    evidence: [evidence('redirect', 'location', last.redirectURL, 'a redirect to another origin'), ...originEvidence(context)],
    params: { redirectedTo: last.redirectURL },
    fix: { notes: ['Call the final URL directly so no cross-origin redirect happens; or have the redirect target allow the origin "null" (only without credentials).'] },
  };
}
