import { firstExchange } from '../chromium-cors.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import type { Exchange } from '../types.ts';
import { evidence, finding, type Found } from './support.ts';

const refusedRedirect = (exchange: Exchange) => exchange.error === 'net::ERR_UNSAFE_REDIRECT';

/**
 * A redirect to data:, file:, javascript: or another non-HTTP scheme: the network layer refuses it
 * (net::ERR_UNSAFE_REDIRECT) before CORS is consulted, so Chromium reports no CORS error.
 */
const rule: CorsRule = {
  meta: { id: 'unsafe-redirect', title: 'Redirect to a URL the browser refuses (not CORS)', verdict: 'not-cors', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const hop = firstExchange(context.tx, refusedRedirect, false);
    if (!hop) return null;
    return finding(context, found, hop);
  },
};
export default rule;

function found(_context: RuleContext, hop: Exchange): Found {
  return {
    evidence: [evidence('redirect', 'location', hop.redirectURL || null, 'not an http(s) URL'), evidence('log', 'error', hop.error, 'refused by the browser')],
    params: { location: hop.redirectURL || '(not recorded)' },
    fix: null,
  };
}
