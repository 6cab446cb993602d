import type { CorsRule } from '../rule.ts';
import { evidence, finding } from './support.ts';

/** The page's own Content-Security-Policy (connect-src) stopped the request before it left. */
const rule: CorsRule = {
  meta: { id: 'csp-blocked', title: "Blocked by the page's Content-Security-Policy", verdict: 'not-cors', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { actualRequest } = context.tx;
    if (!actualRequest.error || !/csp/i.test(actualRequest.error)) return null;
    return finding(context, {
      evidence: [evidence('log', 'error', actualRequest.error, "the page's CSP forbids this URL")],
      params: { cspSource: context.tx.crossOrigin ? context.tx.actualRequest.url : '' },
      fix: null,
    });
  },
};
export default rule;
