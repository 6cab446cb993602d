/**
 * The shape of a diagnosis rule, modelled on eslint's: `meta` says what the rule is,
 * `check` looks at one transaction in context and returns a Finding or null.
 */
import type { ChromiumCorsError, CorsFailure } from './chromium-cors.ts';
import type { EarlierExchange } from './history.ts';
import type { CorsTransaction, Finding, RuleId, Verdict } from './types.ts';

export interface CredentialsInference {
  include: boolean;
  /** What the mode rests on; anything but "declared" is an inference the explanation states. */
  basis: 'declared' | 'cookie-header' | 'storage-access-header' | 'outcome' | 'default';
}

export interface RuleContext {
  tx: CorsTransaction;
  /** Chromium's verdict under `credentials`, or null when every CORS check passes. */
  failure: CorsFailure | null;
  /** Chromium's verdict under the other credentials mode, when the mode was not known for sure. */
  alternativeFailure: CorsFailure | null;
  credentials: CredentialsInference;
  /** Exchanges before this transaction that set a cookie or allowed credentials, in log order, with their facts. */
  earlier: readonly EarlierExchange[];
}

export interface RuleMeta {
  id: RuleId;
  /** Short name as the user would say it ("Preflight rejected"). */
  title: string;
  verdict: Verdict;
  /** The Chromium CorsErrors this rule explains; empty for look-alikes and warnings. */
  chromiumErrors: readonly ChromiumCorsError[];
  /**
   * What must hold for the rule to match; its check tests it too, and diagnosis skips the rule
   * when it does not hold (test/unit/rule-requires.test.ts holds every rule to its claim).
   * 'listed-error': Chromium failed the request with one of chromiumErrors. 'no-failure': every
   * CORS check passed. Absent: any transaction.
   */
  requires?: 'listed-error' | 'no-failure';
  /**
   * Firefox's reason name when it differs from the mapping of the Chromium error, or when the
   * rule has no Chromium error; null = Firefox has no such reason.
   */
  firefoxReason?: string | null;
}

export interface CorsRule {
  meta: RuleMeta;
  check(context: RuleContext): Finding | null;
}
