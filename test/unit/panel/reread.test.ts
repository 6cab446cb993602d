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
    expect(store.awaitingResponses()).toBe(1);

    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS);
    expect(network.readCount).toBe(2);
    expect(store.awaitingResponses()).toBe(0);
    expect(verdict(store)).toBe('preflight-redirect PreflightDisallowedRedirect');
    // One transaction: the complete preflight replaced the early one.
    expect(store.getState().diagnoses.filter((x) => x.transaction.preflight !== null)).toHaveLength(1);
  });

  it(`stops after ${REREAD_ATTEMPTS} reads when the log never gets the response`, async () => {
    const network = source(() => [actual, withoutResponse(preflight)]);
    // The store's own batching (a 30 ms macrotask), as in the real panel.
    const store = createPanelStore();
    connectCapture(store, network);
    await vi.advanceTimersByTimeAsync(0);
    network.deliver([actual, withoutResponse(preflight)]);
    await vi.advanceTimersByTimeAsync(REREAD_AFTER_MS * (REREAD_ATTEMPTS + 5));
    expect(network.readCount).toBe(1 + REREAD_ATTEMPTS);
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
