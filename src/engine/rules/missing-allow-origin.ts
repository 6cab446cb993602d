import type { CorsRule } from '../rule.ts';
import { failureIs, finding, originEvidence } from './support.ts';

/** The most common one: the server (or its preflight answer) sends no Access-Control-Allow-Origin. */
const rule: CorsRule = {
  meta: {
    id: 'missing-allow-origin', title: 'No Access-Control-Allow-Origin header', verdict: 'blocked', requires: 'listed-error',
    chromiumErrors: ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
  },
  check(context) {
    if (!failureIs(context, 'MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader')) return null;
    return finding(context, {
      evidence: originEvidence(context),
      params: { where: context.failure!.stage === 'preflight' ? 'preflight' : context.failure!.stage === 'redirect' ? 'redirect' : 'response' },
    });
  },
};
export default rule;
