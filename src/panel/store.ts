/**
 * The panel's state, framework-free: captures (live, and an imported HAR), their diagnoses, the
 * list rows after filters and collapsing, and the selection. Components read getState() and
 * re-render on subscribe(); nothing here touches the DOM or chrome.*.
 *
 * Entries are queued and diagnosed in batches (every 30 ms at most), so a burst of onRequestFinished
 * events costs one pass, not one per entry. getState() flushes the queue first, so callers
 * always see every entry they added.
 */
import { HarInputError, normalizeEntries, parseHarText } from '../engine/normalize.ts';
import { ruleById } from '../engine/rules/index.ts';
import { failedToConnect, lacksResponse } from '../engine/chromium-cors.ts';
import { isPreflight } from '../engine/pair.ts';
import type { Diagnosis, Exchange, Verdict } from '../engine/types.ts';
import type { Preferences } from '../platform/preferences.ts';
import { Capture, DEFAULT_CAPTURE_CAP, firstHop } from './capture.ts';

export type CaptureOrigin = 'live' | 'imported';

/** One line of the request list: a transaction, or identical failures collapsed into one. */
export interface RequestRow {
  key: string;
  /** The latest occurrence (what the detail view shows). */
  diagnosis: Diagnosis;
  /** How many transactions the row stands for (1 unless collapsed). */
  count: number;
  verdict: Verdict;
  ruleId: string;
  title: string;
  method: string;
  url: string;
  /** HTTP status of the actual request; 0 when no response arrived. */
  status: number;
}

export interface PanelFilter {
  text: string;
  problemsOnly: boolean;
  preserveLog: boolean;
}

export interface PanelState {
  origin: CaptureOrigin;
  /** File name of the imported capture, when origin is 'imported'. */
  importedName: string | null;
  /**
   * Changes whenever the imported view is replaced (another file, Back to live) or the user clears
   * the view: an import still parsing or feeding chunks stops when it no longer matches.
   */
  importId: number;
  /** True while the backfill (getHAR) has not answered yet. */
  loading: boolean;
  /** Every diagnosis of the capture in view, in time order. */
  diagnoses: readonly Diagnosis[];
  /** What the list shows, after collapsing and filters. */
  rows: readonly RequestRow[];
  /** Rows per verdict before the filters (collapsed groups count once). */
  counts: Record<Verdict, number>;
  /** Same-origin requests and navigations in the capture, which the list never shows. */
  sameOrigin: number;
  filter: PanelFilter;
  selectedKey: string | null;
  /** The selected row (looked up before filters, so a filter does not yank the detail away). */
  selected: RequestRow | null;
  detailOpen: boolean;
  /** Entries dropped from the capture in view to stay under the cap. */
  dropped: number;
  /**
   * Live entries held until the log is read again (DevTools handed them over without their
   * response): the verdicts they touch may still change. 0 while an imported file is in view.
   */
  awaiting: number;
  cap: number;
  /** Entries skipped as unreadable. */
  skipped: readonly string[];
  /** A message for the user (bad import, network log unavailable), or null. */
  error: string | null;
}

export type ImportResult = { ok: true; transactions: number } | { ok: false; error: string };

export interface PanelStore {
  addEntries(entries: readonly unknown[], origin: CaptureOrigin): void;
  /** Replaces the view with this HAR (kept apart from the live capture, which goes on recording). */
  importHar(name: string, harText: string): ImportResult;
  /**
   * Replaces the view with an empty imported capture named `name`; its entries follow through
   * addEntries(…, 'imported'), in chunks (a large file is parsed off the UI thread). `pages` maps
   * the file's page ids to URLs, as importHar reads them.
   */
  beginImport(name: string, pages?: ReadonlyMap<string, string>): void;
  /** Back to the live capture after an import. */
  showLive(): void;
  /** Empties the capture in view. */
  clear(): void;
  subscribe(listener: () => void): () => void;
  getState(): PanelState;
  /** The inspected page navigated: the live capture starts over unless Preserve log is on. */
  navigated(url: string): void;
  setFilterText(text: string): void;
  setProblemsOnly(on: boolean): void;
  setPreserveLog(on: boolean): void;
  /** Selects a row (null: none); `open` also opens the detail view. */
  select(key: string | null, open?: boolean): void;
  /** Moves the selection by `delta` rows (arrow keys), clamped to the list. */
  moveSelection(delta: number): void;
  setDetailOpen(open: boolean): void;
  setLoading(loading: boolean): void;
  setError(message: string | null): void;
  /** Diagnoses queued entries now (also done by getState and by the scheduled task). */
  flush(): void;
  /**
   * Live entries DevTools handed over without their response (status 0, no headers): it happens
   * under load, and without the response no check can be explained. Held: preflights, and
   * requests whose failure nothing else explains. connectCapture reads the log again for them.
   */
  awaitingResponses(): number;
  /**
   * Newer versions of live entries (from a later getHAR): those that now carry the response a
   * held entry lacked replace it, and what they change is diagnosed again. Returns how many
   * entries still wait; `giveUp` stops waiting for them.
   */
  completeLive(entries: readonly unknown[], giveUp?: boolean): number;
}

export interface StoreOptions {
  cap?: number;
  preferences?: Preferences;
  /** How a batch is scheduled (default: a macrotask). Tests pass a synchronous or manual one. */
  schedule?: (run: () => void) => void;
}

/** Problems are what the list shows by default: blocked, warnings, and CORS look-alikes. */
export function isProblem(diagnosis: Diagnosis): boolean {
  return diagnosis.verdict === 'blocked' || diagnosis.verdict === 'warning'
    || (diagnosis.verdict === 'not-cors' && diagnosis.ruleId !== 'not-cross-origin');
}

/** Diagnoses are immutable and survive many rebuilds: parse each URL once. */
const groupKeys = new WeakMap<Diagnosis, string>();

/** Same rule, same page origin, same endpoint (method + URL without query): one row. */
function groupKey(diagnosis: Diagnosis): string {
  let key = groupKeys.get(diagnosis);
  if (key === undefined) {
    key = computeGroupKey(diagnosis);
    groupKeys.set(diagnosis, key);
  }
  return key;
}

function computeGroupKey(diagnosis: Diagnosis): string {
  const first = firstHop(diagnosis);
  if (!isProblem(diagnosis)) return `tx:${first.index}`;
  let endpoint = first.url;
  try {
    const url = new URL(first.url);
    endpoint = `${url.origin}${url.pathname}`;
  } catch { /* not a URL: the whole string is the endpoint */ }
  return `${diagnosis.ruleId}|${diagnosis.transaction.requestOrigin ?? ''}|${first.method} ${endpoint}`;
}

function rowFor(key: string, diagnosis: Diagnosis, count: number): RequestRow {
  const first = firstHop(diagnosis);
  return {
    key, diagnosis, count,
    verdict: diagnosis.verdict,
    ruleId: diagnosis.ruleId,
    title: ruleById.get(diagnosis.ruleId)?.meta.title ?? diagnosis.ruleId,
    method: first.method,
    url: first.url,
    status: diagnosis.transaction.actualRequest.status,
  };
}

function matchesText(row: RequestRow, needle: string): boolean {
  if (needle === '') return true;
  const d = row.diagnosis;
  return [row.url, row.method, row.title, row.ruleId, String(row.status), d.chromiumError ?? '', d.transaction.requestOrigin ?? '']
    .some((field) => field.toLowerCase().includes(needle));
}

/** push(...items) without the argument limit: a big HAR has more entries than a call takes arguments. */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** How long live entries wait to be diagnosed together (short enough to feel immediate). */
const LIVE_BATCH_MS = 30;

/** How long to remember live entry keys (backfill and live listener overlap only at start). */
const DEDUP_MEMORY = 4 * DEFAULT_CAPTURE_CAP;

export function createPanelStore(options: StoreOptions = {}): PanelStore {
  const cap = options.cap ?? DEFAULT_CAPTURE_CAP;
  const preferences = options.preferences;
  // A burst of live entries becomes one batch: each batch rebuilds the rows once.
  const schedule = options.schedule ?? ((run: () => void) => { setTimeout(run, LIVE_BATCH_MS); });
  const listeners = new Set<() => void>();

  let live = new Capture(cap);
  let imported: { name: string; capture: Capture } | null = null;
  let importId = 0;
  let importedPages = new Map<string, string>();
  /**
   * The inspected page's URL since its last navigation. Live HAR entries carry no page list, and a
   * request the browser refused before sending (mixed content) has no Origin either: without the
   * page it would look same-origin and be hidden.
   */
  let livePageUrl: string | null = null;
  let seenLive = new Set<string>();
  /** Live entries held without their response, by identity (start, method, URL). */
  let awaiting = new Map<string, Exchange>();
  const pending: { live: unknown[]; imported: unknown[] } = { live: [], imported: [] };
  let flushScheduled = false;

  let filter: PanelFilter = { text: '', problemsOnly: true, preserveLog: preferences?.get('preserve-log') === 'true' };
  let selectedKey: string | null = null;
  let detailOpen = false;
  let loading = false;
  let error: string | null = null;

  // Derived state, rebuilt only when the capture or the filters changed.
  let groupsVersion = -1;
  let captureVersion = 0;
  let groups: RequestRow[] = [];
  let groupByKey = new Map<string, RequestRow>();
  let sameOrigin = 0;
  let rowsKey = '';
  let rows: RequestRow[] = [];
  let snapshot: PanelState | null = null;

  const view = (): Capture => imported?.capture ?? live;

  const notify = () => {
    snapshot = null;
    for (const listener of [...listeners]) listener();
  };

  function rebuildGroups(): void {
    if (groupsVersion === captureVersion) return;
    groupsVersion = captureVersion;
    const byKey = new Map<string, { latest: Diagnosis; count: number }>();
    sameOrigin = 0;
    for (const diagnosis of view().diagnoses) {
      if (diagnosis.ruleId === 'not-cross-origin') {
        sameOrigin++;
        continue;
      }
      const key = groupKey(diagnosis);
      const group = byKey.get(key);
      if (group) {
        group.latest = diagnosis;
        group.count++;
      } else {
        byKey.set(key, { latest: diagnosis, count: 1 });
      }
    }
    groups = [...byKey].map(([key, group]) => rowFor(key, group.latest, group.count));
    groupByKey = new Map(groups.map((row) => [row.key, row]));
    rowsKey = '';
  }

  function rebuildRows(): void {
    rebuildGroups();
    const key = `${groupsVersion}|${filter.problemsOnly}|${filter.text}`;
    if (key === rowsKey) return;
    rowsKey = key;
    const needle = filter.text.trim().toLowerCase();
    rows = groups.filter((row) => (!filter.problemsOnly || isProblem(row.diagnosis)) && matchesText(row, needle));
  }

  function flush(): void {
    flushScheduled = false;
    let changed = false;
    if (pending.live.length > 0) {
      const batch = pending.live.splice(0);
      const { exchanges, problems } = normalizeEntries(batch, undefined, live.nextIndex);
      live.nextIndex += batch.length;
      appendAll(live.problems, problems);
      live.add(livePageUrl === null ? exchanges : exchanges.map((e) => (e.pageUrl === null ? { ...e, pageUrl: livePageUrl } : e)));
      for (const exchange of handedOverEarly(live, exchanges)) awaiting.set(identityOf(exchange), exchange);
      changed = true;
    }
    if (pending.imported.length > 0) {
      const batch = pending.imported.splice(0);
      if (!imported) {
        imported = { name: 'imported', capture: new Capture(cap) };
        importId++;
      }
      const target = imported.capture;
      const { exchanges, problems } = normalizeEntries(batch, importedPages, target.nextIndex);
      target.nextIndex += batch.length;
      appendAll(target.problems, problems);
      target.add(exchanges);
      changed = true;
    }
    if (changed) {
      captureVersion++;
      notify();
    }
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    schedule(() => {
      if (flushScheduled) flush();
    });
  }

  function liveKey(entry: unknown): string | null {
    if (typeof entry !== 'object' || entry === null) return null;
    const { startedDateTime, request } = entry as { startedDateTime?: unknown; request?: { method?: unknown; url?: unknown } };
    return `${String(startedDateTime)} ${String(request?.method)} ${String(request?.url)} ${JSON.stringify((entry as { time?: unknown }).time ?? null)}`;
  }

  function resetLive(): void {
    live = new Capture(cap);
    seenLive = new Set();
    awaiting = new Map();
    pending.live.length = 0;
  }

  const store: PanelStore = {
    addEntries(entries, origin) {
      if (origin === 'live') {
        for (const entry of entries) {
          // The backfill and the live listener can both hand over a request that finished in between.
          const key = liveKey(entry);
          if (key !== null) {
            if (seenLive.has(key)) continue;
            if (seenLive.size >= DEDUP_MEMORY) seenLive = new Set();
            seenLive.add(key);
          }
          pending.live.push(entry);
        }
      } else {
        appendAll(pending.imported, entries);
      }
      scheduleFlush();
    },

    importHar(name, harText) {
      let log;
      try {
        log = parseHarText(harText);
      } catch (caught) {
        const message = caught instanceof HarInputError ? caught.message : `Could not read ${name}: ${String(caught)}`;
        error = `${name}: ${message}`;
        notify();
        return { ok: false, error: message };
      }
      flush();
      const capture = new Capture(cap);
      appendAll(capture.problems, log.problems);
      capture.nextIndex = log.exchanges.reduce((max, e) => Math.max(max, e.index + 1), 0);
      capture.add(log.exchanges);
      imported = { name, capture };
      importId++;
      selectedKey = null;
      detailOpen = false;
      error = null;
      captureVersion++;
      notify();
      return { ok: true, transactions: capture.diagnoses.length };
    },

    beginImport(name, pages) {
      flush();
      imported = { name, capture: new Capture(cap) };
      importId++;
      importedPages = new Map(pages ?? []);
      pending.imported.length = 0;
      selectedKey = null;
      detailOpen = false;
      error = null;
      captureVersion++;
      notify();
    },

    showLive() {
      if (!imported) return;
      imported = null;
      importId++;
      pending.imported.length = 0;
      selectedKey = null;
      detailOpen = false;
      captureVersion++;
      notify();
    },

    clear() {
      if (imported) {
        imported = { name: imported.name, capture: new Capture(cap) };
        pending.imported.length = 0;
      } else {
        resetLive();
      }
      // Also while the live capture is in view: a file still being parsed must not fill it after Clear.
      importId++;
      selectedKey = null;
      detailOpen = false;
      error = null;
      captureVersion++;
      notify();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    getState() {
      if (pending.live.length > 0 || pending.imported.length > 0) flush();
      if (snapshot) return snapshot;
      rebuildRows();
      const counts: Record<Verdict, number> = { blocked: 0, warning: 0, ok: 0, 'not-cors': 0 };
      for (const row of groups) counts[row.verdict]++;
      const capture = view();
      const selected = selectedKey !== null ? groupByKey.get(selectedKey) ?? null : null;
      snapshot = {
        origin: imported ? 'imported' : 'live',
        importedName: imported?.name ?? null,
        importId,
        loading,
        diagnoses: capture.diagnoses,
        rows,
        counts,
        sameOrigin,
        filter,
        selectedKey,
        selected,
        detailOpen: detailOpen && selected !== null,
        dropped: capture.dropped,
        awaiting: imported ? 0 : awaiting.size,
        cap,
        skipped: capture.problems,
        error,
      };
      return snapshot;
    },

    navigated(url) {
      livePageUrl = url;
      if (filter.preserveLog) return;
      resetLive();
      if (!imported) {
        selectedKey = null;
        detailOpen = false;
      }
      captureVersion++;
      notify();
    },

    setFilterText(text) {
      filter = { ...filter, text };
      notify();
    },
    setProblemsOnly(on) {
      filter = { ...filter, problemsOnly: on };
      notify();
    },
    setPreserveLog(on) {
      filter = { ...filter, preserveLog: on };
      preferences?.set('preserve-log', String(on));
      notify();
    },

    select(key, open = false) {
      selectedKey = key;
      detailOpen = key !== null && (open || detailOpen);
      notify();
    },

    moveSelection(delta) {
      const { rows: visible } = store.getState();
      if (visible.length === 0) return;
      const current = visible.findIndex((row) => row.key === selectedKey);
      const next = current === -1 ? (delta > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, current + delta));
      store.select(visible[next]!.key);
    },

    setDetailOpen(open) {
      detailOpen = open;
      notify();
    },
    setLoading(on) {
      loading = on;
      notify();
    },
    setError(message) {
      error = message;
      notify();
    },
    flush,

    awaitingResponses() {
      flush();
      return awaiting.size;
    },

    completeLive(entries, giveUp = false) {
      flush();
      const waited = awaiting.size;
      const newer: Exchange[] = [];
      for (const exchange of normalizeEntries(entries).exchanges) {
        const identity = identityOf(exchange);
        if (!awaiting.has(identity) || lacksResponse(exchange)) continue;
        awaiting.delete(identity);
        const held = live.find(exchange.startedDateTime, exchange.method, exchange.url);
        if (held) newer.push({ ...exchange, index: held.index, pageUrl: exchange.pageUrl ?? held.pageUrl });
      }
      if (giveUp) awaiting = new Map();
      if (newer.length > 0) {
        live.replace(newer);
        // A request held for want of an explanation may have one now (its preflight's response).
        awaiting = new Map(handedOverEarly(live, [...awaiting.values()]).map((e) => [identityOf(e), e]));
        captureVersion++;
      }
      // The panel says how many still wait (state.awaiting): it changes even when nothing was replaced (giving up).
      if (newer.length > 0 || awaiting.size !== waited) notify();
      return awaiting.size;
    },
  };
  return store;
}

const identityOf = (exchange: Exchange) => `${exchange.startedDateTime} ${exchange.method} ${exchange.url}`;

/**
 * The new exchanges DevTools may have handed over before attaching their response (under load it
 * happens): a preflight without one, or a request without one whose failure nothing else in the
 * capture explains. A request blocked because its preflight failed lacks a response too, but its
 * diagnosis names the preflight's fault, so the log is not read again for it.
 */
function handedOverEarly(capture: Capture, exchanges: readonly Exchange[]): Exchange[] {
  const early: Exchange[] = [];
  const requests = new Set<number>();
  let since = Infinity;
  for (const exchange of exchanges) {
    if (!lacksResponse(exchange)) continue;
    if (isPreflight(exchange)) {
      // A preflight that could not connect (DNS, TCP, TLS) is complete: that error is the answer.
      // Held, it made the panel read the whole log again for every retry of the page.
      if (!failedToConnect(exchange)) early.push(exchange);
    } else {
      requests.add(exchange.index);
      // As the capture orders them: an entry without a readable start counts as time 0.
      since = Math.min(since, Number.isFinite(exchange.startedMs) ? exchange.startedMs : 0);
    }
  }
  if (requests.size === 0) return early;
  const diagnoses = capture.diagnosesOfActual(requests, since);
  for (const exchange of exchanges) {
    if (diagnoses.get(exchange.index)?.ruleId === 'failure-not-explained') early.push(exchange);
  }
  return early;
}
