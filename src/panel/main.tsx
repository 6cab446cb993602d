/**
 * Panel skeleton: shows how many requests the inspected page has made since DevTools opened.
 * The real UI (request list, diagnosis, snippets) replaces this; the capture logic stays.
 * Everything is rendered as text through JSX: nothing from the network is ever parsed as HTML.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { createDevtoolsNetworkSource } from '../platform/devtools-network.ts';
import type { HarEntry, NetworkSource } from '../platform/network-source.ts';

/** Same request seen by both the backfill and the live listener (it finished in between). */
function entryKey(entry: HarEntry): string {
  return `${entry.startedDateTime} ${entry.request.method} ${entry.request.url}`;
}

function useCapturedEntries(source: NetworkSource): { entries: HarEntry[]; error: string | null } {
  const [entries, setEntries] = useState<HarEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const seen = new Set<string>();
    const add = (batch: HarEntry[]) => {
      const fresh = batch.filter((entry) => {
        const key = entryKey(entry);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length > 0) setEntries((previous) => [...previous, ...fresh]);
    };
    // Listen first, then backfill: a request finishing in between is caught by one or both.
    const unsubscribe = source.subscribe((entry) => add([entry]));
    source.backfill().then(add, (reason: unknown) => setError(String(reason)));
    return unsubscribe;
  }, [source]);
  return { entries, error };
}

function App({ source }: { source: NetworkSource }) {
  const { entries, error } = useCapturedEntries(source);
  return (
    <main>
      <h1>CORS Lens</h1>
      <p data-testid="request-count">
        {entries.length} {entries.length === 1 ? 'request' : 'requests'} captured
      </p>
      {error && <p role="alert">Could not read the network log: {error}</p>}
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App source={createDevtoolsNetworkSource()} />, root);
