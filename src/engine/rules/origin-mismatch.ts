/** Shared by the Allow-Origin mismatch rules: they differ only in which kind of mismatch they name. */
import { corsHeadersOf } from '../cors-headers.ts';
import { classifyOriginMismatch, type OriginMismatchKind } from '../origin.ts';
import type { CorsRule, RuleContext } from '../rule.ts';
import type { RuleId } from '../types.ts';
import { failureIs, finding, originEvidence, type Found } from './support.ts';

export function mismatchKind(context: RuleContext): OriginMismatchKind | null {
  if (!failureIs(context, 'AllowOriginMismatch', 'PreflightAllowOriginMismatch')) return null;
  const allowOrigin = corsHeadersOf(context.failure!.exchange).allowOrigin ?? '';
  return classifyOriginMismatch(allowOrigin, context.failure!.comparedOrigin);
}

export function originMismatchRule(id: RuleId, title: string, kinds: readonly OriginMismatchKind[]): CorsRule {
  return {
    meta: { id, title, verdict: 'blocked', requires: 'listed-error', chromiumErrors: ['AllowOriginMismatch', 'PreflightAllowOriginMismatch'] },
    check(context) {
      const kind = mismatchKind(context);
      if (kind === null || !kinds.includes(kind)) return null;
      return finding(context, found, kind);
    },
  };
}

function found(context: RuleContext, kind: OriginMismatchKind): Found {
  return { evidence: originEvidence(context), params: { mismatch: kind } };
}
