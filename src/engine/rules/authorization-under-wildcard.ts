import { allowedHeaders, corsHeadersOf } from '../cors-headers.ts';
import { requestedHeaders } from '../chromium-cors.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** The Fetch standard says "*" never covers Authorization; browsers still allow it today. */
const rule: CorsRule = {
  meta: { id: 'authorization-under-wildcard', title: 'Authorization allowed only by "*"', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const preflight = context.tx.preflight;
    if (!passed(context) || !preflight || !requestedHeaders(context.tx).includes('authorization')) return null;
    const allowHeaders = allowedHeaders(corsHeadersOf(preflight)) ?? [];
    const lower = allowHeaders.map((h) => h.toLowerCase());
    if (!lower.includes('*') || lower.includes('authorization')) return null;
    return finding(context, found, allowHeaders);
  },
};
export default rule;

function found(context: RuleContext, allowHeaders: readonly string[]): Found {
  return { evidence: [evidence('preflight-response', 'access-control-allow-headers', allowHeaders.join(', '), 'a wildcard without "authorization"')] };
}
