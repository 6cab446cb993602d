/**
 * The CORS lab's scenarios, one object each: what the page does, how the API origin answers,
 * and what Chromium reports. The expectations were checked against real Chromium by
 * scripts/record-fixtures.ts — when Chromium disagrees, Chromium wins and this table changes.
 *
 * Page code is the body of an async function run in the page (http://localhost:A) with `lab`.
 * It reads every response body: an unread body keeps the request open in DevTools.
 *   lab.api     this scenario's base URL on the API origin  (http://127.0.0.1:B/s/<id>/)
 *   lab.altApi  the same on a second API origin              (http://localhost:C/s/<id>/)
 *   lab.closed  the same on a port where nothing listens
 *   lab.insecureApi  the same over http on a non-loopback host name (mixed content from https)
 * A `secure` scenario runs on the https pair instead: page https://localhost:D, API https://127.0.0.1:E.
 * Server header values may use {pageOrigin} {pageOriginHttps} {pageOriginOtherPort}
 * {requestOrigin} (the request's Origin header) {api} {altApi} {apiHost}.
 */
import type { ChromiumCorsError } from '../src/engine/chromium-cors.ts';

/** Header lines in order; a name may repeat (it is then sent as separate header lines). */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

export interface Reply {
  status: number;
  headers?: HeaderList;
  body?: string;
}

/** How the API origin answers one path under /s/<scenario-id>/. */
export interface Route {
  path: string;
  /** Answer to OPTIONS. Absent: 404 without CORS headers, like a server with no OPTIONS route. */
  preflight?: Reply;
  /** Answer to every other method. */
  actual: Reply;
}

export interface Scenario {
  id: string;
  title: string;
  description: string;
  /** Body of an async function(lab) run in the page; returns what the page saw. */
  code: string;
  routes: readonly Route[];
  /** Runs on the https pair (Secure cookies, mixed content); Chromium must accept its self-signed certificate. */
  secure?: true;
  /** Extra response headers for the scenario's page (e.g. a Content-Security-Policy). */
  page?: { headers?: HeaderList };
  /**
   * declarativeNetRequest urlFilter patterns an ad-blocker extension blocks while the recorder
   * runs (people using the lab by hand bring their own ad blocker).
   */
  blockedByExtension?: readonly string[];
  /**
   * What Chromium reports for every request the page makes (preflights aside):
   * `corsError` as CDP's Network.loadingFailed.corsErrorStatus.corsError, `netError` as its errorText.
   * `issueOnly`: the renderer refused the request before it reached the network, so there is no
   * Network event and no HAR entry; Chromium reports it only as this DevTools issue.
   */
  expected: {
    corsError: ChromiumCorsError | null;
    netError: string | null;
    issueOnly?: 'CorsIssue' | 'ContentSecurityPolicyIssue';
  };
}

// Building blocks. Scenarios stay one readable object each; these only name the common parts.
const ALLOW_PAGE = ['Access-Control-Allow-Origin', '{pageOrigin}'] as const;
const ALLOW_ANY = ['Access-Control-Allow-Origin', '*'] as const;
const ALLOW_CREDENTIALS = ['Access-Control-Allow-Credentials', 'true'] as const;
const TEXT = ['Content-Type', 'text/plain; charset=utf-8'] as const;
const BODY = 'hello from the API\n';
const OK_WITH_CORS: Reply = { status: 200, headers: [TEXT, ALLOW_PAGE], body: BODY };
const NO_CONTENT_WITH_CORS = (...more: HeaderList): Reply => ({ status: 204, headers: [ALLOW_PAGE, ...more] });

const BLOCKED = (corsError: ChromiumCorsError) => ({ corsError, netError: 'net::ERR_FAILED' });
const SUCCEEDS = { corsError: null, netError: null };

const GET = `const response = await fetch(lab.api + 'data');
return { status: response.status, body: await response.text() };`;
const GET_WITH_CREDENTIALS = `const response = await fetch(lab.api + 'data', { credentials: 'include' });
return { status: response.status, body: await response.text() };`;
const PUT = `const response = await fetch(lab.api + 'data', { method: 'PUT', body: 'x' });
return { status: response.status, body: await response.text() };`;
const PUT_WITH_CREDENTIALS = `const response = await fetch(lab.api + 'data', { method: 'PUT', body: 'x', credentials: 'include' });
return { status: response.status, body: await response.text() };`;

export const SCENARIOS: readonly Scenario[] = [
  // ---- Access-Control-Allow-Origin on a simple request -------------------------------------
  {
    id: 'missing-allow-origin',
    title: 'Simple GET, the response has no Access-Control-Allow-Origin',
    description: 'The server answers 200 but says nothing about CORS, so the page may not read the response.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT], body: BODY } }],
    expected: BLOCKED('MissingAllowOriginHeader'),
  },
  {
    id: 'allow-origin-mismatch',
    title: 'Access-Control-Allow-Origin names another site',
    description: 'The API allows https://app.example.com (e.g. production config) but the page runs elsewhere.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', 'https://app.example.com']], body: BODY } }],
    expected: BLOCKED('AllowOriginMismatch'),
  },
  {
    id: 'allow-origin-trailing-slash',
    title: 'Access-Control-Allow-Origin has a trailing slash',
    description: 'An origin has no path: "http://localhost:A/" is not equal to the Origin "http://localhost:A".',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', '{pageOrigin}/']], body: BODY } }],
    expected: BLOCKED('AllowOriginMismatch'),
  },
  {
    id: 'allow-origin-scheme-mismatch',
    title: 'Access-Control-Allow-Origin says https, the page is http',
    description: 'The scheme is part of the origin: https://localhost:A is not http://localhost:A.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', '{pageOriginHttps}']], body: BODY } }],
    expected: BLOCKED('AllowOriginMismatch'),
  },
  {
    id: 'allow-origin-port-mismatch',
    title: 'Access-Control-Allow-Origin has another port',
    description: 'The port is part of the origin: a dev server on another port is another origin.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', '{pageOriginOtherPort}']], body: BODY } }],
    expected: BLOCKED('AllowOriginMismatch'),
  },
  {
    id: 'allow-origin-multiple',
    title: 'Access-Control-Allow-Origin lists two origins',
    description: 'The header takes exactly one origin; a comma-separated list is never valid. Echo the one that matched.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', '{pageOrigin}, http://other.test']], body: BODY } }],
    expected: BLOCKED('MultipleAllowOriginValues'),
  },
  {
    id: 'allow-origin-sent-twice',
    title: 'Access-Control-Allow-Origin sent twice (proxy and app both add it)',
    description: 'Two header lines are combined into "a, b" — even when both carry the right origin.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ALLOW_PAGE], body: BODY } }],
    expected: BLOCKED('MultipleAllowOriginValues'),
  },
  {
    id: 'allow-origin-invalid',
    title: 'Access-Control-Allow-Origin is not an origin ("not an origin")',
    description: 'A value with spaces is read as a list before it is read as an origin.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', 'not an origin']], body: BODY } }],
    // Chromium looks for ' ' or ',' first: any value with a space is "multiple values".
    expected: BLOCKED('MultipleAllowOriginValues'),
  },
  {
    id: 'allow-origin-not-a-url',
    title: 'Access-Control-Allow-Origin is a bare word ("localhost")',
    description: 'A value that does not even parse as a URL.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', 'localhost']], body: BODY } }],
    expected: BLOCKED('InvalidAllowOriginValue'),
  },
  {
    id: 'allow-origin-null-literal',
    title: 'Access-Control-Allow-Origin: null for a normal page',
    description: '"null" matches only opaque origins (sandboxed iframes, file:, data:) — allowing it is also unsafe.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', 'null']], body: BODY } }],
    // Measured in Chromium 156: a mismatch (failedParameter "null"), not InvalidAllowOriginValue.
    expected: BLOCKED('AllowOriginMismatch'),
  },
  // ---- Credentials ------------------------------------------------------------------------
  {
    id: 'wildcard-with-credentials',
    title: 'Access-Control-Allow-Origin: * with credentials: include',
    description: 'The wildcard only works for requests without cookies; with credentials the origin must be echoed.',
    code: GET_WITH_CREDENTIALS,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ALLOW_ANY, ALLOW_CREDENTIALS], body: BODY } }],
    expected: BLOCKED('WildcardOriginNotAllowed'),
  },
  {
    id: 'credentials-without-allow-credentials',
    title: 'Credentialed GET, exact origin, but no Access-Control-Allow-Credentials',
    description: 'With credentials: include the server must also send Access-Control-Allow-Credentials: true.',
    code: GET_WITH_CREDENTIALS,
    routes: [{ path: 'data', actual: OK_WITH_CORS }],
    expected: BLOCKED('InvalidAllowCredentials'),
  },
  {
    id: 'allow-credentials-not-true',
    title: 'Access-Control-Allow-Credentials: TRUE',
    description: 'The only accepted value is the lower-case literal "true".',
    code: GET_WITH_CREDENTIALS,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ['Access-Control-Allow-Credentials', 'TRUE']], body: BODY } }],
    expected: BLOCKED('InvalidAllowCredentials'),
  },
  {
    id: 'cookie-without-samesite-none',
    title: 'https: a credentialed login sets a cookie without SameSite=None; Secure',
    description: 'The request works, but the cookie defaults to SameSite=Lax: the browser will not send it back to this cross-site API.',
    secure: true,
    code: `const response = await fetch(lab.api + 'login', { method: 'POST', credentials: 'include' });
return { status: response.status, body: await response.text() };`,
    routes: [{
      path: 'login',
      actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ALLOW_CREDENTIALS, ['Vary', 'Origin'], ['Set-Cookie', 'lab_theme=dark; Path=/; HttpOnly']], body: BODY },
    }],
    expected: SUCCEEDS,
  },
  // ---- Errors without CORS headers ----------------------------------------------------------
  {
    id: 'server-error-without-cors',
    title: 'The API fails with 500 and its error path has no CORS headers',
    description: 'Chromium never checks the status of the actual response: the real problem (a 500) hides behind a CORS error.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 500, headers: [TEXT], body: 'Internal Server Error\n' } }],
    expected: BLOCKED('MissingAllowOriginHeader'),
  },
  // ---- Preflight: status, redirects, origin, credentials -------------------------------------
  {
    id: 'preflight-404-no-cors',
    title: 'PUT: the preflight OPTIONS gets 404 without CORS headers',
    description: 'The server has no OPTIONS route. Chromium reports the missing header, not the 404.',
    code: PUT,
    routes: [{ path: 'data', preflight: { status: 404, headers: [TEXT], body: 'Not Found\n' }, actual: OK_WITH_CORS }],
    expected: BLOCKED('PreflightMissingAllowOriginHeader'),
  },
  {
    id: 'preflight-401-auth-first',
    title: 'PUT: the preflight gets 401 with correct CORS headers (auth runs before CORS)',
    description: 'Preflights never carry credentials; auth middleware must let OPTIONS through.',
    code: PUT,
    routes: [{
      path: 'data',
      preflight: { status: 401, headers: [TEXT, ALLOW_PAGE, ['Access-Control-Allow-Methods', 'PUT'], ['WWW-Authenticate', 'Bearer']], body: 'Unauthorized\n' },
      actual: OK_WITH_CORS,
    }],
    expected: BLOCKED('PreflightInvalidStatus'),
  },
  {
    id: 'preflight-403-no-cors',
    title: 'PUT: the preflight gets 403 without CORS headers',
    description: 'A firewall or framework rejects OPTIONS before the CORS layer runs.',
    code: PUT,
    routes: [{ path: 'data', preflight: { status: 403, headers: [TEXT], body: 'Forbidden\n' }, actual: OK_WITH_CORS }],
    expected: BLOCKED('PreflightMissingAllowOriginHeader'),
  },
  {
    id: 'preflight-redirect',
    title: 'PUT: the preflight is redirected (301)',
    description: 'Preflights may not be redirected (e.g. http→https or a missing trailing slash on the server).',
    code: PUT,
    routes: [
      { path: 'data', preflight: { status: 301, headers: [['Location', '{api}data/']] }, actual: OK_WITH_CORS },
      { path: 'data/', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'PUT']), actual: OK_WITH_CORS },
    ],
    expected: BLOCKED('PreflightDisallowedRedirect'),
  },
  {
    id: 'preflight-allow-origin-mismatch',
    title: 'PUT: the preflight allows another origin',
    description: 'The same Allow-Origin rules apply to the preflight response.',
    code: PUT,
    routes: [{
      path: 'data',
      preflight: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example.com'], ['Access-Control-Allow-Methods', 'PUT']] },
      actual: OK_WITH_CORS,
    }],
    expected: BLOCKED('PreflightAllowOriginMismatch'),
  },
  {
    id: 'preflight-wildcard-with-credentials',
    title: 'Credentialed PUT: the preflight answers Access-Control-Allow-Origin: *',
    description: 'With credentials the preflight must echo the origin too.',
    code: PUT_WITH_CREDENTIALS,
    routes: [{
      path: 'data',
      preflight: { status: 204, headers: [ALLOW_ANY, ALLOW_CREDENTIALS, ['Access-Control-Allow-Methods', 'PUT']] },
      actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ALLOW_CREDENTIALS], body: BODY },
    }],
    expected: BLOCKED('PreflightWildcardOriginNotAllowed'),
  },
  {
    id: 'preflight-missing-allow-credentials',
    title: 'Credentialed PUT: the preflight has no Access-Control-Allow-Credentials',
    description: 'The preflight must say credentials are allowed, not only the actual response.',
    code: PUT_WITH_CREDENTIALS,
    routes: [{
      path: 'data',
      preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'PUT']),
      actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ALLOW_CREDENTIALS], body: BODY },
    }],
    expected: BLOCKED('PreflightInvalidAllowCredentials'),
  },
  {
    id: 'preflight-allow-origin-multiple',
    title: 'PUT: the preflight sends Access-Control-Allow-Origin twice',
    description: 'A proxy and the app both answer OPTIONS with the header: two lines are one list, never valid.',
    code: PUT,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(ALLOW_PAGE, ['Access-Control-Allow-Methods', 'PUT']), actual: OK_WITH_CORS }],
    expected: BLOCKED('PreflightMultipleAllowOriginValues'),
  },
  {
    id: 'preflight-allow-origin-invalid',
    title: 'PUT: the preflight answers Access-Control-Allow-Origin: localhost',
    description: 'A host name alone is not an origin (no scheme, no port).',
    code: PUT,
    routes: [{
      path: 'data',
      preflight: { status: 204, headers: [['Access-Control-Allow-Origin', 'localhost'], ['Access-Control-Allow-Methods', 'PUT']] },
      actual: OK_WITH_CORS,
    }],
    expected: BLOCKED('PreflightInvalidAllowOriginValue'),
  },
  {
    id: 'preflight-500-with-cors',
    title: 'PUT: the preflight fails with 500, with correct CORS headers',
    description: 'The CORS headers are right, but a preflight must succeed (2xx): the OPTIONS handler crashed.',
    code: PUT,
    routes: [{
      path: 'data',
      preflight: { status: 500, headers: [TEXT, ALLOW_PAGE, ['Access-Control-Allow-Methods', 'PUT']], body: 'Internal Server Error\n' },
      actual: OK_WITH_CORS,
    }],
    expected: BLOCKED('PreflightInvalidStatus'),
  },
  // ---- Preflight: methods ------------------------------------------------------------------
  {
    id: 'method-not-allowed',
    title: 'PUT, but Access-Control-Allow-Methods: GET, POST',
    description: 'The method must be listed (GET, HEAD and POST always pass).',
    code: PUT,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'GET, POST']), actual: OK_WITH_CORS }],
    expected: BLOCKED('MethodDisallowedByPreflightResponse'),
  },
  {
    id: 'method-lowercase-patch-listed-upper',
    title: "fetch(method: 'patch'), Access-Control-Allow-Methods: PATCH",
    description: 'fetch upper-cases only DELETE GET HEAD OPTIONS POST PUT; "patch" is sent as written.',
    code: `const response = await fetch(lab.api + 'data', { method: 'patch', body: 'x' });
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'PATCH']), actual: OK_WITH_CORS }],
    expected: BLOCKED('MethodDisallowedByPreflightResponse'),
  },
  {
    id: 'method-lowercase-patch-listed-lower',
    title: "fetch(method: 'patch'), Access-Control-Allow-Methods: patch",
    description: 'Method names compare case-sensitively: the lower-case pair matches.',
    code: `const response = await fetch(lab.api + 'data', { method: 'patch', body: 'x' });
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'patch']), actual: OK_WITH_CORS }],
    expected: SUCCEEDS,
  },
  {
    id: 'method-patch-listed-lower',
    title: "fetch(method: 'PATCH'), Access-Control-Allow-Methods: patch",
    description: 'PATCH is not normalized, so a lower-case "patch" in the list does not cover it.',
    code: `const response = await fetch(lab.api + 'data', { method: 'PATCH', body: 'x' });
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'patch']), actual: OK_WITH_CORS }],
    expected: BLOCKED('MethodDisallowedByPreflightResponse'),
  },
  {
    id: 'invalid-allow-methods',
    title: 'Access-Control-Allow-Methods: "GET PUT" (space instead of comma)',
    description: 'The list must be comma-separated tokens; Chromium rejects the whole header.',
    code: PUT,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'GET PUT']), actual: OK_WITH_CORS }],
    expected: BLOCKED('InvalidAllowMethodsPreflightResponse'),
  },
  // ---- Preflight: headers ------------------------------------------------------------------
  {
    id: 'header-not-allowed',
    title: 'X-Api-Key not in Access-Control-Allow-Headers: Content-Type',
    description: 'Every non-safelisted request header must be listed.',
    code: `const response = await fetch(lab.api + 'data', { headers: { 'X-Api-Key': 'secret' } });
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Headers', 'Content-Type']), actual: OK_WITH_CORS }],
    expected: BLOCKED('HeaderDisallowedByPreflightResponse'),
  },
  {
    id: 'content-type-json-not-allowed',
    title: 'POST application/json, no Access-Control-Allow-Headers',
    description: 'Content-Type: application/json is not safelisted: it triggers a preflight and must be allowed.',
    code: `const response = await fetch(lab.api + 'data', {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ a: 1 }),
});
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(), actual: OK_WITH_CORS }],
    expected: BLOCKED('HeaderDisallowedByPreflightResponse'),
  },
  {
    id: 'invalid-allow-headers',
    title: 'Access-Control-Allow-Headers: "Content-Type X-Api-Key" (space instead of comma)',
    description: 'The list must be comma-separated tokens; Chromium rejects the whole header.',
    code: `const response = await fetch(lab.api + 'data', { headers: { 'X-Api-Key': 'secret' } });
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Headers', 'Content-Type X-Api-Key']), actual: OK_WITH_CORS }],
    expected: BLOCKED('InvalidAllowHeadersPreflightResponse'),
  },
  {
    id: 'authorization-under-wildcard',
    title: 'Authorization header under Access-Control-Allow-Headers: *',
    description: 'Works in Chromium today, but by the Fetch standard * never covers Authorization: list it explicitly.',
    code: `const response = await fetch(lab.api + 'data', { headers: { Authorization: 'Bearer token' } });
return { status: response.status, body: await response.text() };`,
    routes: [{
      path: 'data',
      preflight: { status: 204, headers: [ALLOW_ANY, ['Access-Control-Allow-Headers', '*']] },
      actual: { status: 200, headers: [TEXT, ALLOW_ANY], body: BODY },
    }],
    expected: SUCCEEDS,
  },
  {
    id: 'authorization-under-wildcard-credentials',
    title: 'Credentialed request with Authorization under Access-Control-Allow-Headers: *',
    description: 'With credentials, * in Allow-Headers is a literal header name "*", not a wildcard.',
    code: `const response = await fetch(lab.api + 'data', { headers: { Authorization: 'Bearer token' }, credentials: 'include' });
return { status: response.status, body: await response.text() };`,
    routes: [{
      path: 'data',
      preflight: NO_CONTENT_WITH_CORS(ALLOW_CREDENTIALS, ['Access-Control-Allow-Headers', '*']),
      actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ALLOW_CREDENTIALS], body: BODY },
    }],
    expected: BLOCKED('HeaderDisallowedByPreflightResponse'),
  },
  // ---- Redirects ---------------------------------------------------------------------------
  {
    id: 'redirect-cross-origin-needs-null',
    title: 'GET redirected to another origin, which allows the page origin instead of null',
    description: 'After a cross-origin redirect the Origin becomes "null": the second server must allow null or *.',
    code: `const response = await fetch(lab.api + 'start');
return { status: response.status, url: response.url, body: await response.text() };`,
    routes: [
      { path: 'start', actual: { status: 302, headers: [ALLOW_PAGE, ['Location', '{altApi}final']] } },
      { path: 'final', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', '{pageOrigin}']], body: BODY } },
    ],
    expected: BLOCKED('AllowOriginMismatch'),
  },
  {
    id: 'redirect-cross-origin-null-allowed',
    title: 'GET redirected to another origin, which allows the origin "null"',
    description: 'Works: after the cross-origin redirect the Origin is "null" and the target allows it — but "null" is also what sandboxed iframes of any site send.',
    code: `const response = await fetch(lab.api + 'start');
return { status: response.status, url: response.url, body: await response.text() };`,
    routes: [
      { path: 'start', actual: { status: 302, headers: [ALLOW_PAGE, ['Location', '{altApi}final']] } },
      { path: 'final', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', 'null']], body: BODY } },
    ],
    expected: SUCCEEDS,
  },
  {
    id: 'redirect-with-credentials-in-url',
    title: 'GET redirected to a URL with user:password@',
    description: 'A CORS request may not follow a redirect to a URL carrying credentials.',
    code: `const response = await fetch(lab.api + 'start');
return { status: response.status, body: await response.text() };`,
    routes: [
      { path: 'start', actual: { status: 302, headers: [ALLOW_PAGE, ['Location', 'http://lab:secret@{apiHost}/s/redirect-with-credentials-in-url/final']] } },
      { path: 'final', actual: OK_WITH_CORS },
    ],
    expected: BLOCKED('RedirectContainsCredentials'),
  },
  {
    id: 'redirect-to-data-url',
    title: 'GET redirected to a data: URL',
    description: 'The network stack refuses a redirect from http to data: before CORS looks at it (ERR_UNSAFE_REDIRECT, no CORS verdict).',
    code: `const response = await fetch(lab.api + 'start');
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'start', actual: { status: 302, headers: [ALLOW_PAGE, ['Location', 'data:,x']] } }],
    // Not CorsDisabledScheme, as the Fetch standard's order would suggest: Chromium 156 measured.
    expected: { corsError: null, netError: 'net::ERR_UNSAFE_REDIRECT' },
  },
  {
    id: 'redirect-to-ftp',
    title: 'GET redirected to an ftp: URL',
    description: 'A CORS request may only be redirected to http(s): the browser refuses to follow.',
    code: `const response = await fetch(lab.api + 'start');
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'start', actual: { status: 302, headers: [ALLOW_PAGE, ['Location', 'ftp://{apiHost}/file.txt']] } }],
    // Measured in Chromium 156: CorsDisabledScheme on the redirected request (not RedirectDisallowedScheme).
    expected: BLOCKED('CorsDisabledScheme'),
  },
  {
    id: 'cors-disabled-scheme',
    title: 'fetch() of an ftp: URL',
    description: 'CORS requests exist only for http(s): other schemes are refused before anything is sent.',
    code: `const response = await fetch('ftp://' + new URL(lab.api).host + '/file.txt');
return { status: response.status, body: await response.text() };`,
    routes: [],
    expected: { corsError: 'CorsDisabledScheme', netError: null, issueOnly: 'CorsIssue' },
  },
  // ---- Look-alikes: failures that are not CORS -----------------------------------------------
  {
    id: 'connection-refused',
    title: 'Nothing listens on the API port',
    description: 'Not CORS: the server is down or the port is wrong. The console may still mention CORS.',
    code: `const response = await fetch(lab.closed + 'data');
return { status: response.status, body: await response.text() };`,
    routes: [],
    expected: { corsError: null, netError: 'net::ERR_CONNECTION_REFUSED' },
  },
  {
    id: 'no-cors-mode',
    title: "fetch(mode: 'no-cors') to a JSON API without CORS headers",
    description: 'No error in the page, but the response is opaque: status 0 and an empty body (ORB even drops the JSON). no-cors never makes data readable.',
    code: `const response = await fetch(lab.api + 'data', { mode: 'no-cors' });
return { type: response.type, status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', actual: { status: 200, headers: [['Content-Type', 'application/json']], body: '{"message":"hello from the API"}' } }],
    expected: { corsError: null, netError: 'net::ERR_ABORTED' },
  },
  {
    id: 'blocked-by-client',
    title: 'The request is blocked by an extension (ad blocker)',
    description: 'Not CORS: the browser never sent it. The recorder loads a small ad-blocker extension that blocks it.',
    code: GET,
    routes: [{ path: 'data', actual: OK_WITH_CORS }],
    blockedByExtension: ['/s/blocked-by-client/'],
    expected: { corsError: null, netError: 'net::ERR_BLOCKED_BY_CLIENT' },
  },
  {
    id: 'mixed-content',
    title: 'https page calls an http API (mixed content)',
    description: 'Not CORS: an https page may not fetch plain http from a non-loopback host; no CORS header can allow it. Call the API over https.',
    secure: true,
    code: `const response = await fetch(lab.insecureApi + 'data');
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', actual: OK_WITH_CORS }],
    // Measured in Chromium 156: loadingFailed with blockedReason "mixed-content" and no errorText.
    expected: { corsError: null, netError: null },
  },
  {
    id: 'csp-connect-src',
    title: "The page's Content-Security-Policy (connect-src 'self') blocks the API",
    description: "Not CORS: the page's own policy forbids connecting to the API origin; fix the CSP, not the server's CORS.",
    code: GET,
    routes: [{ path: 'data', actual: OK_WITH_CORS }],
    page: { headers: [['Content-Security-Policy', "connect-src 'self'"]] },
    expected: { corsError: null, netError: null, issueOnly: 'ContentSecurityPolicyIssue' },
  },
  {
    id: 'same-origin-mode',
    title: "fetch(mode: 'same-origin') to another origin",
    description: 'The page itself forbade cross-origin requests: nothing is sent.',
    code: `const response = await fetch(lab.api + 'data', { mode: 'same-origin' });
return { status: response.status, body: await response.text() };`,
    routes: [{ path: 'data', actual: OK_WITH_CORS }],
    expected: { corsError: 'DisallowedByMode', netError: null, issueOnly: 'CorsIssue' },
  },
  // ---- Successes ---------------------------------------------------------------------------
  {
    id: 'preflight-cached',
    title: 'PUT twice with Access-Control-Max-Age: 600',
    description: 'The second PUT reuses the cached preflight: no OPTIONS on the wire.',
    code: `const statuses = [];
for (let i = 0; i < 2; i++) {
  const response = await fetch(lab.api + 'data', { method: 'PUT', body: 'x' });
  statuses.push(response.status);
  await response.text();
}
return { statuses };`,
    routes: [{ path: 'data', preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '600']), actual: OK_WITH_CORS }],
    expected: SUCCEEDS,
  },
  {
    id: 'max-age-above-cap',
    title: 'PUT twice with Access-Control-Max-Age: 86400',
    description: 'Works, but Chromium caches a preflight for at most 7200 s (2 h): a day is silently cut.',
    code: `const statuses = [];
for (let i = 0; i < 2; i++) {
  const response = await fetch(lab.api + 'data', { method: 'PUT', body: 'x' });
  statuses.push(response.status);
  await response.text();
}
return { statuses };`,
    routes: [{
      path: 'data',
      preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '86400'], ['Vary', 'Origin']),
      actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ['Vary', 'Origin']], body: BODY },
    }],
    expected: SUCCEEDS,
  },
  {
    id: 'no-cors-redirect-manual',
    title: "fetch(mode: 'no-cors', redirect: 'manual')",
    description: "A no-cors request must follow redirects: the combination is refused before anything is sent.",
    code: `const response = await fetch(lab.api + 'data', { mode: 'no-cors', redirect: 'manual' });
return { type: response.type, status: response.status };`,
    routes: [{ path: 'data', actual: OK_WITH_CORS }],
    expected: { corsError: 'NoCorsRedirectModeNotFollow', netError: null, issueOnly: 'CorsIssue' },
  },
  {
    id: 'ok-simple',
    title: 'Simple GET allowed for the exact origin, with Vary: Origin',
    description: 'The textbook answer.',
    code: GET,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ['Vary', 'Origin']], body: BODY } }],
    expected: SUCCEEDS,
  },
  {
    id: 'ok-reflected-with-credentials',
    title: 'Credentialed GET: the server echoes any Origin, with credentials, without Vary',
    description: 'Works, but echoing every origin with credentials lets any site read the user\'s data; no Vary: Origin poisons caches.',
    code: GET_WITH_CREDENTIALS,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ['Access-Control-Allow-Origin', '{requestOrigin}'], ALLOW_CREDENTIALS], body: BODY } }],
    expected: SUCCEEDS,
  },
  {
    id: 'ok-preflight',
    title: 'PUT with X-Api-Key, all allowed by the preflight',
    description: 'Preflight answered 204 with the origin, method and header listed.',
    code: `const response = await fetch(lab.api + 'data', { method: 'PUT', headers: { 'X-Api-Key': 'secret' }, body: 'x' });
return { status: response.status, body: await response.text() };`,
    routes: [{
      path: 'data',
      preflight: NO_CONTENT_WITH_CORS(['Access-Control-Allow-Methods', 'GET, PUT'], ['Access-Control-Allow-Headers', 'X-Api-Key'], ['Vary', 'Origin']),
      actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ['Vary', 'Origin']], body: BODY },
    }],
    expected: SUCCEEDS,
  },
  {
    id: 'expose-headers-missing',
    title: 'The page reads X-Request-Id, which is not exposed',
    description: 'The request succeeds, but without Access-Control-Expose-Headers the page sees null.',
    code: `const response = await fetch(lab.api + 'data');
return { status: response.status, requestId: response.headers.get('X-Request-Id'), body: await response.text() };`,
    routes: [{ path: 'data', actual: { status: 200, headers: [TEXT, ALLOW_PAGE, ['X-Request-Id', 'req-42']], body: BODY } }],
    expected: SUCCEEDS,
  },
  // ---- Hostile header values (hardening): the panel must show them as text, nothing more ----
  {
    id: 'hostile-header-values',
    title: 'Header values written to attack the tool that displays them',
    description: 'Markup, a closing script tag, javascript: URLs, a percent-encoded CRLF, invalid UTF-8 bytes and a 200 KB value: DevTools tools must show them as text.',
    code: GET,
    routes: [{
      path: 'data',
      actual: {
        status: 200,
        headers: [
          TEXT,
          // A space makes Chromium read it as a list: MultipleAllowOriginValues, so the row is a problem.
          ['Access-Control-Allow-Origin', '<img src=x onerror=alert(1)>'],
          ['X-Hostile-Script', '</script><script>alert(2)</script>'],
          ['X-Hostile-Url', 'javascript:alert(3)'],
          ['Link', '<javascript:alert(3)>; rel="help"'],
          // A raw CR LF would end the header line; these are the forms a server can legally send.
          ['X-Hostile-Crlf', 'a%0D%0ASet-Cookie: injected=1 \\r\\nX-Injected: 1'],
          // Sent as raw bytes (the lab writes latin-1): FF FE C3 28 are not valid UTF-8.
          ['X-Hostile-Bytes', 'bad-\xff\xfe\xc3\x28-bytes'],
          // Chromium refuses response heads over 256 KB (ERR_RESPONSE_HEADERS_TOO_BIG): 200 KB passes.
          ['X-Hostile-Large', 'L'.repeat(200_000)],
          // Exposed, so once the origin is fixed the response is plainly ok (no hidden-header warning).
          ['Access-Control-Expose-Headers', '*'],
        ],
        body: BODY,
      },
    }],
    expected: BLOCKED('MultipleAllowOriginValues'),
  },
];
