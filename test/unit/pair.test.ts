/**
 * Pairing: which preflight goes with which actual request (same URL, Access-Control-Request-Method
 * equal to the request's method, nearest unused in time, at most 2 s after it), and redirect chains.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entry, har, PAGE } from '../support/har-builder.ts';
import { normalizeHar } from '../../src/engine/normalize.ts';
import { pairTransactions } from '../../src/engine/pair.ts';

const URL_A = 'https://api.example/items/1';
const URL_B = 'https://api.example/items/2';
const T = Date.parse('2026-11-23T10:00:00.000Z');

/** An actual request (index in the log = position in `entries`). */
const actual = (method: string, url: string, ms: number) => entry({ url, method, startedMs: T + ms, requestHeaders: { Origin: PAGE, 'X-Trace': '1' } });
/** A preflight asking for `method`. */
const preflight = (method: string, url: string, ms: number) => entry({
  url, method: 'OPTIONS', startedMs: T + ms, resourceType: 'preflight', initiatorType: 'preflight',
  requestHeaders: { Origin: PAGE, 'Access-Control-Request-Method': method }, status: 204,
});

/** Each transaction as [index of its first hop, index of its preflight or null, preflight state]. */
type Pairing = [first: number, preflight: number | null, state: string][];

const CASES: [title: string, entries: Record<string, unknown>[], expected: Pairing][] = [
  ['a request and its preflight, preflight logged after it', [actual('PUT', URL_A, 0), preflight('PUT', URL_A, 5)], [[0, 1, 'sent']]],
  ['two methods to one URL each take the preflight that asked for it',
    [preflight('PUT', URL_A, 0), preflight('DELETE', URL_A, 1), actual('DELETE', URL_A, 2), actual('PUT', URL_A, 3)],
    [[2, 1, 'sent'], [3, 0, 'sent']]],
  ['preflights of two methods interleaved: each request finds every one of its method',
    [preflight('PUT', URL_A, 0), preflight('DELETE', URL_A, 1), preflight('PUT', URL_A, 2), actual('PUT', URL_A, 3), actual('PUT', URL_A, 4), actual('DELETE', URL_A, 5)],
    [[3, 2, 'sent'], [4, 0, 'sent'], [5, 1, 'sent']]],
  ['ten methods to one URL (past the chain, a map): each request its own preflight',
    [...Array.from({ length: 10 }, (_, i) => preflight(`M${i}`, URL_A, i)), ...Array.from({ length: 10 }, (_, i) => actual(`M${9 - i}`, URL_A, 10 + i))],
    Array.from({ length: 10 }, (_, i): [number, number, string] => [10 + i, 9 - i, 'sent'])],
  ['a preflight for another method is not taken: it stays an orphan, the request had none logged',
    [preflight('PUT', URL_A, 0), actual('DELETE', URL_A, 5)],
    [[0, 0, 'sent'], [1, null, 'not-in-log']]],
  ['a preflight to another URL is not taken', [preflight('PUT', URL_B, 0), actual('PUT', URL_A, 5)], [[0, 0, 'sent'], [1, null, 'not-in-log']]],
  ['two requests, two preflights: each the nearest unused one',
    [preflight('PUT', URL_A, 0), actual('PUT', URL_A, 10), preflight('PUT', URL_A, 500), actual('PUT', URL_A, 510)],
    [[1, 0, 'sent'], [3, 2, 'sent']]],
  ['a preflight more than 2 s after the request is not its own',
    [actual('PUT', URL_A, 0), preflight('PUT', URL_A, 2_001)], [[0, null, 'not-in-log'], [1, 1, 'sent']]],
  ['… one 2 s after it is', [actual('PUT', URL_A, 0), preflight('PUT', URL_A, 2_000)], [[0, 1, 'sent']]],
  ['a GET whose headers are all safelisted needed no preflight',
    [entry({ url: URL_A, method: 'GET', startedMs: T, requestHeaders: { Origin: PAGE, Accept: 'application/json' } })], [[0, null, 'not-needed']]],
  ['a GET carrying a header that is not safelisted needed one: none is in the log', [actual('GET', URL_A, 0)], [[0, null, 'not-in-log']]],
  ['a redirect hop continues into the entry for its Location; the chain pairs by its first hop',
    [entry({ url: URL_A, method: 'GET', startedMs: T, status: 302, redirectURL: URL_B, requestHeaders: { Origin: PAGE } }),
      entry({ url: URL_B, method: 'GET', startedMs: T + 5, requestHeaders: { Origin: 'null' } })],
    [[0, null, 'not-needed']]],
];

describe('pairTransactions', () => {
  it.each(CASES)('%s', (_title, entries, expected) => {
    const transactions = pairTransactions(normalizeHar(har(entries)).exchanges);
    const pairing = transactions.map((tx) => [(tx.redirectHops[0] ?? tx.actualRequest).index, tx.preflight?.index ?? null, tx.preflightState]);
    expect(pairing).toEqual(expected);
  });
});

/**
 * The rule read plainly, for generated logs: in time order (start, then position in the log), each
 * request takes, of the unused preflights to its URL for its method at most 2 s after it, the
 * nearest in time, and on equal distance the later. Lists past 16 candidates take the engine's
 * search path (binary search and skip pointers), shorter ones its scan: both are held to this.
 */
function referencePairing(entries: { url: string; method: string; ms: number; preflight: boolean }[]): [number, number | null][] {
  const order = entries.map((e, index) => ({ ...e, index })).sort((a, b) => (a.ms - b.ms) || (a.index - b.index));
  const used = new Set<number>();
  const pairs: [number, number | null][] = [];
  for (const request of order.filter((e) => !e.preflight)) {
    let best: (typeof order)[number] | null = null;
    for (const candidate of order) {
      if (!candidate.preflight || used.has(candidate.index) || candidate.url !== request.url || candidate.method !== request.method) continue;
      const delta = candidate.ms - request.ms;
      if (delta > 2000) continue;
      if (!best || Math.abs(delta) <= Math.abs(best.ms - request.ms)) best = candidate;
    }
    if (best) used.add(best.index);
    pairs.push([request.index, best?.index ?? null]);
  }
  return pairs;
}

describe('pairTransactions on generated logs (many preflights to one URL)', () => {
  it('pairs as the plain reading of the rule does', () => {
    const item = fc.record({
      // Mostly one URL and method, so candidate lists pass 16 (the search path) as well as stay short.
      url: fc.constantFrom(URL_A, URL_A, URL_A, URL_B),
      method: fc.constantFrom('PUT', 'PUT', 'PUT', 'DELETE'),
      // Coarse times: many equal starts, and distances on both sides of the 2 s bound.
      ms: fc.integer({ min: 0, max: 40 }).map((t) => t * 250),
      preflight: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(item, { maxLength: 160, size: 'max' }), (items) => {
      const log = items.map((e) => (e.preflight ? preflight(e.method, e.url, e.ms) : actual(e.method, e.url, e.ms)));
      // An orphan preflight's transaction stands in for a request with the preflight's index: left out.
      const pairing = pairTransactions(normalizeHar(har(log)).exchanges).filter((tx) => !items[tx.actualRequest.index]!.preflight)
        .map((tx): [number, number | null] => [tx.actualRequest.index, tx.preflight?.index ?? null]);
      expect(pairing).toEqual(referencePairing(items));
    }), { numRuns: 400 });
  });
});
