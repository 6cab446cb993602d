/** Firefox's console reason (CORSMissingAllowOrigin, …) for each Chromium CorsError; null where Firefox has none. */
import type { ChromiumCorsError } from './chromium-cors.ts';

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
  RedirectContainsCredentials: null,
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
