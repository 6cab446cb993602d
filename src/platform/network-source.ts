/**
 * Where HAR entries come from (live DevTools, a HAR file, the lab). The panel and the engine see
 * only this interface; the implementations are the only code that touches browser APIs.
 */

/** Name/value pair as HAR writes headers, cookies and query parameters. */
export interface HarNameValue {
  name: string;
  value: string;
}

/**
 * A HAR 1.2 entry as Chromium's DevTools hands it out, typed only as far as we rely on it.
 * Chromium's private fields (`_resourceType`, `_initiator`, `response._error`, …) are `unknown`
 * until the engine normalizes them: nothing here trusts their shape.
 */
export interface HarEntry {
  startedDateTime: string;
  time?: number;
  request: {
    method: string;
    url: string;
    httpVersion?: string;
    headers: HarNameValue[];
    [field: string]: unknown;
  };
  response: {
    status: number;
    statusText?: string;
    headers: HarNameValue[];
    redirectURL?: string;
    _error?: unknown;
    [field: string]: unknown;
  };
  _resourceType?: unknown;
  _initiator?: unknown;
  [field: string]: unknown;
}

/** The `log` object of a HAR file (what devtools.network.getHAR returns). */
export interface HarLog {
  version?: string;
  creator?: unknown;
  pages?: unknown[];
  entries: HarEntry[];
}

export interface NetworkSource {
  /** Entries recorded before the caller started listening (DevTools records only while open). */
  backfill(): Promise<HarEntry[]>;
  /** Calls `cb` for every entry that finishes from now on; returns the unsubscribe function. */
  subscribe(cb: (entry: HarEntry) => void): () => void;
  /**
   * Calls `cb` with the new URL each time the inspected page navigates (DevTools then starts a
   * new network log); returns the unsubscribe function. Sources without pages (a file) omit it.
   */
  onNavigated?(cb: (url: string) => void): () => void;
}
