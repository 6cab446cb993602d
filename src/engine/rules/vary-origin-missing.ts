import { corsHeadersOf } from '../cors-headers.ts';
import { getHeader, splitList } from '../headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** An echoed origin without Vary: Origin lets a cache serve one origin's answer to another. */
const rule: CorsRule = {
  meta: { id: 'vary-origin-missing', title: 'Echoed origin without Vary: Origin', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const response = context.tx.actualRequest;
    const { allowOrigin } = corsHeadersOf(response);
    if (!passed(context) || allowOrigin === null || allowOrigin === '*') return null;
    const vary = getHeader(response.responseHeaders, 'vary');
    if (vary !== null) {
      const varies = splitList(vary).map((v) => v.toLowerCase());
      if (varies.includes('origin') || varies.includes('*')) return null;
    }
    return finding(context, found);
  },
};
export default rule;

function found({ tx }: RuleContext): Found {
  const response = tx.actualRequest;
  return {
    evidence: [
      evidence('response', 'access-control-allow-origin', corsHeadersOf(response).allowOrigin, 'names one origin'),
      evidence('response', 'vary', getHeader(response.responseHeaders, 'vary'), 'does not include Origin'),
    ],
    fix: { varyOrigin: true },
  };
}
