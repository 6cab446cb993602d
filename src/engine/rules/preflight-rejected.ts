import { corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import type { Exchange } from '../types.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/**
 * The server answered OPTIONS with an error. Without CORS headers Chromium names the missing
 * Allow-Origin (it checks that before the status); with them, the status. Same cause either way:
 * no OPTIONS route, or auth/validation middleware running before CORS.
 */
const rule: CorsRule = {
  meta: {
    id: 'preflight-rejected', title: 'Preflight rejected by the server', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['PreflightInvalidStatus', 'PreflightMissingAllowOriginHeader'], firefoxReason: 'CORSPreflightDidNotSucceed',
  },
  check(context) {
    const preflight = context.tx.preflight;
    if (!preflight || preflight.status >= 200 && preflight.status < 300) return null;
    if (!failureIs(context, 'PreflightInvalidStatus', 'PreflightMissingAllowOriginHeader')) return null;
    return finding(context, found, preflight);
  },
};
export default rule;

function found(_context: RuleContext, preflight: Exchange): Found {
  const status = preflight.status;
  const cause = status === 401 || status === 403 ? 'auth'
    : status === 404 || status === 405 || status === 501 ? 'no-route'
    : status >= 500 ? 'server-error' : 'other';
  return {
    evidence: [
      evidence('preflight-response', 'status', String(status), 'a preflight must get a 2xx answer'),
      evidence('preflight-response', 'access-control-allow-origin', corsHeadersOf(preflight).allowOrigin, 'CORS headers on the OPTIONS answer'),
    ],
    params: { cause, statusText: preflight.statusText },
    fix: { answerPreflightBeforeAuth: true },
  };
}
