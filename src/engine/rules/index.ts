/**
 * Every rule, in the order the browser decides: what is not CORS at all, then Chromium's checks
 * (renderer, preflight, redirects, actual response; named scenarios before the generic rule for
 * the same error), then what the headers cannot explain, then warnings on requests that passed.
 * The first blocking rule that matches is the verdict.
 */
import type { ChromiumCorsError } from '../chromium-cors.ts';
import type { CorsRule, RuleMeta } from '../rule.ts';
import notCrossOrigin from './not-cross-origin.ts';
import mixedContent from './mixed-content.ts';
import blockedByClient from './blocked-by-client.ts';
import cspBlocked from './csp-blocked.ts';
import localNetworkAccess from './local-network-access.ts';
import connectionFailed from './connection-failed.ts';
import unsafeRedirect from './unsafe-redirect.ts';
import disallowedByMode from './disallowed-by-mode.ts';
import noCorsRedirectMode from './no-cors-redirect-mode.ts';
import noCorsOpaque from './no-cors-opaque.ts';
import corsDisabledScheme from './cors-disabled-scheme.ts';
import preflightRedirect from './preflight-redirect.ts';
import preflightRejected from './preflight-rejected.ts';
import wildcardWithCredentials from './wildcard-with-credentials.ts';
import allowOriginMultiple from './allow-origin-multiple.ts';
import allowOriginInvalid from './allow-origin-invalid.ts';
import redirectTaintedOrigin from './redirect-tainted-origin.ts';
import allowOriginTrailingSlash from './allow-origin-trailing-slash.ts';
import allowOriginSchemeMismatch from './allow-origin-scheme-mismatch.ts';
import allowOriginPortMismatch from './allow-origin-port-mismatch.ts';
import allowOriginMismatch from './allow-origin-mismatch.ts';
import errorResponseWithoutCors from './error-response-without-cors.ts';
import missingAllowOrigin from './missing-allow-origin.ts';
import credentialsNotAllowed from './credentials-not-allowed.ts';
import allowMethodsInvalid from './allow-methods-invalid.ts';
import allowHeadersInvalid from './allow-headers-invalid.ts';
import methodCaseMismatch from './method-case-mismatch.ts';
import methodNotAllowed from './method-not-allowed.ts';
import headerWildcardWithCredentials from './header-wildcard-with-credentials.ts';
import headerNotAllowed from './header-not-allowed.ts';
import redirectContainsCredentials from './redirect-contains-credentials.ts';
import invalidResponse from './invalid-response.ts';
import failureNotExplained from './failure-not-explained.ts';
import authorizationUnderWildcard from './authorization-under-wildcard.ts';
import reflectedOriginWithCredentials from './reflected-origin-with-credentials.ts';
import nullOriginAllowed from './null-origin-allowed.ts';
import varyOriginMissing from './vary-origin-missing.ts';
import maxAgeAboveCap from './max-age-above-cap.ts';
import exposedHeaderMissing from './exposed-header-missing.ts';
import cookieNotSent from './cookie-not-sent.ts';
import cookieSamesite from './cookie-samesite.ts';
import corsOk from './cors-ok.ts';

export const rules: readonly CorsRule[] = [
  notCrossOrigin, mixedContent, blockedByClient, cspBlocked, localNetworkAccess, connectionFailed, unsafeRedirect,
  disallowedByMode, noCorsRedirectMode, noCorsOpaque, corsDisabledScheme,
  preflightRedirect, preflightRejected, wildcardWithCredentials, allowOriginMultiple, allowOriginInvalid,
  redirectTaintedOrigin, allowOriginTrailingSlash, allowOriginSchemeMismatch, allowOriginPortMismatch, allowOriginMismatch,
  errorResponseWithoutCors, missingAllowOrigin, credentialsNotAllowed,
  allowMethodsInvalid, allowHeadersInvalid, methodCaseMismatch, methodNotAllowed,
  headerWildcardWithCredentials, headerNotAllowed, redirectContainsCredentials,
  invalidResponse, failureNotExplained,
  authorizationUnderWildcard, reflectedOriginWithCredentials, nullOriginAllowed, varyOriginMissing,
  maxAgeAboveCap, exposedHeaderMissing, cookieNotSent, cookieSamesite,
  corsOk,
];

export const ruleById: ReadonlyMap<string, CorsRule> = new Map(rules.map((rule) => [rule.meta.id, rule]));

/** Whether a rule can match a transaction Chromium failed with `failure` (null: it passed). */
export function mayMatch(meta: RuleMeta, failure: ChromiumCorsError | null): boolean {
  if (meta.requires === 'listed-error') return failure !== null && meta.chromiumErrors.includes(failure);
  if (meta.requires === 'no-failure') return failure === null;
  return true;
}

const rulesByFailure = new Map<ChromiumCorsError | null, readonly CorsRule[]>();

/**
 * The rules, in order, that can match a transaction with this verdict: a blocked request skips
 * the warnings and the rules for other errors (most of the list), which a big log feels.
 */
export function rulesFor(failure: ChromiumCorsError | null): readonly CorsRule[] {
  let list = rulesByFailure.get(failure);
  if (!list) rulesByFailure.set(failure, (list = rules.filter((rule) => mayMatch(rule.meta, failure))));
  return list;
}
