import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** Allowing "null" lets sandboxed iframes and data: documents from any site in. */
const rule: CorsRule = {
  meta: { id: 'null-origin-allowed', title: 'The "null" origin is allowed', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    if (!passed(context) || corsHeadersOf(context.tx.actualRequest).allowOrigin !== 'null') return null;
    return finding(context, found);
  },
};
export default rule;

function found(): Found {
  return {
    evidence: [evidence('response', 'access-control-allow-origin', 'null', 'any sandboxed or data: page sends "null"')],
    fix: { allowOrigins: [], notes: ['Serve the calling page from a real origin and allow that origin instead of "null".'] },
  };
}
