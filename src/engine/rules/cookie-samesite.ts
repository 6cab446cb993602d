import type { CorsRule, RuleContext } from '../rule.ts';
import { corsHeadersOf } from '../cors-headers.ts';
import { isHeaderName } from '../headers.ts';
import { parseUrl, targetOf, type UrlParts } from '../origin.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** The site of a host: its last two labels, or the host itself for IPs and single labels (no public-suffix list). */
function siteOf(url: UrlParts | null): string | null {
  const host = url?.hostname;
  if (host === undefined) return null;
  if (/^[\d.]+$/.test(host) || host.includes(':')) return host;
  const last = host.lastIndexOf('.');
  return last <= 0 ? host : host.slice(host.lastIndexOf('.', last - 1) + 1);
}

/** A cookie set by a cross-site API is only sent back cross-site with SameSite=None; Secure. */
const rule: CorsRule = {
  meta: { id: 'cookie-samesite', title: 'Cookie will not be sent cross-site', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { actualRequest, requestOrigin } = context.tx;
    // Most responses set no cookie: that test first, the sites only then.
    if (!passed(context) || !requestOrigin || corsHeadersOf(actualRequest).setCookie === null) return null;
    const bad = actualRequest.responseHeaders.find((h) => isHeaderName(h.name, 'set-cookie')
      && (!/;\s*samesite\s*=\s*none\b/i.test(h.value) || !/;\s*secure\b/i.test(h.value)))?.value;
    if (bad === undefined || siteOf(parseUrl(requestOrigin)) === siteOf(targetOf(actualRequest))) return null;
    return finding(context, found, bad);
  },
};
export default rule;

/** `setCookie`: the Set-Cookie line that lacks SameSite=None; Secure. */
function found(_context: RuleContext, setCookie: string): Found {
  const cookieName = setCookie.split('=')[0]?.trim() ?? '';
  return {
    evidence: [evidence('response', 'set-cookie', `${cookieName}=…; ${setCookie.split(';').slice(1).map((s) => s.trim()).join('; ')}`, 'lacks SameSite=None; Secure')],
    params: { cookieName },
    fix: { allowCredentials: true, notes: [`Set the cookie with: Set-Cookie: ${cookieName}=…; SameSite=None; Secure; HttpOnly (Secure needs https, except on localhost).`] },
  };
}
