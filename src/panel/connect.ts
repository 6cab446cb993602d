/**
 * Feeds a NetworkSource into the store: listen first, then backfill, so a request finishing in
 * between is caught by one or both (the store drops the duplicate). Returns a disconnect.
 */
import type { NetworkSource } from '../platform/network-source.ts';
import type { PanelStore } from './store.ts';

export function connectCapture(store: PanelStore, network: NetworkSource): () => void {
  const unsubscribe = network.subscribe((entry) => store.addEntries([entry], 'live'));
  const unNavigate = network.onNavigated?.((url) => store.navigated(url));
  store.setLoading(true);
  network.backfill().then(
    (entries) => {
      store.addEntries(entries, 'live');
      store.setLoading(false);
    },
    (reason: unknown) => {
      store.setLoading(false);
      store.setError(`Could not read the requests DevTools recorded before the panel opened: ${reason instanceof Error ? reason.message : String(reason)}. New requests still appear.`);
    },
  );
  return () => {
    unsubscribe();
    unNavigate?.();
  };
}
