import { localNetworkAccessBlocked, type LocalNetworkAccess } from '../chromium-cors.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';

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
    const blocked = localNetworkAccessBlocked(context.tx);
    if (!blocked) return null;
    return finding(context, found, blocked);
  },
};
export default rule;

function found(_context: RuleContext, blocked: LocalNetworkAccess): Found {
  return {
    evidence: [
      evidence('request', 'origin', blocked.from, `a ${blocked.fromSpace} page`),
      evidence('request', 'url', blocked.target, `a ${blocked.toSpace} address`),
    ],
    params: { fromSpace: blocked.fromSpace, toSpace: blocked.toSpace },
    inferences: ['The log does not record permission prompts: this verdict rests on the address spaces and the missing response.'],
    fix: null,
  };
}
