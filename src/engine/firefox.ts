/** Firefox's console reason (CORSMissingAllowOrigin, …) for each Chromium CorsError; null where Firefox has none. */
import type { ChromiumCorsError } from './chromium-cors.ts';
import { corsHeadersOf } from './cors-headers.ts';
import type { CorsTransaction } from './types.ts';

export const FIREFOX_REASON: Record<ChromiumCorsError, string | null> = {
  DisallowedByMode: null,
  InvalidResponse: null,
  CorsDisabledScheme: 'CORSRequestNotHttp',
  NoCorsRedirectModeNotFollow: null,
  WildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  MissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  MultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  InvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  AllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowCredentials: 'CORSMissingAllowCredentials',
  // Firefox names no CORS check here: its console says the request did not succeed.
  RedirectContainsCredentials: 'CORSDidNotSucceed',
  PreflightInvalidStatus: 'CORSPreflightDidNotSucceed',
  PreflightDisallowedRedirect: 'CORSExternalRedirectNotAllowed',
  PreflightWildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  PreflightMissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  PreflightMultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  PreflightInvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  PreflightAllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  PreflightInvalidAllowCredentials: 'CORSMissingAllowCredentials',
  InvalidAllowMethodsPreflightResponse: 'CORSInvalidAllowMethod',
  InvalidAllowHeadersPreflightResponse: 'CORSInvalidAllowHeader',
  MethodDisallowedByPreflightResponse: 'CORSMethodNotFound',
  HeaderDisallowedByPreflightResponse: 'CORSMissingAllowHeaderFromPreflight',
  LocalNetworkAccessPermissionDenied: null,
};

/** Chromium verdicts that Firefox reaches through its origin and credentials checks. */
const ORIGIN_CHECKED: ReadonlySet<ChromiumCorsError> = new Set<ChromiumCorsError>([
  'WildcardOriginNotAllowed', 'MissingAllowOriginHeader', 'MultipleAllowOriginValues', 'InvalidAllowOriginValue',
  'AllowOriginMismatch', 'InvalidAllowCredentials',
  'PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'PreflightWildcardOriginNotAllowed', 'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues', 'PreflightInvalidAllowOriginValue', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowCredentials',
]);

/**
 * The reason Firefox's console names for a request Chromium blocked with `error`. Firefox checks
 * a response in its own order (nsCORSListenerProxy, confirmed on firefox-esr recordings in
 * test/fixtures/firefox): Access-Control-Allow-Origin sent on several lines, then missing, then
 * "*" with credentials, then not equal to the origin (a comma list on ONE line is a mismatch to
 * Firefox, "multiple values" to Chromium), then Allow-Credentials, and only then a preflight's
 * status: a 404 preflight without CORS headers is CORSMissingAllowOrigin in Firefox.
 */
export function firefoxReasonFor(error: ChromiumCorsError, tx: CorsTransaction, withCredentials: boolean): string | null {
  if (!ORIGIN_CHECKED.has(error)) return FIREFOX_REASON[error];
  const onPreflight = error.startsWith('Preflight');
  const exchange = onPreflight ? tx.preflight : tx.actualRequest;
  if (!exchange) return FIREFOX_REASON[error];
  // The headers Chromium's checks just read: the lists are not scanned again.
  const response = corsHeadersOf(exchange);
  const origin = response.origin ?? tx.requestOrigin;
  const { allowOrigin } = response;
  if (response.allowOriginLines > 1) return 'CORSMultipleAllowOriginNotAllowed';
  if (allowOrigin === null) return 'CORSMissingAllowOrigin';
  if (withCredentials && allowOrigin === '*') return 'CORSNotSupportingCredentials';
  if (allowOrigin !== '*' && allowOrigin !== origin) return 'CORSAllowOriginNotMatchingOrigin';
  if (withCredentials && response.allowCredentials !== 'true') return 'CORSMissingAllowCredentials';
  return FIREFOX_REASON[error];
}
