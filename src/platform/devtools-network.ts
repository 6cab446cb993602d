/**
 * NetworkSource over the real DevTools network log (chrome.devtools.network). Usable only in
 * DevTools extension pages (the devtools page and its panels).
 */
import type { HarEntry, HarLog, NetworkSource } from './network-source.ts';

/** getHAR can stall while DevTools is busy or closing: never leave the panel waiting forever. */
const GET_HAR_TIMEOUT_MS = 10_000;

export function createDevtoolsNetworkSource(): NetworkSource {
  return {
    backfill: () => getHarEntries(GET_HAR_TIMEOUT_MS),
    subscribe(cb) {
      // chrome.* directly: the webextension-polyfill would add ~10 KB to the panel for nothing
      // here (no promise-returning call is used; getContent is never called).
      const listener = (request: object) => cb(toPlainEntry(request));
      chrome.devtools.network.onRequestFinished.addListener(listener);
      return () => chrome.devtools.network.onRequestFinished.removeListener(listener);
    },
    onNavigated(cb) {
      const listener = (url: string) => cb(url);
      chrome.devtools.network.onNavigated.addListener(listener);
      return () => chrome.devtools.network.onNavigated.removeListener(listener);
    },
  };
}

function getHarEntries(timeoutMs: number): Promise<HarEntry[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`getHAR did not answer within ${timeoutMs} ms`)), timeoutMs);
    chrome.devtools.network.getHAR((harLog) => {
      clearTimeout(timer);
      const entries = (harLog as unknown as Partial<HarLog> | undefined)?.entries;
      resolve(Array.isArray(entries) ? entries.map(toPlainEntry) : []);
    });
  });
}

/** Live entries carry a getContent() method: drop it so every entry is plain, cloneable data. */
function toPlainEntry(request: object): HarEntry {
  const { getContent: _getContent, ...entry } = request as HarEntry & { getContent?: unknown };
  return entry as HarEntry;
}
