import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';

/** The page's own Content-Security-Policy (connect-src) stopped the request before it left. */
const rule: CorsRule = {
  meta: { id: 'csp-blocked', title: "Blocked by the page's Content-Security-Policy", verdict: 'not-cors', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { actualRequest } = context.tx;
    if (!actualRequest.error || !/csp/i.test(actualRequest.error)) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const { actualRequest, crossOrigin } = context.tx;
  return {
    evidence: [evidence('log', 'error', actualRequest.error, "the page's CSP forbids this URL")],
    params: { cspSource: crossOrigin ? actualRequest.url : '' },
    fix: null,
  };
}
