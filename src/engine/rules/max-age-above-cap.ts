import { getHeader } from '../headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';
import { passed } from './warning-support.ts';

/** Browsers cap the preflight cache: Chromium 7200 s, Firefox 86400 s; more is silently cut. */
export const CHROMIUM_MAX_AGE_CAP = 7200;
export const FIREFOX_MAX_AGE_CAP = 86400;

const rule: CorsRule = {
  meta: { id: 'max-age-above-cap', title: 'Access-Control-Max-Age above the browser cap', verdict: 'warning', requires: 'no-failure', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const preflight = context.tx.preflight;
    if (!passed(context) || !preflight) return null;
    const raw = getHeader(preflight.responseHeaders, 'access-control-max-age');
    if (raw === null) return null;
    const seconds = Number(raw);
    if (!Number.isFinite(seconds) || seconds <= CHROMIUM_MAX_AGE_CAP) return null;
    return finding(context, found, raw);
  },
};
export default rule;

/** `raw`: the preflight's Access-Control-Max-Age, as sent. */
function found(_context: RuleContext, raw: string): Found {
  const seconds = Number(raw);
  return {
    evidence: [evidence('preflight-response', 'access-control-max-age', raw, `Chromium uses at most ${CHROMIUM_MAX_AGE_CAP}`)],
    params: {
      maxAge: String(seconds), chromiumCap: String(CHROMIUM_MAX_AGE_CAP), firefoxCap: String(FIREFOX_MAX_AGE_CAP),
      // The caps differ: up to Firefox's, only Chromium-based browsers cut the value.
      cappedIn: seconds <= FIREFOX_MAX_AGE_CAP ? 'chromium' : 'both',
    },
    fix: { maxAgeSeconds: CHROMIUM_MAX_AGE_CAP },
  };
}
