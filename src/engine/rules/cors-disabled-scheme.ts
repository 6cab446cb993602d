import type { CorsRule } from '../rule.ts';
import { evidence, failureIs, finding } from './support.ts';

/** CORS only exists for http(s): a file:, data:, ftp: or custom-scheme target (or redirect) fails. */
const rule: CorsRule = {
  meta: { id: 'cors-disabled-scheme', title: 'URL scheme does not support CORS', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['CorsDisabledScheme'] },
  check(context) {
    if (!failureIs(context, 'CorsDisabledScheme')) return null;
    const target = context.failure!.failedParameter;
    const viaRedirect = context.failure!.stage === 'redirect';
    return finding(context, {
      evidence: [evidence(viaRedirect ? 'redirect' : 'request', viaRedirect ? 'location' : 'url', target, 'not http: or https:')],
      params: { target: target.slice(0, 200), via: viaRedirect ? 'a redirect to' : 'a request to' },
      fix: null,
    });
  },
};
export default rule;
