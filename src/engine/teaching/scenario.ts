/**
 * A what-if scenario: everything a teacher can change about one cross-origin request, as plain
 * data. The page's side (origin, method, headers, credentials mode), the server's two answers
 * (preflight and actual response) and the preflight cache. `what-if.ts` turns it into the
 * transaction the browser would log and runs the real engine on it.
 */
import { getHeader } from '../headers.ts';
import { originOf } from '../origin.ts';
import { corsUnsafeRequestHeaderNames, isBrowserManagedHeader, isSafelistedMethod } from '../fetch-spec.ts';
import { decideCors } from '../diagnose.ts';
import { requestedHeaders, requestMethod } from '../chromium-cors.ts';
import type { CredentialsMode, Diagnosis, Header } from '../types.ts';

export const SCENARIO_FORMAT = 'cors-lens-scenario';
export const SCENARIO_VERSION = 1;

export interface ServerReply {
  status: number;
  /** In order; a name may repeat (sent as separate header lines, read as "a, b"). */
  headers: Header[];
}

export interface WhatIfScenario {
  title: string;
  /** Origin of the page that calls fetch() ("null" for a sandboxed or file: page). */
  pageOrigin: string;
  url: string;
  /** As the page writes it: fetch() upper-cases only DELETE GET HEAD OPTIONS POST PUT. */
  method: string;
  /** Headers the page's script sets (Content-Type, Authorization, X-Api-Key…). */
  requestHeaders: Header[];
  credentials: CredentialsMode;
  /** The server's answer to OPTIONS; used only when the request needs a preflight. */
  preflightResponse: ServerReply;
  actualResponse: ServerReply;
  /**
   * warm: the same request passed a preflight moments ago, so the browser may reuse it
   * (Access-Control-Max-Age, default 5 s) and send no OPTIONS. cold: nothing cached.
   */
  preflightCache: 'cold' | 'warm';
}

/** The starting point of "start from scratch": a simple GET and a server that knows nothing of CORS. */
export function blankScenario(): WhatIfScenario {
  return {
    title: 'New scenario',
    pageOrigin: 'http://localhost:5173',
    url: 'http://localhost:3000/api/data',
    method: 'GET',
    requestHeaders: [],
    credentials: 'same-origin',
    preflightResponse: { status: 204, headers: [] },
    actualResponse: { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }] },
    preflightCache: 'cold',
  };
}

/** Response headers worth editing in a lesson: CORS's own, and the few that explain a failure. */
const RELEVANT_RESPONSE_HEADER = /^(access-control-|vary$|location$|content-type$|www-authenticate$|set-cookie$)/i;

const relevant = (headers: readonly Header[]): Header[] =>
  headers.filter((h) => RELEVANT_RESPONSE_HEADER.test(h.name)).map(({ name, value }) => ({ name, value }));

const CORS_ORIGIN_HEADERS = /^access-control-allow-(origin|credentials)$/i;

/** Stands in for a header value the log did not keep (a blocked request keeps only names). */
export const NOT_RECORDED = '(not recorded)';

/**
 * The scenario behind a captured request, so a teacher can start from what really happened.
 * Where the log is silent (no preflight was needed, or the actual request never left because the
 * preflight failed), the missing answer copies the other one's Allow-Origin/-Credentials: the
 * same CORS middleware usually answers both. `notes` says what was guessed.
 */
export function scenarioFromDiagnosis(diagnosis: Diagnosis): { scenario: WhatIfScenario; notes: string[] } {
  const tx = diagnosis.transaction;
  const first = tx.redirectHops[0] ?? tx.actualRequest;
  const notes: string[] = [];
  // A request the browser stopped before sending carries no Origin: the page (or Referer) tells.
  const referer = getHeader(first.requestHeaders, 'referer');
  const pageOrigin = tx.requestOrigin ?? tx.actualRequest.declared?.pageOrigin
    ?? (first.pageUrl ? originOf(first.pageUrl) : null) ?? (referer ? originOf(referer) : null) ?? 'null';

  let requestHeaders = first.requestHeaders
    .filter((h) => !isBrowserManagedHeader(h.name) && !isBrowserDefaultHeader(h))
    .map(({ name, value }) => ({ name, value }));
  const asked = requestedHeaders(tx);
  const missing = asked.filter((name) => !requestHeaders.some((h) => h.name.toLowerCase() === name));
  if (missing.length > 0) {
    // Chromium logs a request stopped by its preflight without headers: the preflight named them.
    requestHeaders = [...requestHeaders, ...missing.map((name) => ({ name, value: NOT_RECORDED }))];
    notes.push(`The log kept only the names of ${missing.join(', ')} (from the preflight): their values are placeholders.`);
  }

  const preflightLogged = tx.preflight !== null && tx.preflight.status !== 0;
  const actualLogged = tx.actualRequest.status !== 0;
  const method = requestMethod(tx);
  const preflightResponse: ServerReply = preflightLogged
    ? { status: tx.preflight!.status, headers: relevant(tx.preflight!.responseHeaders) }
    : { status: 204, headers: guessedPreflightHeaders(tx.actualRequest.responseHeaders, tx.preflightState === 'not-in-log', method, requestHeaders) };
  const actualResponse: ServerReply = actualLogged
    ? { status: tx.actualRequest.status, headers: relevant(tx.actualRequest.responseHeaders) }
    : { status: 200, headers: preflightResponse.headers.filter((h) => CORS_ORIGIN_HEADERS.test(h.name)) };
  if (!preflightLogged && tx.preflightState !== 'not-needed') notes.push('No preflight answer was logged: the preflight response is a guess.');
  if (!actualLogged) notes.push('The actual request got no answer in the log: its response is a guess (status 200, the preflight\'s Allow-Origin).');
  if (tx.redirectHops.length > 0) notes.push('The what-if editor does not follow redirects: it starts from the first URL and judges one answer.');

  const credentials = tx.actualRequest.declared?.credentials
    ?? (decideCors(tx).credentials.include ? 'include' : 'same-origin');
  return {
    scenario: {
      title: `${method} ${first.url}`,
      pageOrigin,
      url: first.url,
      method,
      requestHeaders,
      credentials,
      preflightResponse,
      actualResponse,
      preflightCache: tx.preflightState === 'not-in-log' ? 'warm' : 'cold',
    },
    notes,
  };
}

/** Headers the browser adds to every fetch() unless the page sets them: noise in a lesson. */
function isBrowserDefaultHeader(header: Header): boolean {
  const name = header.name.toLowerCase();
  return (name === 'accept' && header.value === '*/*') || name === 'accept-language';
}

/**
 * A preflight answer the log does not have. After a cache hit the earlier preflight evidently
 * allowed this request, so the guess allows its method and headers; otherwise it carries only
 * the actual answer's Allow-Origin/-Credentials, so changing the method shows what else is needed.
 */
function guessedPreflightHeaders(actualHeaders: readonly Header[], passedEarlier: boolean, method: string, requestHeaders: readonly Header[]): Header[] {
  const headers = relevant(actualHeaders).filter((h) => CORS_ORIGIN_HEADERS.test(h.name));
  if (!passedEarlier) return headers;
  const unsafe = corsUnsafeRequestHeaderNames(requestHeaders);
  return [
    ...headers,
    ...(isSafelistedMethod(method) ? [] : [{ name: 'Access-Control-Allow-Methods', value: method }]),
    ...(unsafe.length > 0 ? [{ name: 'Access-Control-Allow-Headers', value: unsafe.join(', ') }] : []),
  ];
}

/** Header lookup for scenario replies (same joining rule as the engine). */
export function replyHeader(reply: ServerReply, name: string): string | null {
  return getHeader(reply.headers, name.toLowerCase());
}
