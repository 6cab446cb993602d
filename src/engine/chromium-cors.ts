/**
 * Chromium's CORS checks, in Chromium's order (services/network/public/cpp/cors/cors.cc,
 * preflight_result.cc, cors_url_loader.cc). Given one transaction and a credentials mode,
 * returns the one CorsError Chromium would report, or null when the request passes.
 * Everything else in the engine explains what this decides.
 */
import { allowedHeaders, allowedMethods, corsHeadersOf, type CorsHeaders } from './cors-headers.ts';
import { addressSpaceOf, addressSpaceOfUrl, hasUrlCredentials, isHttpScheme, isHttpUrl, parsesAsUrl, targetOf } from './origin.ts';
import { isSafelistedMethod } from './fetch-spec.ts';
import { getHeader, splitList } from './headers.ts';
import { NONE } from './none.ts';
import type { CorsTransaction, Exchange } from './types.ts';

/** Network.CorsError values (CDP spelling) that Chromium 156 can still report. */
export const CHROMIUM_CORS_ERRORS = [
  'DisallowedByMode', 'InvalidResponse', 'CorsDisabledScheme', 'NoCorsRedirectModeNotFollow',
  'WildcardOriginNotAllowed', 'MissingAllowOriginHeader', 'MultipleAllowOriginValues',
  'InvalidAllowOriginValue', 'AllowOriginMismatch', 'InvalidAllowCredentials',
  'RedirectContainsCredentials',
  'PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader', 'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowCredentials',
  'InvalidAllowMethodsPreflightResponse', 'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse',
  'LocalNetworkAccessPermissionDenied',
] as const;
export type ChromiumCorsError = (typeof CHROMIUM_CORS_ERRORS)[number];

export type CheckStage = 'renderer' | 'preflight' | 'redirect' | 'actual';

export interface CorsFailure {
  error: ChromiumCorsError;
  /** CDP's failedParameter: the offending value (origin, method, header name), or "". */
  failedParameter: string;
  stage: CheckStage;
  /** The exchange whose response failed the check (preflight, redirect hop or final response). */
  exchange: Exchange;
  /** The origin the checked response was compared with ("null" after a cross-origin redirect). */
  comparedOrigin: string;
}

type AccessError = 'WildcardOriginNotAllowed' | 'MissingAllowOriginHeader' | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue' | 'AllowOriginMismatch' | 'InvalidAllowCredentials';

/** cors.cc CheckAccessInternal: Access-Control-Allow-Origin, then -Allow-Credentials. */
export function checkAccess(
  allowOrigin: string | null,
  allowCredentials: string | null,
  credentials: boolean,
  origin: string,
): AccessError | null {
  if (allowOrigin === '*') {
    if (credentials) return 'WildcardOriginNotAllowed';
  } else if (allowOrigin === null) {
    return 'MissingAllowOriginHeader';
  } else if (allowOrigin !== origin) {
    if (/[ ,]/.test(allowOrigin)) return 'MultipleAllowOriginValues';
    // "null" is a valid value that only matches an opaque origin, so it is a mismatch here.
    if (allowOrigin === 'null') return 'AllowOriginMismatch';
    return parsesAsUrl(allowOrigin) ? 'AllowOriginMismatch' : 'InvalidAllowOriginValue';
  }
  if (credentials && allowCredentials !== 'true') return 'InvalidAllowCredentials';
  return null;
}

const PREFLIGHT_ACCESS_ERROR: Record<AccessError, ChromiumCorsError> = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
};

function accessOf(response: CorsHeaders, credentials: boolean, origin: string): AccessError | null {
  return checkAccess(response.allowOrigin, response.allowCredentials, credentials, origin);
}

/**
 * A redirect, as the network stack follows one: a 3xx (not 304) with a Location header (the HAR's
 * redirectURL, or the header when a log leaves that out). A 300 without Location is a final
 * response: for a preflight, a status that is not ok, not a redirect.
 */
export function isRedirect(exchange: Exchange): boolean {
  if (exchange.redirectURL !== '') return true;
  return exchange.status >= 300 && exchange.status < 400 && exchange.status !== 304 && getHeader(exchange.responseHeaders, 'location') !== null;
}

/** The method the request sent: the preflight's Access-Control-Request-Method is the most reliable record. */
export function requestMethod(tx: CorsTransaction): string {
  return (tx.preflight && corsHeadersOf(tx.preflight).requestMethod) ?? tx.actualRequest.method;
}

/**
 * Lower-case names the preflight asked for (Access-Control-Request-Headers). Both credentials
 * modes' checks and the rules ask for the same transaction's in turn: the last answer is kept.
 */
export function requestedHeaders(tx: CorsTransaction): readonly string[] {
  const preflight = tx.preflight;
  if (!preflight) return NONE;
  if (preflight === lastPreflight) return lastRequested;
  const raw = corsHeadersOf(preflight).requestHeaders;
  lastRequested = raw ? Object.freeze(splitList(raw).map((h) => h.toLowerCase()).filter(Boolean)) : NONE;
  lastPreflight = preflight;
  return lastRequested;
}
let lastPreflight: Exchange | null = null;
let lastRequested: readonly string[] = NONE;

/** preflight_result.cc EnsureAllowedCrossOriginMethod. */
export function methodAllowed(method: string, allowMethods: readonly string[], credentials: boolean): boolean {
  // Byte-for-byte, as the Fetch standard says (measured in Chromium 156: a fetch with method
  // 'patch' passes only if the list says "patch"; fetch() itself upper-cases only the six
  // normalized methods, so GET/HEAD/POST arrive here upper-cased).
  if (isSafelistedMethod(method.toUpperCase()) || allowMethods.includes(method)) return true;
  return !credentials && allowMethods.includes('*');
}

/** preflight_result.cc EnsureAllowedCrossOriginHeaders: the first requested header not allowed, or null. */
export function firstDisallowedHeader(requested: readonly string[], allowHeaders: readonly string[], credentials: boolean): string | null {
  if (requested.length === 0) return null;
  const allowed = allowHeaders.map((h) => h.toLowerCase());
  // Without credentials "*" allows everything; Chromium still lets Authorization through (a warning rule says why that will change).
  if (!credentials && allowed.includes('*')) return null;
  // The first in sorted order, as Chromium reports it: the smallest disallowed name, without sorting a copy.
  let first: string | null = null;
  for (let i = 0; i < requested.length; i++) {
    const name = requested[i]!;
    if (!allowed.includes(name) && (first === null || name < first)) first = name;
  }
  return first;
}

/** DNS, TCP, TLS and proxy failures (`response._error`): no HTTP response, so nothing CORS could judge. */
export const NETWORK_ERROR = /^net::ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_\w+|ADDRESS_\w+|TIMED_OUT|INTERNET_DISCONNECTED|NETWORK_\w+|EMPTY_RESPONSE|SSL_\w+|CERT_\w+|TUNNEL_CONNECTION_FAILED|PROXY_\w+|SOCKET_\w+|HTTP2_\w+|QUIC_\w+)$/;

/** DNS, TCP, TLS or proxy failure of this exchange: it got no HTTP response. */
export const failedToConnect = (exchange: Exchange): boolean => exchange.error !== null && NETWORK_ERROR.test(exchange.error);

/**
 * The first exchange of the transaction, in the order the browser sent them (the preflight, if
 * asked, then each redirect hop, then the final request), that passes `test`. A loop, not an
 * array built to search: the rules that use it run on every transaction.
 */
export function firstExchange(tx: CorsTransaction, test: (exchange: Exchange) => boolean, withPreflight: boolean): Exchange | undefined {
  if (withPreflight && tx.preflight && test(tx.preflight)) return tx.preflight;
  const hops = tx.redirectHops;
  for (let i = 0; i < hops.length; i++) if (test(hops[i]!)) return hops[i];
  return test(tx.actualRequest) ? tx.actualRequest : undefined;
}

export interface LocalNetworkAccess {
  from: string;
  target: string;
  fromSpace: 'public';
  toSpace: 'local' | 'loopback';
}

/**
 * Local Network Access (Chrome 142+, local_network_access_checker.cc): a public page reaching a
 * local or loopback address needs the user's permission. Chromium compares address spaces with
 * local and loopback collapsed into one (IsLessPublicAddressSpaceLNA), so only public → local or
 * loopback is gated. The check runs once connected: a request that could not connect failed
 * before it. The log does not record the prompt, so a gated request that got no answer at all
 * (and no connection error) is the evidence of a denial.
 */
export function localNetworkAccessBlocked(tx: CorsTransaction): LocalNetworkAccess | null {
  const { actualRequest, preflight } = tx;
  // The cheap test first: nearly every request got an answer, and this runs on every transaction.
  if (actualRequest.outcome !== 'failed' || actualRequest.status !== 0 || (preflight && preflight.status !== 0)) return null;
  const first = tx.redirectHops[0] ?? actualRequest;
  const from = tx.requestOrigin ?? actualRequest.pageUrl;
  if (!from || addressSpaceOf(from) !== 'public') return null;
  const toSpace = addressSpaceOfUrl(targetOf(first));
  if (toSpace !== 'local' && toSpace !== 'loopback') return null;
  if (firstExchange(tx, failedToConnect, true)) return null;
  return { from, target: first.url, fromSpace: 'public', toSpace };
}

function failure(error: ChromiumCorsError, stage: CheckStage, exchange: Exchange, comparedOrigin: string, failedParameter = ''): CorsFailure {
  return { error, stage, exchange, comparedOrigin, failedParameter };
}

/**
 * The log holds no response for this exchange (the connection failed, or DevTools handed the
 * entry over before its response). Firefox logs a refused response as status 0 but keeps its
 * headers: that one has a response.
 */
export function lacksResponse(exchange: Exchange): boolean {
  return exchange.status === 0 && exchange.responseHeaders.length === 0 && exchange.redirectURL === '';
}

function checkPreflight(tx: CorsTransaction, preflight: Exchange, credentials: boolean, origin: string): CorsFailure | null {
  // No headers Chromium could have judged, so no CORS check failed here.
  if (lacksResponse(preflight)) return null;
  if (isRedirect(preflight)) return failure('PreflightDisallowedRedirect', 'preflight', preflight, origin);
  const response = corsHeadersOf(preflight);
  const access = accessOf(response, credentials, origin);
  if (access) {
    return failure(PREFLIGHT_ACCESS_ERROR[access], 'preflight', preflight, origin, access === 'InvalidAllowCredentials' ? '' : response.allowOrigin ?? '');
  }
  if (preflight.status < 200 || preflight.status > 299) {
    return failure('PreflightInvalidStatus', 'preflight', preflight, origin, String(preflight.status));
  }
  const allowMethods = allowedMethods(response);
  if (allowMethods === null) {
    return failure('InvalidAllowMethodsPreflightResponse', 'preflight', preflight, origin, response.allowMethods ?? '');
  }
  const allowHeaders = allowedHeaders(response);
  if (allowHeaders === null) {
    return failure('InvalidAllowHeadersPreflightResponse', 'preflight', preflight, origin, response.allowHeaders ?? '');
  }
  const method = requestMethod(tx);
  if (!methodAllowed(method, allowMethods, credentials)) {
    return failure('MethodDisallowedByPreflightResponse', 'preflight', preflight, origin, method);
  }
  const header = firstDisallowedHeader(requestedHeaders(tx), allowHeaders, credentials);
  if (header !== null) return failure('HeaderDisallowedByPreflightResponse', 'preflight', preflight, origin, header);
  return null;
}

/**
 * The origin each hop is checked against: the request's origin until a redirect crosses to
 * another origin, after which the Fetch standard taints it to "null".
 */
export function originForHop(tx: CorsTransaction, hopIndex: number): string {
  const origin = tx.requestOrigin ?? 'null';
  const { redirectHops } = tx;
  const last = Math.min(hopIndex, redirectHops.length);
  let tainted = false;
  for (let i = 1; i <= last && !tainted; i++) {
    const from = targetOf(redirectHops[i - 1]!)?.origin ?? null;
    if (from !== (targetOf(hopAt(tx, i))?.origin ?? null) && from !== origin) tainted = true;
  }
  // The Origin header the hop actually carried is the best record, when the log has it.
  return corsHeadersOf(hopAt(tx, last)).origin ?? (tainted ? 'null' : origin);
}

/** Redirect hop `i`, or the final request after them. */
const hopAt = (tx: CorsTransaction, i: number): Exchange => (i < tx.redirectHops.length ? tx.redirectHops[i]! : tx.actualRequest);

/** Runs Chromium's checks for one credentials mode. */
export function evaluateCors(tx: CorsTransaction, credentials: boolean): CorsFailure | null {
  const request = checkRequest(tx);
  return request === undefined ? checkResponses(tx, credentials) : request;
}

/**
 * Both credentials modes, for a log that does not say which the page used: the checks of the
 * request itself do not depend on it, so they run once.
 */
export function evaluateCorsBothModes(tx: CorsTransaction): { omit: CorsFailure | null; include: CorsFailure | null } {
  const request = checkRequest(tx);
  if (request !== undefined) return { omit: request, include: request };
  const omit = checkResponses(tx, false);
  const include = checkResponses(tx, true);
  // Most fail the same way in both modes: one object, where a big log's findings kept two.
  return { omit, include: omit && include && sameFailure(omit, include) ? omit : include };
}

function sameFailure(a: CorsFailure, b: CorsFailure): boolean {
  return a.error === b.error && a.stage === b.stage && a.exchange === b.exchange
    && a.comparedOrigin === b.comparedOrigin && a.failedParameter === b.failedParameter;
}

/**
 * The renderer's checks of the request (mode, scheme) and Local Network Access: a failure, null
 * when the request is not subject to CORS checks, undefined when the responses decide.
 */
function checkRequest(tx: CorsTransaction): CorsFailure | null | undefined {
  const { actualRequest } = tx;
  const declared = actualRequest.declared;
  const origin = tx.requestOrigin ?? 'null';
  const mode = declared?.mode ?? 'cors';
  if (mode === 'same-origin' && tx.crossOrigin) return failure('DisallowedByMode', 'renderer', actualRequest, origin);
  if (mode === 'no-cors') {
    if (declared?.redirect && declared.redirect !== 'follow') {
      return failure('NoCorsRedirectModeNotFollow', 'renderer', actualRequest, origin);
    }
    return null;
  }
  if (mode === 'navigate') return null;
  const first = tx.redirectHops[0] ?? actualRequest;
  if (!isHttpUrl(targetOf(first))) return failure('CorsDisabledScheme', 'renderer', first, origin, first.url);
  if (localNetworkAccessBlocked(tx)) {
    return failure('LocalNetworkAccessPermissionDenied', tx.preflight ? 'preflight' : 'actual', tx.preflight ?? first, origin, first.url);
  }
  return undefined;
}

/** The preflight's answer, then each redirect hop's and the final response's, for one credentials mode. */
function checkResponses(tx: CorsTransaction, credentials: boolean): CorsFailure | null {
  const origin = tx.requestOrigin ?? 'null';
  if (tx.preflight) {
    const preflightFailure = checkPreflight(tx, tx.preflight, credentials, origin);
    if (preflightFailure) return preflightFailure;
  }

  const { redirectHops } = tx;
  for (let i = 0; i <= redirectHops.length; i++) {
    const hop = hopAt(tx, i);
    const hopOrigin = originForHop(tx, i);
    const isLast = i === redirectHops.length;
    // A response that never arrived (status 0) was not checked: the failure lies elsewhere. One
    // exception: a service worker that answered a CORS request with an opaque response, which
    // the renderer rejects as InvalidResponse (the log shows it with status 0).
    if (hop.status === 0) {
      return isLast && hop.fetchedViaServiceWorker && hop.outcome === 'failed' ? failure('InvalidResponse', 'actual', hop, hopOrigin) : null;
    }
    const response = corsHeadersOf(hop);
    const access = accessOf(response, credentials, hopOrigin);
    if (access) {
      return failure(access, isLast ? 'actual' : 'redirect', hop, hopOrigin, access === 'InvalidAllowCredentials' ? '' : response.allowOrigin ?? '');
    }
    if (!isLast || isRedirect(hop)) {
      const location = hop.redirectURL;
      if (location && !isHttpScheme(location)) {
        // Measured in Chromium 156: the network layer refuses a redirect to data: before any CORS
        // check (net::ERR_UNSAFE_REDIRECT, no CORS error: rule unsafe-redirect); a scheme it lets
        // through (ftp:, custom schemes) fails CORS instead, as CorsDisabledScheme.
        if (hop.error === 'net::ERR_UNSAFE_REDIRECT') return null;
        return failure('CorsDisabledScheme', 'redirect', hop, hopOrigin, location);
      }
      if (location && hasUrlCredentials(location)) return failure('RedirectContainsCredentials', 'redirect', hop, hopOrigin, location);
    }
  }
  return null;
}
