/**
 * Builds HAR entries shaped like Chromium's getHAR() output (see test/fixtures/chromium for the
 * real thing): `_resourceType`, `_initiator`, `response._error`. Times advance 10 ms per entry.
 */
export type HeaderInput = Record<string, string> | [string, string][];

export interface EntryInput {
  url: string;
  method?: string;
  requestHeaders?: HeaderInput;
  status?: number;
  responseHeaders?: HeaderInput;
  error?: string | null;
  resourceType?: string;
  initiatorType?: string;
  redirectURL?: string;
  startedMs?: number;
}

let clock = Date.parse('2026-11-23T10:00:00.000Z');

export function resetClock(): void {
  clock = Date.parse('2026-11-23T10:00:00.000Z');
}

function headers(input: HeaderInput | undefined): { name: string; value: string }[] {
  if (!input) return [];
  const pairs = Array.isArray(input) ? input : Object.entries(input);
  return pairs.map(([name, value]) => ({ name, value }));
}

export function entry(input: EntryInput): Record<string, unknown> {
  clock = input.startedMs ?? clock + 10;
  const status = input.status ?? 200;
  return {
    startedDateTime: new Date(clock).toISOString(),
    time: 5,
    _resourceType: input.resourceType ?? 'fetch',
    _initiator: { type: input.initiatorType ?? 'script' },
    request: {
      method: input.method ?? 'GET', url: input.url, httpVersion: 'HTTP/1.1',
      headers: headers(input.requestHeaders), queryString: [], cookies: [], headersSize: -1, bodySize: 0,
    },
    response: {
      status, statusText: status === 0 ? '' : 'OK', httpVersion: 'HTTP/1.1',
      headers: headers(input.responseHeaders), cookies: [],
      content: { size: 0, mimeType: 'text/plain' }, redirectURL: input.redirectURL ?? '',
      headersSize: -1, bodySize: 0, _transferSize: 0, _error: input.error ?? null,
    },
    cache: {}, timings: { send: 0, wait: 1, receive: 1 },
  };
}

export const PAGE = 'http://localhost:3000';
export const API = 'http://127.0.0.1:4000';

/** A simple (unpreflighted) cross-origin request and its answer. */
export function simpleRequest(opts: {
  url?: string; method?: string; origin?: string; requestHeaders?: HeaderInput; status?: number;
  responseHeaders?: HeaderInput; blocked?: boolean; error?: string | null;
}): Record<string, unknown> {
  const requestHeaders = headers(opts.requestHeaders);
  const origin = opts.origin ?? PAGE;
  return entry({
    url: opts.url ?? `${API}/data`,
    method: opts.method ?? 'GET',
    requestHeaders: [['Origin', origin], ...requestHeaders.map((h): [string, string] => [h.name, h.value])],
    status: opts.status ?? 200,
    responseHeaders: opts.responseHeaders ?? {},
    error: opts.error !== undefined ? opts.error : opts.blocked ? 'net::ERR_FAILED' : null,
  });
}

/**
 * A preflighted request as Chromium logs it: the actual request (status 0 and no headers when
 * the preflight failed), then the OPTIONS entry with `_resourceType: "preflight"`.
 */
export function preflightedRequest(opts: {
  url?: string; method: string; origin?: string; requestHeaders?: string[]; credentials?: boolean;
  preflightStatus?: number; preflightHeaders?: HeaderInput; preflightRedirect?: string;
  /** Omit to model a failed preflight: the actual request never gets an answer. */
  actual?: { status?: number; responseHeaders?: HeaderInput; error?: string | null };
}): Record<string, unknown>[] {
  const url = opts.url ?? `${API}/items/1`;
  const origin = opts.origin ?? PAGE;
  const requested = (opts.requestHeaders ?? []).map((h) => h.toLowerCase()).sort();
  const actualRequestHeaders: [string, string][] = opts.actual
    ? [['Origin', origin], ...requested.map((h): [string, string] => [h, 'x']), ...(opts.credentials ? [['Cookie', 'session=abc'] as [string, string]] : [])]
    : [];
  const actual = entry({
    url, method: opts.method, requestHeaders: actualRequestHeaders,
    status: opts.actual ? (opts.actual.status ?? 200) : 0,
    responseHeaders: opts.actual?.responseHeaders ?? {},
    error: opts.actual ? (opts.actual.error ?? null) : 'net::ERR_FAILED',
  });
  const preflightRequestHeaders: [string, string][] = [
    ['Origin', origin], ['Access-Control-Request-Method', opts.method],
    ...(requested.length ? [['Access-Control-Request-Headers', requested.join(',')] as [string, string]] : []),
  ];
  const preflight = entry({
    url, method: 'OPTIONS', requestHeaders: preflightRequestHeaders, resourceType: 'preflight', initiatorType: 'preflight',
    status: opts.preflightStatus ?? (opts.preflightRedirect ? 301 : 204),
    responseHeaders: opts.preflightRedirect ? { Location: opts.preflightRedirect, ...(opts.preflightHeaders as Record<string, string> ?? {}) } : opts.preflightHeaders ?? {},
    redirectURL: opts.preflightRedirect ?? '',
    error: opts.preflightRedirect ? 'net::ERR_INVALID_REDIRECT' : null,
  });
  return [actual, preflight];
}

export function har(entries: unknown[], pages: { id: string; title: string }[] = []): { log: Record<string, unknown> } {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, pages, entries } };
}
