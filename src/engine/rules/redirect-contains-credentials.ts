import type { CorsRule, RuleContext } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** A cross-origin redirect to a URL with user:password@ is refused. */
const rule: CorsRule = {
  meta: { id: 'redirect-contains-credentials', title: 'Redirect to a URL with user:password', verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['RedirectContainsCredentials'] },
  check(context) {
    if (!failureIs(context, 'RedirectContainsCredentials')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(context: RuleContext): Found {
  const location = context.failure!.failedParameter;
  return {
    evidence: [evidence('redirect', 'location', location, 'contains user:password@')],
    params: { location },
    fix: null,
  };
}
