import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/**
 * The API failed (4xx/5xx) and its error path sends no CORS headers, so the page sees a CORS error
 * instead of the real one. Chromium never checks the actual response's status.
 */
const rule: CorsRule = {
  meta: { id: 'error-response-without-cors', title: 'Error response without CORS headers', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['MissingAllowOriginHeader'] },
  check(context) {
    if (!failureIs(context, 'MissingAllowOriginHeader') || context.failure!.stage === 'preflight') return null;
    if (context.failure!.exchange.status < 400) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  return {
    evidence: [
      evidence('response', 'status', String(context.failure!.exchange.status), 'the server errored'),
      evidence('response', 'access-control-allow-origin', null, 'its error response has no CORS headers'),
    ],
    fix: { notes: ['Send CORS headers on error responses too (nginx: add_header … always; frameworks: register CORS before the error handler).'] },
  };
}
