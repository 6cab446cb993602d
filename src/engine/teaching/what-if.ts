/**
 * The what-if model: scenario → the transaction Chromium would log → the real engine's verdict.
 * Nothing here decides CORS: `evaluateCors` and the rules do, exactly as for a captured request.
 * This file only plays the browser's part in building the log (which headers it adds, whether
 * a preflight goes out or comes from the cache, what a blocked request looks like in the HAR).
 */
import { evaluateCors, type CorsFailure } from '../chromium-cors.ts';
import { diagnoseTransaction } from '../diagnose.ts';
import { explain, type Explanation } from '../explain/index.ts';
import { corsUnsafeRequestHeaderNames, isBrowserManagedHeader, isSafelistedMethod, NORMALIZED_METHODS } from '../fetch-spec.ts';
import { getHeader } from '../headers.ts';
import { addressSpaceOf, originOf, schemeOf } from '../origin.ts';
import type { CorsTransaction, Diagnosis, Exchange, Header } from '../types.ts';
import type { ServerReply, WhatIfScenario } from './scenario.ts';
import { buildSequence, type SequenceDiagram } from './sequence.ts';
import { validateScenario } from './validate.ts';

export interface WhatIfResult {
  diagnosis: Diagnosis;
  explanation: Explanation;
  sequence: SequenceDiagram;
  /** True when the browser reused a cached preflight (no OPTIONS on the wire). */
  preflightCacheHit: boolean;
  /** What the browser did with the scenario that a student might not expect (dropped headers…). */
  notes: string[];
}

export type WhatIfOutcome = { ok: true; result: WhatIfResult } | { ok: false; errors: string[] };

/** fetch() upper-cases the six normalized methods and sends any other as written. */
export function methodAsSent(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

const START = Date.parse('2026-01-01T09:00:00.000Z');

function exchange(index: number, url: string, method: string, requestHeaders: Header[], reply: ServerReply | null, pageOrigin: string): Exchange {
  const status = reply?.status ?? 0;
  const isRedirectStatus = status >= 300 && status < 400 && status !== 304;
  const location = reply && isRedirectStatus ? getHeader(reply.headers, 'location') : null;
  let redirectURL = '';
  if (location) {
    try {
      redirectURL = new URL(location, url).href;
    } catch {
      redirectURL = location;
    }
  }
  return {
    index,
    url,
    method,
    startedDateTime: new Date(START + index * 10).toISOString(),
    startedMs: START + index * 10,
    requestHeaders,
    status,
    statusText: reply ? (STATUS_TEXT[status] ?? '') : '',
    responseHeaders: reply ? reply.headers.map(({ name, value }) => ({ name, value })) : [],
    redirectURL,
    error: null,
    resourceType: method === 'OPTIONS' ? 'preflight' : 'fetch',
    initiatorType: method === 'OPTIONS' ? 'preflight' : 'script',
    fetchedViaServiceWorker: false,
    pageUrl: pageOrigin === 'null' ? null : `${pageOrigin}/`,
    outcome: 'completed',
  };
}

/**
 * Chromium's preflight cache: an entry lives Access-Control-Max-Age seconds, read as a 64-bit
 * integer with an optional sign ("+0" is 0): 5 when absent or not a number, 0 (not cached) when
 * negative, at most 7200.
 */
export function preflightCacheSeconds(preflightResponse: ServerReply): number {
  const raw = getHeader(preflightResponse.headers, 'access-control-max-age');
  if (raw === null || !/^[+-]?\d{1,18}$/.test(raw)) return 5;
  return Math.min(Math.max(Number(raw), 0), 7200);
}

export interface BuiltTransaction {
  tx: CorsTransaction;
  failure: CorsFailure | null;
  preflightCacheHit: boolean;
  notes: string[];
}

/** The transaction the browser would log for a valid scenario. */
export function buildTransaction(scenario: WhatIfScenario): BuiltTransaction {
  const notes: string[] = [];
  const credentials = scenario.credentials;
  const include = credentials === 'include';
  const method = methodAsSent(scenario.method);
  if (method !== scenario.method) notes.push(`fetch() sends the method "${scenario.method}" as ${method}.`);

  const dropped = scenario.requestHeaders.filter((h) => isBrowserManagedHeader(h.name));
  if (dropped.length > 0) {
    notes.push(`The page cannot set ${[...new Set(dropped.map((h) => h.name))].join(', ')}: the browser manages ${dropped.length === 1 ? 'it' : 'them'}, so fetch() leaves ${dropped.length === 1 ? 'it' : 'them'} out.`);
  }
  const pageHeaders = scenario.requestHeaders.filter((h) => !isBrowserManagedHeader(h.name)).map(({ name, value }) => ({ name, value }));

  const pageOrigin = scenario.pageOrigin === 'null' ? 'null' : (originOf(scenario.pageOrigin) ?? scenario.pageOrigin);
  const targetOrigin = originOf(scenario.url);
  const crossOrigin = targetOrigin === null || pageOrigin !== targetOrigin;
  const unsafeHeaders = corsUnsafeRequestHeaderNames(pageHeaders);
  const needsPreflight = crossOrigin && (!isSafelistedMethod(method) || unsafeHeaders.length > 0);
  // The browser sends Origin on every cross-origin request, and on same-origin ones except GET/HEAD.
  const sendsOrigin = crossOrigin || (method !== 'GET' && method !== 'HEAD');
  const originHeader = sendsOrigin ? [{ name: 'Origin', value: pageOrigin }] : [];

  const preflightHeaders: Header[] = [
    { name: 'Accept', value: '*/*' },
    { name: 'Access-Control-Request-Method', value: method },
    ...(unsafeHeaders.length > 0 ? [{ name: 'Access-Control-Request-Headers', value: unsafeHeaders.join(',') }] : []),
    { name: 'Origin', value: pageOrigin },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];
  const actualHeaders: Header[] = [...originHeader, ...pageHeaders, { name: 'Sec-Fetch-Mode', value: 'cors' }];
  const declared = { mode: 'cors' as const, credentials, redirect: 'follow' as const, pageOrigin };

  const preflight = needsPreflight
    ? exchange(0, scenario.url, 'OPTIONS', preflightHeaders, scenario.preflightResponse, pageOrigin)
    : null;
  const actual = { ...exchange(1, scenario.url, method, actualHeaders, scenario.actualResponse, pageOrigin), declared };
  // An https page may not fetch plain http from a public host: blocked before anything is sent.
  const mixedContent = schemeOf(pageOrigin) === 'https' && schemeOf(scenario.url) === 'http' && addressSpaceOf(scenario.url) === 'public';
  if (mixedContent) {
    notes.push('An https page may not fetch a plain-http URL (mixed content): the browser blocks it before sending, whatever the server would answer.');
    const blocked = { ...exchange(1, scenario.url, method, actualHeaders, null, pageOrigin), declared, outcome: 'failed' as const };
    const tx: CorsTransaction = { actualRequest: blocked, redirectHops: [], preflight: null, preflightState: 'not-needed', requestOrigin: sendsOrigin ? pageOrigin : null, crossOrigin };
    return { tx, failure: null, preflightCacheHit: false, notes };
  }
  const fromSpace = pageOrigin === 'null' ? null : addressSpaceOf(pageOrigin);
  const toSpace = addressSpaceOf(scenario.url);
  if (fromSpace === 'public' && (toSpace === 'local' || toSpace === 'loopback')) {
    notes.push(`A public page reaching a ${toSpace} address needs the user's permission first (Chrome's Local Network Access prompt); this what-if assumes it was granted.`);
  }

  const draft: CorsTransaction = {
    actualRequest: actual, redirectHops: [], preflight, preflightState: preflight ? 'sent' : 'not-needed',
    requestOrigin: sendsOrigin ? pageOrigin : null, crossOrigin,
  };

  // A warm cache serves the request only if that earlier preflight passed for this very request
  // (a failed preflight is never cached) and its entry is still alive.
  let preflightCacheHit = false;
  if (preflight && scenario.preflightCache === 'warm') {
    const preflightFailure = evaluateCors(draft, include);
    const failedBeforeActual = preflightFailure !== null && preflightFailure.stage !== 'actual' && preflightFailure.stage !== 'redirect';
    if (failedBeforeActual) notes.push('Nothing could be cached: a failed preflight is never stored, so the browser sent a new OPTIONS.');
    else if (preflightCacheSeconds(scenario.preflightResponse) === 0) notes.push(`Access-Control-Max-Age: ${getHeader(scenario.preflightResponse.headers, 'access-control-max-age')} means no caching (0 seconds), so the browser sent a new OPTIONS.`);
    else preflightCacheHit = true;
  } else if (!preflight && scenario.preflightCache === 'warm') {
    notes.push('This request needs no preflight, so the preflight cache plays no part.');
  }
  const tx: CorsTransaction = preflightCacheHit ? { ...draft, preflight: null, preflightState: 'not-in-log' } : draft;

  // What the log shows depends on where the browser stopped, as Chromium records it.
  const failure = evaluateCors(tx, include);
  if (failure && failure.stage !== 'actual' && failure.stage !== 'redirect') {
    // Stopped at the preflight or before sending: the actual request never left (status 0, no answer).
    tx.actualRequest = { ...tx.actualRequest, status: 0, statusText: '', responseHeaders: [], redirectURL: '', error: 'net::ERR_FAILED', outcome: 'failed' };
    if (tx.preflight && failure.stage === 'preflight') tx.preflight = { ...tx.preflight, error: 'net::ERR_FAILED', outcome: 'failed' };
    // Refused by the renderer (mode, scheme): not even the preflight went out.
    if (failure.stage === 'renderer') Object.assign(tx, { preflight: null, preflightState: 'not-needed' });
  } else if (failure) {
    tx.actualRequest = { ...tx.actualRequest, error: 'net::ERR_FAILED', outcome: 'failed' };
  }
  if (!failure && tx.actualRequest.redirectURL) {
    notes.push('The what-if editor does not follow redirects: this 3xx answer is judged as the final response.');
  }
  // Checked again on the transaction as logged, so the failure points at the logged exchanges.
  return { tx, failure: evaluateCors(tx, include), preflightCacheHit, notes };
}

/** Validates the scenario, builds its transaction and runs the engine: verdict, explanation, diagram. */
export function runWhatIf(scenario: WhatIfScenario): WhatIfOutcome {
  const errors = validateScenario(scenario);
  if (errors.length > 0) return { ok: false, errors };
  const built = buildTransaction(scenario);
  const diagnosis = diagnoseTransaction(built.tx);
  return {
    ok: true,
    result: {
      diagnosis,
      explanation: explain(diagnosis),
      sequence: buildSequence({ diagnosis, failure: built.failure, preflightCacheHit: built.preflightCacheHit }),
      preflightCacheHit: built.preflightCacheHit,
      notes: built.notes,
    },
  };
}
