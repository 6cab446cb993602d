import { allowedMethods, corsHeadersOf } from '../cors-headers.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/**
 * The method is listed, but in another case. Methods are compared byte for byte, and fetch()
 * upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT: `method: 'patch'` is sent as "patch"
 * and does not match "PATCH". Writing PATCH in upper case on both sides is the robust fix.
 */
const rule: CorsRule = {
  meta: { id: 'method-case-mismatch', title: 'Method listed in the wrong case', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['MethodDisallowedByPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'MethodDisallowedByPreflightResponse')) return null;
    const method = context.failure!.failedParameter;
    const listed = allowedMethods(corsHeadersOf(context.failure!.exchange)) ?? [];
    const sameButCase = listed.find((m) => m.toUpperCase() === method.toUpperCase());
    if (!sameButCase) return null;
    return finding(context, found, sameButCase);
  },
};
export default rule;

/** `listedAs`: the method as the preflight's answer lists it, in another case. */
function found(context: RuleContext, listedAs: string): Found {
  const method = context.failure!.failedParameter;
  const listed = allowedMethods(corsHeadersOf(context.failure!.exchange)) ?? [];
  return {
    evidence: [
      evidence('preflight-request', 'access-control-request-method', method, 'the method the page sent'),
      evidence('preflight-response', 'access-control-allow-methods', listed.join(', '), `lists "${listedAs}", which is compared case-sensitively`),
    ],
    params: { listedAs, upper: method.toUpperCase(), sent: method === method.toUpperCase() ? 'upper' : 'not-upper' },
    fix: { allowMethods: [method.toUpperCase()] },
  };
}
