/**
 * Reading a HAR file for import, shared by the Web Worker and the main-thread fallback: the
 * engine's own checks and messages for bad files (HarInputError), the page map the store needs,
 * and entries slimmed to what diagnosis reads (bodies and timings are most of a HAR's bytes and
 * would only cost time crossing from the worker).
 */
import { HarInputError, normalizeHar, parseHarText } from '../../engine/normalize.ts';

export interface HarForImport {
  entries: unknown[];
  /** Page id → page URL (HAR `pages[].title`), as normalize reads it. */
  pages: [string, string][];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses HAR text, or throws the engine's HarInputError with its message for the user. */
export function readHarForImport(text: string): HarForImport {
  let doc: unknown;
  try {
    if (text.trim() === '') throw new Error('empty');
    doc = JSON.parse(text);
  } catch {
    parseHarText(text); // throws HarInputError: empty, not JSON or truncated, worded by the engine
    throw new HarInputError('not-json', 'This file could not be read as JSON.');
  }
  const log = isObject(doc) ? doc.log : undefined;
  if (!isObject(log) || !Array.isArray(log.entries)) normalizeHar(doc); // throws "not a HAR file"
  const { entries, pages } = log as { entries: unknown[]; pages?: unknown };
  const pageMap: [string, string][] = [];
  if (Array.isArray(pages)) {
    for (const page of pages) if (isObject(page) && typeof page.id === 'string' && typeof page.title === 'string') pageMap.push([page.id, page.title]);
  }
  return { entries, pages: pageMap };
}

/** The fields normalize reads; everything else (bodies, timings, stacks) stays behind. */
export function slimEntry(entry: unknown): unknown {
  if (!isObject(entry) || !isObject(entry.request)) return entry;
  const { request, response } = entry;
  const slimResponse = isObject(response)
    ? {
      status: response.status, statusText: response.statusText, headers: response.headers, redirectURL: response.redirectURL,
      ...('_error' in response ? { _error: response._error } : {}),
      ...('_fetchedViaServiceWorker' in response ? { _fetchedViaServiceWorker: response._fetchedViaServiceWorker } : {}),
    }
    : response;
  const initiator = isObject(entry._initiator) ? { type: entry._initiator.type } : entry._initiator;
  return {
    startedDateTime: entry.startedDateTime,
    ...(entry.time !== undefined ? { time: entry.time } : {}),
    ...(entry.pageref !== undefined ? { pageref: entry.pageref } : {}),
    ...(entry._resourceType !== undefined ? { _resourceType: entry._resourceType } : {}),
    ...(initiator !== undefined ? { _initiator: initiator } : {}),
    ...(entry._fetchedViaServiceWorker !== undefined ? { _fetchedViaServiceWorker: entry._fetchedViaServiceWorker } : {}),
    request: { method: request.method, url: request.url, headers: request.headers },
    response: slimResponse,
  };
}

/** Messages between the panel and the import worker. */
export type ToWorker = { type: 'read'; file: Blob } | { type: 'next'; count: number };
export type FromWorker =
  | { type: 'parsing'; bytes: number }
  | { type: 'start'; total: number; pages: [string, string][] }
  | { type: 'chunk'; entries: unknown[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

/** Entries in the first chunk; later chunks are sized to take about CHUNK_BUDGET_MS each. */
export const CHUNK_SIZE = 200;
export const CHUNK_BUDGET_MS = 40;

/**
 * The next chunk's size from how long the last one kept the UI thread (diagnosis and render):
 * proportional to the budget, at most doubling, between 25 and 2,000 entries.
 */
export function nextChunkSize(size: number, spentMs: number): number {
  const scaled = Math.round(size * CHUNK_BUDGET_MS / Math.max(1, spentMs));
  return Math.max(25, Math.min(2_000, size * 2, scaled));
}
