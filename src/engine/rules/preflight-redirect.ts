import { getHeader } from '../headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** A preflight must be answered directly: any 3xx (http→https, trailing slash, login page) fails it. */
const rule: CorsRule = {
  meta: { id: 'preflight-redirect', title: 'Preflight redirected', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['PreflightDisallowedRedirect'] },
  check(context) {
    if (!failureIs(context, 'PreflightDisallowedRedirect')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const preflight = context.failure!.exchange;
  const location = preflight.redirectURL || getHeader(preflight.responseHeaders, 'location') || '';
  return {
    evidence: [
      evidence('preflight-response', 'status', String(preflight.status), 'a redirect; preflights may not redirect'),
      evidence('preflight-response', 'location', location, 'where the server tried to send it'),
    ],
    params: { location },
    fix: { answerPreflightBeforeAuth: true, notes: ['Call the final URL directly from the page (https, exact path, trailing slash as the server expects).'] },
  };
}
