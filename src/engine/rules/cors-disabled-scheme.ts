import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** CORS only exists for http(s): a file:, data:, ftp: or custom-scheme target (or redirect) fails. */
const rule: CorsRule = {
  meta: { id: 'cors-disabled-scheme', title: 'URL scheme does not support CORS', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['CorsDisabledScheme'] },
  check(context) {
    if (!failureIs(context, 'CorsDisabledScheme')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const target = context.failure!.failedParameter;
  const viaRedirect = context.failure!.stage === 'redirect';
  return {
    evidence: [evidence(viaRedirect ? 'redirect' : 'request', viaRedirect ? 'location' : 'url', target, 'not http: or https:')],
    params: { target: target.slice(0, 200), via: viaRedirect ? 'a redirect to' : 'a request to' },
    fix: null,
  };
}
