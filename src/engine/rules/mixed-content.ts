import { addressSpaceOfUrl, schemeOf, targetOf } from '../origin.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, finding, type Found } from './support.ts';

/**
 * An https page may not fetch plain http. Excepted: loopback (potentially trustworthy), and since
 * Chrome 142 private IP literals and .local names, which go to the Local Network Access permission
 * instead of being blocked as mixed content.
 */
const rule: CorsRule = {
  meta: { id: 'mixed-content', title: 'Mixed content (https page, http API)', verdict: 'not-cors', chromiumErrors: [], firefoxReason: null },
  check(context) {
    const { tx } = context;
    const first = tx.redirectHops[0] ?? tx.actualRequest;
    const pageOrigin = tx.requestOrigin ?? tx.actualRequest.pageUrl;
    // Runs on every transaction: what is already parsed first, the page's URL last.
    if (!pageOrigin || targetOf(first)?.scheme !== 'http' || tx.actualRequest.outcome === 'completed') return null;
    const space = addressSpaceOfUrl(targetOf(first));
    if (space === 'loopback' || space === 'local' || schemeOf(pageOrigin) !== 'https') return null;
    return finding(context, found, pageOrigin);
  },
};
export default rule;

/** `pageOrigin`: the https page's origin (or URL). */
function found({ tx }: RuleContext, pageOrigin: string): Found {
  const target = (tx.redirectHops[0] ?? tx.actualRequest).url;
  return {
    evidence: [
      evidence('request', 'origin', pageOrigin, 'the page is served over https'),
      evidence('request', 'url', target, 'the API is plain http'),
    ],
    params: { httpsUrl: target.replace(/^http:/, 'https:') },
    fix: null,
  };
}
