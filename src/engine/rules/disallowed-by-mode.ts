import type { CorsRule } from '../rule.ts';
import { evidence, failureIs, finding, type Found } from './support.ts';

/** fetch(url, {mode: 'same-origin'}) to another origin: refused before anything is sent. */
const rule: CorsRule = {
  meta: { id: 'disallowed-by-mode', title: "mode: 'same-origin' to another origin", verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['DisallowedByMode'] },
  check(context) {
    if (!failureIs(context, 'DisallowedByMode')) return null;
    return finding(context, found);
  },
};
export default rule;

function found(): Found {
  return { evidence: [evidence('request', 'mode', 'same-origin', 'forbids any cross-origin request')], fix: null };
}
