import { corsHeadersOf } from '../cors-headers.ts';
import { targetOf } from '../origin.ts';
import type { CorsRule } from '../rule.ts';
import { baseFix, evidence, finding } from './support.ts';
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
    const otherOrigin = other.credentialedEcho ?? '';
    return finding(context, {
      evidence: [
        evidence('response', 'access-control-allow-origin', requestOrigin, 'echoes this origin'),
        evidence('log', 'earlier echo', otherOrigin, `entry ${other.exchange.index} echoed another origin, also with credentials`),
      ],
      params: { otherOrigin },
      fix: baseFix(context),
    });
  },
};
export default rule;
