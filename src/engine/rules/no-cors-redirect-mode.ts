import type { CorsRule } from '../rule.ts';
import { evidence, failureIs, finding } from './support.ts';

/** mode 'no-cors' only allows redirect 'follow'. */
const rule: CorsRule = {
  meta: { id: 'no-cors-redirect-mode', title: "mode: 'no-cors' with redirect not 'follow'", verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['NoCorsRedirectModeNotFollow'] },
  check(context) {
    if (!failureIs(context, 'NoCorsRedirectModeNotFollow')) return null;
    const redirect = context.tx.actualRequest.declared?.redirect ?? '';
    return finding(context, {
      evidence: [evidence('request', 'redirect', redirect, "no-cors requests must use redirect: 'follow'")],
      params: { redirectMode: redirect },
      fix: null,
    });
  },
};
export default rule;
