import { failedToConnect, firstExchange } from '../chromium-cors.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import type { Exchange } from '../types.ts';
import { evidence, finding, type Found } from './support.ts';

/** DNS, TCP and TLS failures: no response at all, so nothing CORS could judge. */
const rule: CorsRule = {
  meta: { id: 'connection-failed', title: 'Server unreachable (not CORS)', verdict: 'not-cors', chromiumErrors: [], firefoxReason: 'CORSDidNotSucceed' },
  check(context) {
    const hop = firstExchange(context.tx, failedToConnect, true);
    if (!hop) return null;
    return finding(context, found, hop);
  },
};
export default rule;

function found(_context: RuleContext, hop: Exchange): Found {
  return {
    evidence: [evidence('log', 'error', hop.error, 'no HTTP response arrived'), evidence('request', 'url', hop.url, 'the address it tried')],
    params: { netError: hop.error ?? '', failedUrl: hop.url },
    fix: null,
  };
}
