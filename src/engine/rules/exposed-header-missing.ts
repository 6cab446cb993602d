import { getHeader, splitList } from '../headers.ts';
import { SAFELISTED_RESPONSE_HEADERS } from '../fetch-spec.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import type { Header } from '../types.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** Headers a page typically reads from an API response, beyond the always-visible ones. */
const APP_HEADER = /^(x-(?!powered-by$|frame-options$|content-type-options$|xss-protection$|cache$|served-by$|cache-hits$|timer$)[\w-]+|link|etag|location|content-disposition|content-range|retry-after|www-authenticate)$/i;

/** Lower-case names of the response's app headers (tested as sent: lower-casing every name first allocated one string per header). */
function appHeaders(headers: readonly Header[]): string[] {
  const names: string[] = [];
  for (const { name } of headers) if (APP_HEADER.test(name)) names.push(name.toLowerCase());
  return names;
}

/** JS sees only safelisted response headers unless Access-Control-Expose-Headers names the others. */
const rule: CorsRule = {
  meta: { id: 'exposed-header-missing', title: 'Response header hidden from the page', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    if (!passed(context)) return null;
    const response = context.tx.actualRequest.responseHeaders;
    const declared = context.tx.actualRequest.declared?.readsResponseHeaders?.map((h) => h.toLowerCase());
    const candidates = declared ?? appHeaders(response);
    if (candidates.length === 0) return null;
    const exposeRaw = getHeader(response, 'access-control-expose-headers') ?? '';
    const exposed = new Set(splitList(exposeRaw).map((h) => h.toLowerCase()).filter(Boolean));
    if (exposed.has('*') && !context.credentials.include) return null;
    const hidden = [...new Set(candidates)].filter((name) => !SAFELISTED_RESPONSE_HEADERS.has(name) && !exposed.has(name));
    if (hidden.length === 0) return null;
    return finding(context, found, hidden);
  },
};
export default rule;

/** `hidden`: the names the page reads (or may read) that the response does not expose. */
function found(context: RuleContext, hidden: string[]): Found {
  const { responseHeaders, declared } = context.tx.actualRequest;
  const exposeRaw = getHeader(responseHeaders, 'access-control-expose-headers');
  return {
    evidence: [evidence('response', 'access-control-expose-headers', exposeRaw || null, `does not expose ${hidden.join(', ')}`)],
    params: { hidden: hidden.join(', '), declared: declared?.readsResponseHeaders ? 'yes' : '' },
    fix: { exposeHeaders: hidden },
  };
}
