import { failedToConnect, firstExchange } from '../chromium-cors.ts';
import type { CorsRule } from '../rule.ts';
import { evidence, finding } from './support.ts';

/** DNS, TCP and TLS failures: no response at all, so nothing CORS could judge. */
const rule: CorsRule = {
  meta: { id: 'connection-failed', title: 'Server unreachable (not CORS)', verdict: 'not-cors', chromiumErrors: [], firefoxReason: 'CORSDidNotSucceed' },
  check(context) {
    const hop = firstExchange(context.tx, failedToConnect, true);
    if (!hop) return null;
    return finding(context, {
      evidence: [evidence('log', 'error', hop.error, 'no HTTP response arrived'), evidence('request', 'url', hop.url, 'the address it tried')],
      params: { netError: hop.error ?? '', failedUrl: hop.url },
      fix: null,
    });
  },
};
export default rule;
