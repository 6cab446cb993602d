import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';

/**
 * The log says the browser failed the request, yet its headers pass every CORS check. Say what
 * is missing from the log instead of guessing a verdict.
 */
const rule: CorsRule = {
  meta: { id: 'failure-not-explained', title: 'Failed, but not explained by the captured headers', verdict: 'blocked', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { tx } = context;
    if (context.failure || tx.actualRequest.outcome !== 'failed') return null;
    return finding(context, found);
  },
};
export default rule;

function found({ tx }: RuleContext): Found {
  const cause = tx.preflightState === 'not-in-log' ? 'preflight-not-captured'
    : tx.actualRequest.status === 0 && tx.preflight === null ? 'no-response' : 'unknown';
  return {
    evidence: [
      evidence('log', 'error', tx.actualRequest.error, 'the browser failed it'),
      evidence('response', 'status', String(tx.actualRequest.status), tx.actualRequest.status === 0 ? 'no response was captured' : 'the response arrived'),
    ],
    params: { cause, netError: tx.actualRequest.error ?? '(none)' },
    fix: null,
  };
}
