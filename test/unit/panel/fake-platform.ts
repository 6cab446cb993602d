/** A PanelPlatform made of fakes: no chrome.* anywhere. The network source is driven by the test. */
import { createInspectedPage, type RetryRequest } from '../../../src/platform/inspected-window.ts';
import type { HarEntry, NetworkSource } from '../../../src/platform/network-source.ts';
import { createPreferences } from '../../../src/platform/preferences.ts';
import type { PanelPlatform } from '../../../src/panel/platform.ts';

export interface FakeNetwork extends NetworkSource {
  /** Delivers an entry as onRequestFinished would. */
  finish(entry: HarEntry): void;
  navigate(url: string): void;
  /** Resolves (or rejects) the pending backfill. */
  answerBackfill(entries: HarEntry[] | Error): void;
}

export function fakeNetwork(): FakeNetwork {
  const listeners = new Set<(entry: HarEntry) => void>();
  const navigations = new Set<(url: string) => void>();
  let answer: ((entries: HarEntry[] | Error) => void) | null = null;
  const backfill = new Promise<HarEntry[]>((resolve, reject) => {
    answer = (entries) => (entries instanceof Error ? reject(entries) : resolve(entries));
  });
  return {
    backfill: () => backfill,
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    onNavigated(cb) {
      navigations.add(cb);
      return () => navigations.delete(cb);
    },
    finish: (entry) => listeners.forEach((cb) => cb(entry)),
    navigate: (url) => navigations.forEach((cb) => cb(url)),
    answerBackfill: (entries) => answer!(entries),
  };
}

export interface FakePage {
  /** The page's origin (location.origin). */
  origin: string;
  /** Every request the page was asked to send. */
  sent: Array<{ url: string; init: RequestInit }>;
  /** What the page's fetch does: resolve with a Response, or throw like a CORS failure. */
  respond: (url: string, init: RequestInit) => Promise<Response>;
}

/**
 * The inspected page: the retry's real expression runs here (with `fetch` replaced), exactly as
 * inspectedWindow.eval would run it in the page.
 */
export function fakeInspectedPage(page: FakePage) {
  const pageWindow: Record<string, unknown> = {};
  const pageFetch = (url: string, init: RequestInit) => {
    page.sent.push({ url, init });
    return page.respond(url, init);
  };
  const evaluate = async (expression: string) =>
    new Function('window', 'fetch', 'location', `return ${expression};`)(pageWindow, pageFetch, { origin: page.origin }) as unknown;
  return createInspectedPage(evaluate, { intervalMs: 5, timeoutMs: 2_000 });
}

export function fakePlatform(overrides: Partial<PanelPlatform> = {}): PanelPlatform & { copied: string[] } {
  const copied: string[] = [];
  return {
    network: fakeNetwork(),
    inspectedPage: null,
    theme: 'light',
    copyText: async (text) => {
      copied.push(text);
      return true;
    },
    preferences: createPreferences(null),
    copied,
    ...overrides,
  };
}

export type { RetryRequest };
