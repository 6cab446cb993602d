/**
 * Under load, Chromium's DevTools can hand onRequestFinished a preflight before its response is
 * attached (seen in CI: the redirected preflight of preflight-redirect arrived with status 0 and
 * no headers). The panel reads the log again for such preflights and diagnoses the complete
 * entry; it gives up after a bounded number of reads. Real recording, real engine and store.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectCapture, REREAD_AFTER_MS, REREAD_ATTEMPTS } from '../../../src/panel/connect.ts';
import { createPanelStore } from '../../../src/panel/store.ts';
import type { HarEntry, NetworkSource } from '../../../src/platform/network-source.ts';
import { fixtureEntries } from './fixtures.ts';

/** The entry as DevTools handed it over too early: logged, but no response yet. */
function withoutResponse(entry: HarEntry): HarEntry {
  return { ...entry, response: { ...entry.response, status: 0, statusText: '', headers: [], redirectURL: '' } };
}

/** A source whose listener gets `live`, and whose every later read of the log answers `reads()`. */
function source(reads: () => HarEntry[]): NetworkSource & { deliver(entries: HarEntry[]): void; readCount: number } {
  let listener: ((entry: HarEntry) => void) | null = null;
  const network = {
    readCount: 0,
    backfill() {
      network.readCount++;
      // The first read is the backfill at panel start: nothing was recorded before.
      return Promise.resolve(network.readCount === 1 ? [] : reads());
    },
    subscribe(cb: (entry: HarEntry) => void) {
      listener = cb;
      return () => { listener = null; };
    },
    deliver(entries: HarEntry[]) {
      for (const entry of entries) listener?.(entry);
    },
  };
  return network;
}

const recorded = fixtureEntries('preflight-redirect');
const preflight = recorded.find((e) => e.request.method === 'OPTIONS')!;
const actual = recorded.find((e) => e.request.method !== 'OPTIONS')!;

describe('a preflight handed over before its response', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  const verdict = (store: ReturnType<typeof createPanelStore>) => {
    const d = store.getState().diagnoses.find((x) => x.transaction.actualRequest.method === 'PUT')!;
    return `${d.ruleId} ${d.chromiumError}`;
  };

  it('is completed from the log read again, and the request gets Chromium\'s verdict', async () => {
    const network = source(() => recorded);
    // The store's own batching (a 30 ms macrotask), as in the real panel.
    const store = createPanelStore();
    connectCapture(store, network);
    await vi.advanceTimersByTimeAsync(0);
    network.deliver([actual, withoutResponse(preflight)]);
    // Without the response nothing can be explained, and nothing wrong is claimed.
    expect(verdict(store)).toBe('failure-not-explained null');
    // Both held: the preflight, and the PUT (no response either, and nothing explains it yet).
    expect(store.awaitingResponses()).toBe(2);
    // The panel says so (its notice): this verdict may still change.
    expect(store.getState().awaiting).toBe(2);

    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS);
    expect(network.readCount).toBe(2);
    expect(store.awaitingResponses()).toBe(0);
    expect(store.getState().awaiting).toBe(0);
    expect(verdict(store)).toBe('preflight-redirect PreflightDisallowedRedirect');
    // One transaction: the complete preflight replaced the early one.
    expect(store.getState().diagnoses.filter((x) => x.transaction.preflight !== null)).toHaveLength(1);
  });

  it('a preflight that could not connect is complete: the log is not read again for it', async () => {
    const refused = { ...preflight, response: { ...withoutResponse(preflight).response, _error: 'net::ERR_CONNECTION_REFUSED' } };
    const network = source(() => [actual, refused]);
    const store = createPanelStore();
    connectCapture(store, network);
    await vi.advanceTimersByTimeAsync(0);
    // A page retrying against a server that is down: every retry is another such pair.
    for (let retry = 0; retry < 5; retry++) {
      network.deliver([actual, refused]);
      await vi.advanceTimersByTimeAsync(2 * REREAD_AFTER_MS);
    }
    expect(store.awaitingResponses()).toBe(0);
    expect(network.readCount).toBe(1); // the backfill at panel start, no more
    expect(verdict(store)).toBe('connection-failed null');
  });

  it(`stops after ${REREAD_ATTEMPTS} reads when the log never gets the response`, async () => {
    const network = source(() => [actual, withoutResponse(preflight)]);
    // The store's own batching (a 30 ms macrotask), as in the real panel.
    const store = createPanelStore();
    connectCapture(store, network);
    await vi.advanceTimersByTimeAsync(0);
    network.deliver([actual, withoutResponse(preflight)]);
    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS * (REREAD_ATTEMPTS - 1));
    expect(store.getState().awaiting).toBe(2);
    // Giving up replaces nothing, yet the panel must hear of it: its notice goes away.
    let notified = 0;
    store.subscribe(() => { notified++; });
    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS * 6);
    expect(network.readCount).toBe(1 + REREAD_ATTEMPTS);
    expect(notified).toBeGreaterThan(0);
    expect(store.getState().awaiting).toBe(0);
    expect(store.awaitingResponses()).toBe(0);
    expect(verdict(store)).toBe('failure-not-explained null');
  });

  it('reads nothing again for complete entries (a blocked request without a response is complete)', async () => {
    const network = source(() => recorded);
    // The store's own batching (a 30 ms macrotask), as in the real panel.
    const store = createPanelStore();
    connectCapture(store, network);
    await vi.advanceTimersByTimeAsync(0);
    network.deliver(recorded);
    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS * 5);
    expect(network.readCount).toBe(1);
    expect(verdict(store)).toBe('preflight-redirect PreflightDisallowedRedirect');
  });
});

describe('a request handed over before its response', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  // Seen in CI: the second GET of missing-allow-origin reached the panel with status 0 and no
  // headers, and made a row of its own instead of counting in the first one's.
  const verdictOf = (store: ReturnType<typeof createPanelStore>) => store.getState().diagnoses.map((d) => `${d.ruleId} ${d.chromiumError}`);

  const cases: { name: string; entries: HarEntry[]; early: (entry: HarEntry) => boolean; held: number; reads: number; before: string; after: string }[] = [
    {
      name: 'a failure nothing else explains: held, completed from the log',
      entries: fixtureEntries('missing-allow-origin'), early: () => true, held: 1, reads: 2,
      before: 'failure-not-explained null', after: 'missing-allow-origin MissingAllowOriginHeader',
    },
    {
      name: 'a network error (its _error explains it): not held',
      entries: fixtureEntries('connection-refused'), early: () => true, held: 0, reads: 1,
      before: 'connection-failed null', after: 'connection-failed null',
    },
    {
      name: 'a request blocked by its failed preflight: not held',
      entries: recorded, early: (e) => e.request.method !== 'OPTIONS', held: 0, reads: 1,
      before: 'preflight-redirect PreflightDisallowedRedirect', after: 'preflight-redirect PreflightDisallowedRedirect',
    },
  ];

  it.each(cases)('$name', async ({ entries, early, held, reads, before, after }) => {
    const network = source(() => entries);
    const store = createPanelStore();
    connectCapture(store, network);
    await vi.advanceTimersByTimeAsync(0);
    network.deliver(entries.map((e) => (early(e) ? withoutResponse(e) : e)));
    expect(verdictOf(store)).toEqual([before]);
    expect(store.awaitingResponses()).toBe(held);
    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS * (REREAD_ATTEMPTS + 2));
    expect(network.readCount).toBe(reads);
    expect(store.awaitingResponses()).toBe(0);
    expect(verdictOf(store)).toEqual([after]);
  });

  it('two failures of one endpoint collapse into one row once the second is complete', async () => {
    const [get] = fixtureEntries('missing-allow-origin');
    const again = { ...get!, startedDateTime: new Date(Date.parse(get!.startedDateTime) + 50).toISOString() };
    const network = source(() => [get!, again]);
    const store = createPanelStore();
    connectCapture(store, network);
    await vi.advanceTimersByTimeAsync(0);
    network.deliver([get!, withoutResponse(again)]);
    expect(store.getState().rows.map((r) => `${r.ruleId} ×${r.count}`)).toEqual(['missing-allow-origin ×1', 'failure-not-explained ×1']);
    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS);
    expect(store.getState().rows.map((r) => `${r.ruleId} ×${r.count}`)).toEqual(['missing-allow-origin ×2']);
  });
});
