/**
 * Feeds a NetworkSource into the store: listen first, then backfill, so a request finishing in
 * between is caught by one or both (the store drops the duplicate). Returns a disconnect.
 *
 * Under load DevTools can hand a listener an entry before its response is attached; the log has
 * it a moment later. While the store holds such entries (a preflight, or a request whose failure
 * nothing else explains), the log is read again (getHAR) after REREAD_AFTER_MS, at most
 * REREAD_ATTEMPTS times, and the complete entries replace them.
 */
import type { NetworkSource } from '../platform/network-source.ts';
import type { PanelStore } from './store.ts';

export const REREAD_AFTER_MS = 1_000;
export const REREAD_ATTEMPTS = 3;

export function connectCapture(store: PanelStore, network: NetworkSource): () => void {
  let rereadTimer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let connected = true;

  // Armed by each live entry (a timer, no read); reads the log only if, by then, the store
  // holds entries without a response (entries are diagnosed in batches, so not sooner).
  function rereadLater(): void {
    if (rereadTimer !== null || !connected) return;
    rereadTimer = setTimeout(() => {
      rereadTimer = null;
      if (store.awaitingResponses() === 0) {
        attempts = 0;
        return;
      }
      attempts++;
      const lastAttempt = attempts >= REREAD_ATTEMPTS;
      const settle = (entries: readonly unknown[]) => {
        const waiting = store.completeLive(entries, lastAttempt);
        if (waiting === 0 || lastAttempt) attempts = 0;
        else rereadLater();
      };
      network.backfill().then(settle, () => settle([]));
    }, REREAD_AFTER_MS);
  }

  const unsubscribe = network.subscribe((entry) => {
    store.addEntries([entry], 'live');
    rereadLater();
  });
  const unNavigate = network.onNavigated?.((url) => store.navigated(url));
  store.setLoading(true);
  network.backfill().then(
    (entries) => {
      store.addEntries(entries, 'live');
      store.setLoading(false);
      rereadLater();
    },
    (reason: unknown) => {
      store.setLoading(false);
      store.setError(`Could not read the requests DevTools recorded before the panel opened: ${reason instanceof Error ? reason.message : String(reason)}. New requests still appear.`);
    },
  );
  return () => {
    connected = false;
    if (rereadTimer !== null) clearTimeout(rereadTimer);
    unsubscribe();
    unNavigate?.();
  };
}
