import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';

/**
 * A service worker answered a CORS request with an opaque (no-cors) response. The log shows a
 * response fetched via the service worker that still failed with no status.
 */
const rule: CorsRule = {
  meta: { id: 'invalid-response', title: 'Service worker returned an opaque response', verdict: 'blocked', chromiumErrors: ['InvalidResponse'] },
  check(context) {
    const { actualRequest } = context.tx;
    if (!actualRequest.fetchedViaServiceWorker || actualRequest.outcome !== 'failed') return null;
    if (context.failure && context.failure.error !== 'InvalidResponse') return null;
    return finding(context, found);
  },
};
export default rule;

function found({ tx }: RuleContext): Found {
  return {
    evidence: [evidence('log', 'fetchedViaServiceWorker', 'true', 'a service worker answered'), evidence('log', 'error', tx.actualRequest.error, 'the browser rejected its response')],
    fix: null,
  };
}
