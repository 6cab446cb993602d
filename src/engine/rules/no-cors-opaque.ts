import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';

/**
 * `mode: 'no-cors'` (or an <img>/<script> without crossorigin): the browser does no CORS check
 * and hands the page an opaque response it cannot read. No Origin header is the tell-tale.
 */
const rule: CorsRule = {
  meta: { id: 'no-cors-opaque', title: "Opaque response (mode: 'no-cors')", verdict: 'not-cors', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { tx } = context;
    const declaredNoCors = tx.actualRequest.declared?.mode === 'no-cors';
    const noOrigin = tx.requestOrigin === null && tx.preflight === null;
    // Chromium logged it as completed although the headers fail CORS: CORS was not applied.
    const notEnforced = context.failure !== null && tx.actualRequest.outcome === 'completed' && tx.preflight === null;
    if (!declaredNoCors && !noOrigin && !notEnforced) return null;
    if (declaredNoCors && tx.actualRequest.declared?.redirect && tx.actualRequest.declared.redirect !== 'follow') return null;
    return finding(context, found);
  },
};
export default rule;

function found({ tx }: RuleContext): Found {
  const noOrigin = tx.requestOrigin === null && tx.preflight === null;
  return {
    evidence: [
      evidence('request', 'origin', corsHeadersOf(tx.actualRequest).origin, noOrigin ? 'no Origin: not a CORS request' : 'CORS was not enforced'),
      evidence('log', 'error', tx.actualRequest.error, 'the body is opaque to the page'),
    ],
    params: { resourceType: tx.actualRequest.resourceType ?? 'request' },
    fix: null,
  };
}
