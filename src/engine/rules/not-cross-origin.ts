import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';

/** Same-origin requests and navigations are not subject to CORS. */
const rule: CorsRule = {
  meta: { id: 'not-cross-origin', title: 'Not a cross-origin request', verdict: 'not-cors', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { tx } = context;
    const navigation = tx.actualRequest.resourceType === 'document' || tx.actualRequest.declared?.mode === 'navigate';
    // An opaque origin ("null": a file: page, a sandboxed frame) is same-origin with nothing, not
    // even with another "null" such as the origin of a file: URL.
    const crossOrigin = tx.crossOrigin || tx.requestOrigin === 'null';
    if (crossOrigin && !navigation) return null;
    return finding(context, found, navigation);
  },
};
export default rule;

function found({ tx }: RuleContext, navigation: boolean): Found {
  return {
    evidence: [evidence('request', 'url', tx.actualRequest.url, navigation ? 'a navigation' : 'same origin as the page')],
    params: { kind: navigation ? 'a page navigation' : 'a same-origin request' },
    fix: null,
  };
}
