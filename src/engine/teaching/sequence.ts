/**
 * The conversation behind a verdict, as a sequence diagram model: three lanes (the page's script,
 * the browser, the server), the messages between them with the headers CORS reads, the browser's
 * checks, where it stopped, and preflight-cache hits. Built from a diagnosis (captured or
 * what-if); the panel draws it as SVG and `sequenceToText` writes it for Markdown.
 */
import { decideCors } from '../diagnose.ts';
import { isRedirect, originForHop, requestedHeaders, requestMethod, type CorsFailure } from '../chromium-cors.ts';
import { isSecretHeaderName } from '../export/redact.ts';
import { corsUnsafeRequestHeaderNames, isBrowserManagedHeader } from '../fetch-spec.ts';
import { getHeader } from '../headers.ts';
import { ruleById } from '../rules/index.ts';
import type { CorsTransaction, Diagnosis, Exchange, Header, Verdict } from '../types.ts';

export type Lane = 'page' | 'browser' | 'server';
export const LANES: readonly Lane[] = ['page', 'browser', 'server'];
export const LANE_LABEL: Record<Lane, string> = { page: 'Page (JavaScript)', browser: 'Browser', server: 'Server' };

export type Phase = 'call' | 'preflight' | 'redirect' | 'actual' | 'result';

export interface SequenceMessage {
  kind: 'message';
  from: Lane;
  to: Lane;
  phase: Phase;
  /** Request line, status line, or what the page's script gets ("TypeError: Failed to fetch"). */
  label: string;
  /** The headers CORS reads on this message; secret values are replaced by "(hidden)". */
  headers: Header[];
  /** Decisive headers that were absent (e.g. no Access-Control-Allow-Origin). */
  missing: string[];
  /** sent; failed: sent, no answer came back; not-sent: the browser never sent it. */
  state: 'sent' | 'failed' | 'not-sent';
}

export interface SequenceCheck {
  kind: 'check';
  lane: 'browser';
  phase: Phase;
  passed: boolean;
  /** What was checked ("Allow-Origin check", "Preflight checks"). */
  label: string;
  /** The values compared, in a sentence. */
  detail: string;
  chromiumError: string | null;
}

export interface SequenceNote {
  kind: 'note';
  lane: Lane;
  phase: Phase;
  tone: 'cache' | 'info';
  text: string;
}

export type SequenceStep = SequenceMessage | SequenceCheck | SequenceNote;

export interface SequenceDiagram {
  verdict: Verdict;
  ruleId: string;
  title: string;
  steps: SequenceStep[];
  /** Index of the step where the browser stopped the request, or null when it went through. */
  stoppedAt: number | null;
  preflight: 'sent' | 'cache-hit' | 'not-needed' | 'not-in-log';
}

export interface SequenceInput {
  diagnosis: Diagnosis;
  /** The failure the engine found; computed from the transaction when not given. */
  failure?: CorsFailure | null;
  /** The what-if model knows the preflight came from the cache; a log only lacks an OPTIONS. */
  preflightCacheHit?: boolean;
}

/** Which of the browser's checks each Chromium error belongs to. */
const CHECK_OF: Record<string, string> = {
  WildcardOriginNotAllowed: 'Allow-Origin check', MissingAllowOriginHeader: 'Allow-Origin check',
  MultipleAllowOriginValues: 'Allow-Origin check', InvalidAllowOriginValue: 'Allow-Origin check', AllowOriginMismatch: 'Allow-Origin check',
  PreflightWildcardOriginNotAllowed: 'Allow-Origin check', PreflightMissingAllowOriginHeader: 'Allow-Origin check',
  PreflightMultipleAllowOriginValues: 'Allow-Origin check', PreflightInvalidAllowOriginValue: 'Allow-Origin check',
  PreflightAllowOriginMismatch: 'Allow-Origin check',
  InvalidAllowCredentials: 'Allow-Credentials check', PreflightInvalidAllowCredentials: 'Allow-Credentials check',
  PreflightInvalidStatus: 'Status check (2xx)', PreflightDisallowedRedirect: 'Redirect check',
  RedirectContainsCredentials: 'Redirect check',
  InvalidAllowMethodsPreflightResponse: 'Allow-Methods check', MethodDisallowedByPreflightResponse: 'Allow-Methods check',
  InvalidAllowHeadersPreflightResponse: 'Allow-Headers check', HeaderDisallowedByPreflightResponse: 'Allow-Headers check',
  DisallowedByMode: 'Request mode check', NoCorsRedirectModeNotFollow: 'Request mode check',
  CorsDisabledScheme: 'URL scheme check', InvalidResponse: 'Response type check',
  LocalNetworkAccessPermissionDenied: 'Local network permission',
};

const q = (value: string | null) => (value === null ? '(absent)' : `"${value}"`);

/** The compared values, in words a student can check against the headers above. */
function failureDetail(failure: CorsFailure, credentials: boolean): string {
  const headers = failure.exchange.responseHeaders;
  const allowOrigin = getHeader(headers, 'access-control-allow-origin');
  switch (failure.error.replace(/^Preflight(?=[A-Z])(?!InvalidStatus|DisallowedRedirect)/, '')) {
    case 'WildcardOriginNotAllowed': return 'Access-Control-Allow-Origin is "*" but the request carries credentials: the origin must be named.';
    case 'MissingAllowOriginHeader': return 'No Access-Control-Allow-Origin in the answer.';
    case 'MultipleAllowOriginValues': return `Access-Control-Allow-Origin ${q(allowOrigin)} holds more than one value.`;
    case 'InvalidAllowOriginValue': return `Access-Control-Allow-Origin ${q(allowOrigin)} is not an origin.`;
    case 'AllowOriginMismatch': return `Access-Control-Allow-Origin ${q(allowOrigin)} ≠ Origin "${failure.comparedOrigin}".`;
    case 'InvalidAllowCredentials': return `Credentials mode is include, but Access-Control-Allow-Credentials is ${q(getHeader(headers, 'access-control-allow-credentials'))}, not "true".`;
    case 'PreflightInvalidStatus': return `The preflight got ${failure.exchange.status}; it needs a 2xx answer.`;
    case 'PreflightDisallowedRedirect': return `The preflight was redirected (${failure.exchange.status}${failure.exchange.redirectURL ? ` to ${failure.exchange.redirectURL}` : ''}); preflights may not be.`;
    case 'RedirectContainsCredentials': return `The redirect goes to a URL with user:password (${failure.failedParameter}).`;
    case 'InvalidAllowMethodsPreflightResponse': return `Access-Control-Allow-Methods ${q(getHeader(headers, 'access-control-allow-methods'))} does not parse (comma-separated tokens).`;
    case 'InvalidAllowHeadersPreflightResponse': return `Access-Control-Allow-Headers ${q(getHeader(headers, 'access-control-allow-headers'))} does not parse (comma-separated tokens).`;
    case 'MethodDisallowedByPreflightResponse': return `${failure.failedParameter} is not in Access-Control-Allow-Methods ${q(getHeader(headers, 'access-control-allow-methods'))}${credentials ? ' ("*" does not count with credentials)' : ''}.`;
    case 'HeaderDisallowedByPreflightResponse': return `${failure.failedParameter} is not in Access-Control-Allow-Headers ${q(getHeader(headers, 'access-control-allow-headers'))}${credentials ? ' ("*" does not count with credentials)' : ''}.`;
    case 'DisallowedByMode': return "mode: 'same-origin' forbids any other origin; nothing was sent.";
    case 'NoCorsRedirectModeNotFollow': return "mode: 'no-cors' requires redirect: 'follow'.";
    case 'CorsDisabledScheme': return `${failure.failedParameter || failure.exchange.url} is not http(s): CORS requests need http or https.`;
    case 'InvalidResponse': return 'A service worker answered with an opaque response.';
    case 'LocalNetworkAccessPermissionDenied': return 'A public page may reach a local or loopback address only with the user\'s permission.';
    default: return failure.error;
  }
}

/** Rules whose request the browser refused before anything reached the network. */
const STOPPED_BEFORE_SENDING = new Set(['mixed-content', 'csp-blocked', 'blocked-by-client']);

function pathAndQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** A request line that names the host only when it changes (first request, cross-origin redirect). */
function requestLine(method: string, url: string, withHost: boolean): string {
  return withHost && hostOf(url) ? `${method} ${pathAndQuery(url)}  (${hostOf(url)})` : `${method} ${pathAndQuery(url)}`;
}

function shown(name: string, value: string): Header {
  return { name, value: isSecretHeaderName(name) ? '(hidden)' : value.replace(/[\r\n]+/g, ' ') };
}

function pick(headers: readonly Header[], names: readonly string[]): Header[] {
  const picked: Header[] = [];
  for (const name of names) {
    for (const header of headers) if (header.name.toLowerCase() === name) picked.push(shown(header.name, header.value));
  }
  return picked;
}

const PREFLIGHT_REQUEST = ['origin', 'access-control-request-method', 'access-control-request-headers'];
const PREFLIGHT_RESPONSE = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods',
  'access-control-allow-headers', 'access-control-max-age', 'location', 'vary'];
const ACTUAL_RESPONSE = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers', 'location', 'vary'];

function statusLine(exchange: Exchange): string {
  return `${exchange.status} ${exchange.statusText}`.trim();
}

function responseMessage(exchange: Exchange, phase: Phase, names: readonly string[], decisive: readonly string[]): SequenceMessage {
  const headers = pick(exchange.responseHeaders, names);
  // A redirect is refused or followed before its CORS headers matter: no "missing" on it.
  const missing = isRedirect(exchange) ? [] : decisive.filter((name) => getHeader(exchange.responseHeaders, name) === null);
  return { kind: 'message', from: 'server', to: 'browser', phase, label: statusLine(exchange), headers, missing, state: 'sent' };
}

export function buildSequence(input: SequenceInput): SequenceDiagram {
  const { diagnosis } = input;
  const tx: CorsTransaction = diagnosis.transaction;
  const decided = decideCors(tx);
  // Draw the failure the verdict rests on, and no other (e.g. none for a no-cors request, which
  // the checks alone would call a missing Allow-Origin).
  const candidate = input.failure !== undefined ? input.failure : decided.failure;
  const failure = candidate && candidate.error === diagnosis.chromiumError ? candidate : null;
  const credentials = decided.credentials;
  const steps: SequenceStep[] = [];
  let stoppedAt: number | null = null;
  let preflight: SequenceDiagram['preflight'] = tx.preflight ? 'sent' : tx.preflightState;
  const stop = (step: SequenceStep) => {
    steps.push(step);
    stoppedAt = steps.length - 1;
  };
  const blocked = diagnosis.verdict === 'blocked' || (diagnosis.verdict === 'not-cors' && tx.actualRequest.outcome === 'failed');

  const first = tx.redirectHops[0] ?? tx.actualRequest;
  const method = requestMethod(tx);
  const asked = requestedHeaders(tx);
  const pageHeaders = first.requestHeaders.filter((h) => !isBrowserManagedHeader(h.name)
    && !(h.name.toLowerCase() === 'accept' && h.value === '*/*') && h.name.toLowerCase() !== 'accept-language');
  const credentialsLabel = `${credentials.include ? 'include' : tx.actualRequest.declared?.credentials ?? 'omit'}${credentials.basis === 'declared' || credentials.basis === 'default' ? '' : ' (inferred)'}`;
  steps.push({
    kind: 'message', from: 'page', to: 'browser', phase: 'call', state: 'sent', missing: [],
    label: `fetch(${method} ${first.url})`,
    headers: [
      ...(tx.actualRequest.declared?.mode && tx.actualRequest.declared.mode !== 'cors' ? [{ name: 'mode', value: tx.actualRequest.declared.mode }] : []),
      { name: 'credentials', value: credentialsLabel },
      ...pageHeaders.map((h) => shown(h.name, h.value)),
      // A request stopped by its preflight is logged without headers: the preflight named them.
      ...asked.filter((name) => !pageHeaders.some((h) => h.name.toLowerCase() === name)).map((name) => ({ name, value: '(set by the page)' })),
    ],
  });

  const pageGets = (ok: boolean, detail?: string) => {
    const status = tx.actualRequest.status;
    steps.push({
      kind: 'message', from: 'browser', to: 'page', phase: 'result', headers: [], missing: [], state: 'sent',
      label: ok ? `Response ${status}: the page can read it` : `TypeError: Failed to fetch${detail ? ` (${detail})` : ''}`,
    });
  };

  const rule = ruleById.get(diagnosis.ruleId);
  // Not CORS at all: a same-origin request, a navigation.
  if (diagnosis.ruleId === 'not-cross-origin') {
    steps.push({ kind: 'note', lane: 'browser', phase: 'call', tone: 'info', text: 'Same origin (or a navigation): no CORS checks apply.' });
    steps.push({ kind: 'message', from: 'browser', to: 'server', phase: 'actual', label: requestLine(tx.actualRequest.method, first.url, true), headers: [], missing: [], state: 'sent' });
    if (tx.actualRequest.status !== 0) steps.push(responseMessage(tx.actualRequest, 'actual', [], []));
    pageGets(tx.actualRequest.outcome !== 'failed');
    return finish();
  }

  // Refused inside the browser: nothing reaches the network.
  if (failure?.stage === 'renderer' || STOPPED_BEFORE_SENDING.has(diagnosis.ruleId)) {
    stop({
      kind: 'check', lane: 'browser', phase: 'call', passed: false,
      label: failure?.stage === 'renderer' ? (CHECK_OF[failure.error] ?? 'Browser check') : rule?.meta.title ?? diagnosis.ruleId,
      detail: failure?.stage === 'renderer' ? failureDetail(failure, credentials.include) : `${rule?.meta.title ?? diagnosis.ruleId}: the request was never sent.`,
      chromiumError: failure?.stage === 'renderer' ? failure.error : null,
    });
    pageGets(false);
    steps.push({ kind: 'message', from: 'browser', to: 'server', phase: 'actual', label: `${requestLine(method, first.url, true)} (never sent)`, headers: [], missing: [], state: 'not-sent' });
    return finish();
  }

  if (tx.preflight) {
    const p = tx.preflight;
    const answered = p.status !== 0;
    steps.push({
      kind: 'message', from: 'browser', to: 'server', phase: 'preflight', label: requestLine('OPTIONS', p.url, true),
      headers: pick(p.requestHeaders, PREFLIGHT_REQUEST), missing: [], state: answered ? 'sent' : 'failed',
    });
    if (!answered) {
      stop({ kind: 'check', lane: 'browser', phase: 'preflight', passed: false, label: rule?.meta.title ?? 'No answer', detail: `No answer to the preflight${p.error ? ` (${p.error})` : ''}.`, chromiumError: failure?.error ?? null });
      pageGets(false);
      steps.push({ kind: 'message', from: 'browser', to: 'server', phase: 'actual', label: `${requestLine(method, first.url, false)} (never sent)`, headers: [], missing: [], state: 'not-sent' });
      return finish();
    }
    steps.push(responseMessage(p, 'preflight', PREFLIGHT_RESPONSE, ['access-control-allow-origin']));
    if (failure?.stage === 'preflight') {
      stop({ kind: 'check', lane: 'browser', phase: 'preflight', passed: false, label: CHECK_OF[failure.error] ?? 'Preflight check', detail: failureDetail(failure, credentials.include), chromiumError: failure.error });
      pageGets(false);
      steps.push({ kind: 'message', from: 'browser', to: 'server', phase: 'actual', label: `${requestLine(method, first.url, false)} (never sent)`, headers: [], missing: [], state: 'not-sent' });
      return finish();
    }
    const checked = ['Allow-Origin', ...(credentials.include ? ['Allow-Credentials'] : []), 'status 2xx', `method ${method}`, ...(asked.length > 0 ? [`headers ${asked.join(', ')}`] : [])];
    steps.push({ kind: 'check', lane: 'browser', phase: 'preflight', passed: true, label: 'Preflight checks', detail: `Passed: ${checked.join(' · ')}.`, chromiumError: null });
  } else if (input.preflightCacheHit) {
    preflight = 'cache-hit';
    steps.push({ kind: 'note', lane: 'browser', phase: 'preflight', tone: 'cache', text: 'Preflight cache hit: an earlier OPTIONS allowed this request (Access-Control-Max-Age), so none is sent.' });
  } else if (tx.preflightState === 'not-in-log') {
    steps.push({ kind: 'note', lane: 'browser', phase: 'preflight', tone: 'cache', text: 'Needed a preflight, but no OPTIONS is in the log: most likely a preflight cache hit (or sent before recording began).' });
  } else if (tx.crossOrigin) {
    const unsafe = corsUnsafeRequestHeaderNames(first.requestHeaders);
    steps.push({ kind: 'note', lane: 'browser', phase: 'preflight', tone: 'info', text: unsafe.length === 0 ? `Simple request (${method}, safelisted headers): no preflight.` : 'No preflight.' });
  }

  const hops = [...tx.redirectHops, tx.actualRequest];
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    const isLast = i === hops.length - 1;
    const phase: Phase = isLast ? 'actual' : 'redirect';
    const origin = originForHop(tx, i);
    const sentHeaders: Header[] = [
      ...(getHeader(hop.requestHeaders, 'origin') !== null || tx.requestOrigin !== null ? [{ name: 'Origin', value: origin }] : []),
      ...pick(hop.requestHeaders, ['cookie']),
      ...pick(hop.requestHeaders.filter((h) => !isBrowserManagedHeader(h.name)), asked),
    ];
    const previous = hops[i - 1];
    const withHost = i === 0 ? !tx.preflight : hostOf(hop.url) !== hostOf(previous!.url);
    const answered = hop.status !== 0;
    steps.push({ kind: 'message', from: 'browser', to: 'server', phase, label: requestLine(hop.method, hop.url, withHost), headers: sentHeaders, missing: [], state: answered ? 'sent' : 'failed' });
    if (!answered) {
      if (failure?.exchange === hop) {
        stop({ kind: 'check', lane: 'browser', phase, passed: false, label: CHECK_OF[failure.error] ?? 'Check', detail: failureDetail(failure, credentials.include), chromiumError: failure.error });
      } else {
        stop({ kind: 'check', lane: 'browser', phase, passed: false, label: rule?.meta.title ?? 'No answer', detail: `No answer${hop.error ? ` (${hop.error})` : ''}: nothing for CORS to check.`, chromiumError: null });
      }
      pageGets(false);
      return finish();
    }
    steps.push(responseMessage(hop, phase, ACTUAL_RESPONSE, ['access-control-allow-origin']));
    if (failure && failure.exchange === hop) {
      stop({ kind: 'check', lane: 'browser', phase, passed: false, label: CHECK_OF[failure.error] ?? 'Check', detail: failureDetail(failure, credentials.include), chromiumError: failure.error });
      pageGets(false);
      return finish();
    }
    if (diagnosis.ruleId === 'unsafe-redirect' && hop.error === 'net::ERR_UNSAFE_REDIRECT') {
      stop({ kind: 'check', lane: 'browser', phase, passed: false, label: rule?.meta.title ?? 'Unsafe redirect', detail: `The browser refuses to follow a redirect to ${hop.redirectURL || 'a non-http(s) URL'} (${hop.error}).`, chromiumError: null });
      pageGets(false);
      return finish();
    }
    if (diagnosis.ruleId === 'no-cors-opaque') {
      steps.push({ kind: 'note', lane: 'browser', phase, tone: 'info', text: "mode: 'no-cors': no CORS check; the page gets an opaque response (status 0, empty body)." });
      steps.push({ kind: 'message', from: 'browser', to: 'page', phase: 'result', label: 'Opaque response: type "opaque", status 0, no body', headers: [], missing: [], state: 'sent' });
      return finish();
    }
    const allowOrigin = getHeader(hop.responseHeaders, 'access-control-allow-origin');
    const passedDetail = allowOrigin === '*' ? 'Access-Control-Allow-Origin "*" (no credentials)' : `Access-Control-Allow-Origin ${q(allowOrigin)} = Origin "${origin}"`;
    steps.push({
      kind: 'check', lane: 'browser', phase, passed: true,
      label: isLast ? 'Response checks' : 'Redirect checks',
      detail: `Passed: ${passedDetail}${credentials.include ? ' · Allow-Credentials "true"' : ''}${isLast ? '' : ' · follow the Location'}.`,
      chromiumError: null,
    });
  }
  if (blocked) {
    // The headers pass, yet the log says the browser blocked it (failure-not-explained and kin).
    stop({ kind: 'check', lane: 'browser', phase: 'actual', passed: false, label: rule?.meta.title ?? 'Blocked', detail: `Blocked${tx.actualRequest.error ? ` (${tx.actualRequest.error})` : ''}, but the captured headers do not say which check failed.`, chromiumError: diagnosis.chromiumError });
    pageGets(false);
    return finish();
  }
  pageGets(true);
  return finish();

  function finish(): SequenceDiagram {
    return { verdict: diagnosis.verdict, ruleId: diagnosis.ruleId, title: rule?.meta.title ?? diagnosis.ruleId, steps, stoppedAt, preflight };
  }
}

export function sequenceFromDiagnosis(diagnosis: Diagnosis): SequenceDiagram {
  return buildSequence({ diagnosis });
}
