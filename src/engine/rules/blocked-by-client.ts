import { firstExchange } from '../chromium-cors.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import type { Exchange } from '../types.ts';
import { evidence, finding, type Found } from './support.ts';

const blockedByClient = (exchange: Exchange) => exchange.error === 'net::ERR_BLOCKED_BY_CLIENT';

/** An extension (ad blocker, privacy tool) or a DevTools request block cancelled the request. */
const rule: CorsRule = {
  meta: { id: 'blocked-by-client', title: 'Blocked by an extension or ad blocker', verdict: 'not-cors', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const hop = firstExchange(context.tx, blockedByClient, true);
    if (!hop) return null;
    return finding(context, found, hop);
  },
};
export default rule;

function found(_context: RuleContext, hop: Exchange): Found {
  return { evidence: [evidence('log', 'error', hop.error, 'the browser never sent it')], fix: null };
}
