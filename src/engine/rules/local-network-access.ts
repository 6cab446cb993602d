import { addressSpaceOf } from '../origin.ts';
import type { CorsRule } from '../rule.ts';
import { evidence, finding } from './support.ts';

const RANK = { public: 0, local: 1, loopback: 2 } as const;

/**
 * A public page reaching a private or loopback address needs the user's Local Network Access
 * permission (Chrome 142+). The old Access-Control-Allow-Private-Network header no longer helps.
 */
const rule: CorsRule = {
  meta: {
    id: 'local-network-access', title: 'Local network access needs permission', verdict: 'blocked',
    chromiumErrors: ['LocalNetworkAccessPermissionDenied'], firefoxReason: null,
  },
  check(context) {
    const { tx } = context;
    const target = (tx.redirectHops[0] ?? tx.actualRequest).url;
    const from = tx.requestOrigin ?? tx.actualRequest.pageUrl;
    const fromSpace = from ? addressSpaceOf(from) : null;
    const toSpace = addressSpaceOf(target);
    if (!fromSpace || !toSpace || RANK[toSpace] <= RANK[fromSpace]) return null;
    // Only a request that never got an answer was stopped by the permission check.
    if (tx.actualRequest.outcome !== 'failed' || tx.actualRequest.status !== 0 || (tx.preflight && tx.preflight.status !== 0)) return null;
    return finding(context, {
      evidence: [
        evidence('request', 'origin', from, `a ${fromSpace} page`),
        evidence('request', 'url', target, `a ${toSpace} address`),
      ],
      params: { fromSpace, toSpace },
      inferences: ['The log does not record permission prompts: this verdict rests on the address spaces and the missing response.'],
      fix: null,
    });
  },
};
export default rule;
