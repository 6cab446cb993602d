import { corsHeadersOf } from '../cors-headers.ts';
import type { EarlierExchange } from '../history.ts';
import { targetOf } from '../origin.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** The latest exchange from this origin that set a cookie, searched from the end without copying. */
function latestCookieSetter(earlier: readonly EarlierExchange[], apiOrigin: string | null): EarlierExchange | undefined {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i]!;
    if (e.setCookie !== null && e.apiOrigin === apiOrigin) return e;
  }
  return undefined;
}

/**
 * The API set a cookie earlier, but this request went without one: fetch() sends cross-origin
 * cookies only with `credentials: 'include'` (axios: withCredentials: true).
 */
const rule: CorsRule = {
  meta: { id: 'cookie-not-sent', title: 'Cookie not sent with the request', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { actualRequest } = context.tx;
    if (!passed(context) || context.credentials.include || corsHeadersOf(actualRequest).cookie !== null) return null;
    const apiOrigin = targetOf(actualRequest)?.origin ?? null;
    const setter = latestCookieSetter(context.earlier, apiOrigin);
    if (!setter) return null;
    return finding(context, found, setter);
  },
};
export default rule;

function found(_context: RuleContext, setter: EarlierExchange): Found {
  const cookieName = (setter.setCookie ?? '').split('=')[0]?.trim() ?? '';
  return {
    evidence: [
      evidence('log', 'set-cookie', `${cookieName}=…`, `set by entry ${setter.exchange.index} from this API`),
      evidence('request', 'cookie', null, 'not sent with this request'),
    ],
    params: { cookieName },
    fix: { allowCredentials: true, notes: ["In the page: fetch(url, { credentials: 'include' }) (axios: withCredentials: true)."] },
  };
}
