import { corsHeadersOf } from '../cors-headers.ts';
import { targetOf } from '../origin.ts';
import type { EarlierExchange } from '../history.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/**
 * The server echoes whatever Origin it gets and allows credentials: any website can read this
 * user's data. One response cannot show reflection; two different origins echoed by the same
 * API in one log can.
 */
const rule: CorsRule = {
  meta: { id: 'reflected-origin-with-credentials', title: 'Any origin allowed with credentials', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { actualRequest, requestOrigin } = context.tx;
    if (!passed(context) || !requestOrigin) return null;
    const { allowCredentials, allowOrigin } = corsHeadersOf(actualRequest);
    if (allowCredentials !== 'true' || allowOrigin !== requestOrigin) return null;
    const apiOrigin = targetOf(actualRequest)?.origin ?? null;
    const other = context.earlier.find((e) => e.credentialedEcho !== null && e.credentialedEcho !== requestOrigin && e.apiOrigin === apiOrigin);
    if (!other) return null;
    return finding(context, found, other);
  },
};
export default rule;

/** `other`: an earlier response of the same API that echoed another origin with credentials. */
function found({ tx }: RuleContext, other: EarlierExchange): Found {
  const otherOrigin = other.credentialedEcho ?? '';
  return {
    evidence: [
      evidence('response', 'access-control-allow-origin', tx.requestOrigin, 'echoes this origin'),
      evidence('log', 'earlier echo', otherOrigin, `entry ${other.exchange.index} echoed another origin, also with credentials`),
    ],
    params: { otherOrigin },
  };
}
