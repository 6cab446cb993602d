/**
 * HAR 1.2 → Exchange. Accepts Chrome's "Save all as HAR", chrome.devtools.network.getHAR()
 * entries (with _resourceType, _initiator, _error) and Firefox's export. Never throws on a
 * malformed entry: it is skipped and named in `problems`, so nothing is lost silently.
 */
import { readCorsHeaders } from './cors-headers.ts';
import { parseHarTime } from './har-time.ts';
import { parseUrl } from './origin.ts';
import { shorten } from './text.ts';
import type { Exchange, Header } from './types.ts';

export type HarInputProblem = 'empty' | 'not-json' | 'truncated' | 'not-har';

export class HarInputError extends Error {
  constructor(readonly problem: HarInputProblem, message: string) {
    super(message);
    this.name = 'HarInputError';
  }
}

export interface NormalizedLog {
  exchanges: Exchange[];
  /** What was skipped and why, one line each. */
  problems: string[];
  creator: string | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asString = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** A header value as read: a string as is, anything else (a number, a list…) as its JSON text, never code. */
export const headerValueText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));

/** Header values are data (headerValueText). */
function toHeaders(raw: unknown): Header[] {
  if (!Array.isArray(raw)) return [];
  // Nearly every list is already well formed: use it as it is. Copying ~20 headers per entry was
  // the largest allocation of a big analysis (nothing in the engine mutates headers).
  if (isWellFormedList(raw)) return raw as Header[];
  const headers: Header[] = [];
  for (const item of raw) {
    if (!isObject(item) || typeof item.name !== 'string') continue;
    headers.push({ name: item.name, value: headerValueText(item.value) });
  }
  return headers;
}

/** Every item a {name, value} pair of strings. A loop over ~20 items per list, for every entry of a log. */
function isWellFormedList(raw: readonly unknown[]): boolean {
  for (let i = 0; i < raw.length; i++) {
    // An array or a string has no string `name`: the typeof tests alone tell a header.
    const item = raw[i] as { name?: unknown; value?: unknown } | null;
    if (typeof item !== 'object' || item === null || typeof item.name !== 'string' || typeof item.value !== 'string') return false;
  }
  return true;
}

/** Parses HAR text, or throws HarInputError naming what is wrong with it. */
export function parseHarText(text: string): NormalizedLog {
  return normalizeHar(parseHarJson(text));
}

/** HAR text → the parsed JSON document, or HarInputError when it is empty or not JSON. */
export function parseHarJson(text: string): unknown {
  // Not text.trim(): that copies the whole file (hundreds of MB) only to look at its first character.
  if (!/\S/.test(text)) throw new HarInputError('empty', 'The file is empty: expected a HAR (HTTP Archive) JSON document.');
  let parsed: unknown;
  try {
    // A byte order mark (some editors and Windows tools save one): not part of the JSON. A slice
    // of a string shares its characters, it does not copy them.
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const truncated = /end of (json )?input|unterminated/i.test(detail);
    throw truncated
      ? new HarInputError('truncated', `The HAR file is truncated (the JSON ends early: ${detail}). Export it again from DevTools.`)
      : new HarInputError('not-json', `This is not JSON, so not a HAR file (${detail}).`);
  }
  return parsed;
}

/** How many entries a HAR document lists (0 when it is not one): what an analysis sizes its URL cache by. */
export function entryCount(harDocument: unknown): number {
  const log = isObject(harDocument) ? harDocument.log : undefined;
  return isObject(log) && Array.isArray(log.entries) ? log.entries.length : 0;
}

/** Normalizes a parsed HAR document ({log: {entries}}) or throws HarInputError. */
export function normalizeHar(harDocument: unknown): NormalizedLog {
  const log = isObject(harDocument) ? harDocument.log : undefined;
  if (!isObject(log) || !Array.isArray(log.entries)) {
    throw new HarInputError('not-har', 'This JSON is not a HAR file: it has no "log.entries" list.');
  }
  const pages = new Map<string, string>();
  if (Array.isArray(log.pages)) {
    for (const page of log.pages) {
      if (isObject(page) && typeof page.id === 'string' && typeof page.title === 'string') pages.set(page.id, page.title);
    }
  }
  const creator = isObject(log.creator) ? `${asString(log.creator.name)} ${asString(log.creator.version)}`.trim() : null;
  const result = normalizeEntries(log.entries, pages);
  return { ...result, creator: creator || null };
}

/** Normalizes raw HAR entries (a file's, or live ones from the DevTools network API). */
export function normalizeEntries(entries: readonly unknown[], pages = new Map<string, string>(), firstIndex = 0): Omit<NormalizedLog, 'creator'> {
  const exchanges: Exchange[] = [];
  const problems: string[] = [];
  entries.forEach((entry, offset) => {
    const index = firstIndex + offset;
    const exchange = normalizeEntry(entry, index, pages);
    if (typeof exchange === 'string') problems.push(`entry ${index} skipped: ${exchange}`);
    else exchanges.push(exchange);
  });
  return { exchanges, problems };
}

/** One HAR entry → Exchange, or a string saying why it cannot be read. */
export function normalizeEntry(entry: unknown, index: number, pages = new Map<string, string>()): Exchange | string {
  if (!isObject(entry)) return 'not an object';
  const request = entry.request;
  const response = isObject(entry.response) ? entry.response : {};
  if (!isObject(request)) return 'no "request" object';
  if (typeof request.url !== 'string' || request.url === '') return 'no request URL';
  // No browser sends a request to a URL that does not parse: this is not a recording of one
  // (and with no origin to compare, it would pass for a same-origin request).
  const target = parseUrl(request.url);
  if (target === null) return `the request URL is not a URL (${JSON.stringify(shorten(request.url, 81))})`;
  const startedDateTime = asString(entry.startedDateTime);
  const status = typeof response.status === 'number' && Number.isFinite(response.status) ? response.status : 0;
  const hasErrorField = '_error' in response;
  const error = typeof response._error === 'string' && response._error !== '' ? response._error : null;
  const initiator = entry._initiator;
  const requestHeaders = toHeaders(request.headers);
  const responseHeaders = toHeaders(response.headers);
  return {
    index,
    url: request.url,
    target,
    method: asString(request.method, 'GET'),
    startedDateTime,
    startedMs: parseHarTime(startedDateTime),
    requestHeaders,
    status,
    statusText: asString(response.statusText),
    responseHeaders,
    corsHeaders: readCorsHeaders(requestHeaders, responseHeaders),
    redirectURL: asString(response.redirectURL),
    error,
    resourceType: typeof entry._resourceType === 'string' ? entry._resourceType : null,
    initiatorType: isObject(initiator) && typeof initiator.type === 'string' ? initiator.type : null,
    fetchedViaServiceWorker: response._fetchedViaServiceWorker === true || entry._fetchedViaServiceWorker === true,
    pageUrl: typeof entry.pageref === 'string' ? (pages.get(entry.pageref) ?? null) : null,
    outcome: error !== null || status === 0 ? 'failed' : hasErrorField ? 'completed' : 'unknown',
  };
}
