/**
 * NetworkSource over the real DevTools network log (devtools.network), in Chromium and Firefox.
 * Usable only in DevTools extension pages (the devtools page and its panels).
 */
import { callbackOrPromise } from './callback-or-promise.ts';
import { browser } from './extension-api.ts';
import type { HarEntry, HarLog, NetworkSource } from './network-source.ts';

/** getHAR can stall while DevTools is busy or closing: never leave the panel waiting forever. */
const GET_HAR_TIMEOUT_MS = 10_000;

export function createDevtoolsNetworkSource(): NetworkSource {
  const network = browser.devtools.network;
  return {
    backfill: () => getHarEntries(GET_HAR_TIMEOUT_MS),
    subscribe(cb) {
      const listener = (request: object) => cb(toPlainEntry(request));
      network.onRequestFinished.addListener(listener);
      return () => network.onRequestFinished.removeListener(listener);
    },
    onNavigated(cb) {
      const listener = (url: string) => cb(url);
      network.onNavigated.addListener(listener);
      return () => network.onNavigated.removeListener(listener);
    },
  };
}

async function getHarEntries(timeoutMs: number): Promise<HarEntry[]> {
  // The polyfill's types know only Firefox's promise form; Chromium's takes the callback.
  const network = browser.devtools.network as unknown as { getHAR(callback: (harLog: unknown) => void): unknown };
  const harLog = await callbackOrPromise<unknown>((callback) => network.getHAR(callback), timeoutMs, 'getHAR');
  const entries = (harLog as Partial<HarLog> | undefined)?.entries;
  return Array.isArray(entries) ? entries.map(toPlainEntry) : [];
}

/**
 * Every entry as plain, cloneable data, without the getContent() method live entries carry.
 * for…in, not a spread: in Chromium the polyfill hands listeners a Proxy whose target inherits
 * from the real entry (so its getContent returns a promise); the Proxy has no own keys, so a
 * spread would copy nothing, while for…in also walks the inherited ones. A plain entry
 * (Firefox, getHAR) has only own keys: the same loop copies it.
 */
export function toPlainEntry(request: object): HarEntry {
  const entry: Record<string, unknown> = {};
  for (const key in request) {
    if (key !== 'getContent') entry[key] = (request as Record<string, unknown>)[key];
  }
  return entry as HarEntry;
}
