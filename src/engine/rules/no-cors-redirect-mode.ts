import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** mode 'no-cors' only allows redirect 'follow'. */
const rule: CorsRule = {
  meta: { id: 'no-cors-redirect-mode', title: "mode: 'no-cors' with redirect not 'follow'", verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['NoCorsRedirectModeNotFollow'] },
  check(context) {
    if (!failureIs(context, 'NoCorsRedirectModeNotFollow')) return null;
    return finding(context, found);
  },
};
export default rule;

function found({ tx }: RuleContext): Found {
  const redirect = tx.actualRequest.declared?.redirect ?? '';
  return {
    evidence: [evidence('request', 'redirect', redirect, "no-cors requests must use redirect: 'follow'")],
    params: { redirectMode: redirect },
    fix: null,
  };
}
