import { getHeader, parseAllowList } from '../headers.ts';
import type { CorsRule } from '../rule.ts';
import { baseFix, evidence, failureIs, finding } from './support.ts';

/**
 * The method is listed, but in another case. Chromium upper-cases the request's method and
 * compares case-sensitively, so "patch" in the list never matches: list PATCH in upper case.
 */
const rule: CorsRule = {
  meta: { id: 'method-case-mismatch', title: 'Method listed in the wrong case', verdict: 'blocked', chromiumErrors: ['MethodDisallowedByPreflightResponse'] },
  check(context) {
    if (!failureIs(context, 'MethodDisallowedByPreflightResponse')) return null;
    const method = context.failure!.failedParameter;
    const listed = parseAllowList(getHeader(context.failure!.exchange.responseHeaders, 'access-control-allow-methods')) ?? [];
    const sameButCase = listed.find((m) => m.toUpperCase() === method.toUpperCase());
    if (!sameButCase) return null;
    return finding(context, {
      evidence: [
        evidence('preflight-request', 'access-control-request-method', method, 'the method the page sent'),
        evidence('preflight-response', 'access-control-allow-methods', listed.join(', '), `lists "${sameButCase}", which is compared case-sensitively`),
      ],
      params: { listedAs: sameButCase, upper: method.toUpperCase() },
      fix: baseFix(context, { allowMethods: [method.toUpperCase()] }),
    });
  },
};
export default rule;
