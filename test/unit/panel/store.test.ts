/** The panel store: rows, collapsing, filters, live vs imported, preserve log, cap. Real HAR fixtures. */
import { describe, expect, it } from 'vitest';
import { createPreferences } from '../../../src/platform/preferences.ts';
import type { HarEntry } from '../../../src/platform/network-source.ts';
import { createPanelStore, type PanelStore } from '../../../src/panel/store.ts';
import { allFixtureEntries, fixtureEntries, fixtureText } from './fixtures.ts';

const syncStore = (options: Parameters<typeof createPanelStore>[0] = {}) => createPanelStore({ schedule: () => undefined, ...options });
const rowsOf = (store: PanelStore) => store.getState().rows.map((r) => `${r.verdict} ${r.ruleId} ×${r.count}`);

/** The same request again, `ms` later (a page retrying in a loop). */
function repeated(entries: readonly HarEntry[], times: number, stepMs: number): HarEntry[] {
  return Array.from({ length: times }, (_, i) => entries.map((e) => ({
    ...e, startedDateTime: new Date(Date.parse(e.startedDateTime) + i * stepMs).toISOString(),
  }))).flat();
}

describe('rows', () => {
  it('shows problems only by default, with the rule each one broke', () => {
    const store = syncStore();
    store.addEntries([...fixtureEntries('missing-allow-origin'), ...fixtureEntries('ok-simple'), ...fixtureEntries('method-not-allowed')], 'live');
    expect(rowsOf(store)).toEqual(['blocked missing-allow-origin ×1', 'blocked method-not-allowed ×1']);
    store.setProblemsOnly(false);
    // In time order (the fixtures were recorded in this order).
    expect(rowsOf(store)).toEqual(['blocked missing-allow-origin ×1', 'blocked method-not-allowed ×1', 'ok cors-ok ×1']);
    // The pages' own navigations are same-origin: counted, never listed.
    expect(store.getState().sameOrigin).toBe(0);
    expect(store.getState().counts).toEqual({ blocked: 2, warning: 0, ok: 1, 'not-cors': 0 });
  });

  it('collapses the same failure (rule, origin, endpoint) into one row with a count; successes stay apart', () => {
    const store = syncStore();
    store.addEntries(repeated(fixtureEntries('header-not-allowed'), 5, 30_000), 'live');
    store.addEntries(repeated(fixtureEntries('ok-simple'), 3, 30_000), 'live');
    store.setProblemsOnly(false);
    expect(rowsOf(store)).toEqual(['blocked header-not-allowed ×5', 'ok cors-ok ×1', 'ok cors-ok ×1', 'ok cors-ok ×1']);
    // The row shows the latest occurrence.
    const row = store.getState().rows[0]!;
    const starts = store.getState().diagnoses.filter((d) => d.ruleId === 'header-not-allowed').map((d) => d.transaction.actualRequest.startedMs);
    expect(row.diagnosis.transaction.actualRequest.startedMs).toBe(Math.max(...starts));
  });

  it('text filter matches URL, method, rule and status, case-insensitively', () => {
    const store = syncStore();
    store.addEntries(allFixtureEntries(), 'live');
    store.setProblemsOnly(false);
    const all = store.getState().rows.length;
    store.setFilterText('METHOD-NOT-ALLOWED');
    expect(rowsOf(store)).toEqual(['blocked method-not-allowed ×1']);
    store.setFilterText('put');
    expect(store.getState().rows.every((r) => r.method.toLowerCase() === 'put' || `${r.url} ${r.title} ${r.ruleId}`.toLowerCase().includes('put'))).toBe(true);
    store.setFilterText('  ');
    expect(store.getState().rows.length).toBe(all);
  });
});

describe('live capture', () => {
  it('drops the entry the backfill and the live listener both delivered', () => {
    const store = syncStore();
    const entries = fixtureEntries('missing-allow-origin');
    store.addEntries(entries, 'live');
    store.addEntries([entries[entries.length - 1]!], 'live');
    expect(store.getState().diagnoses.length).toBe(createDiagnosesCount(entries));
  });

  it('batches entries: one diagnosis pass per scheduled task, and getState never shows a stale list', () => {
    const tasks: Array<() => void> = [];
    const store = createPanelStore({ schedule: (run) => tasks.push(run) });
    let notified = 0;
    store.subscribe(() => notified++);
    for (const entry of fixtureEntries('missing-allow-origin')) store.addEntries([entry], 'live');
    expect(tasks.length).toBe(1);
    tasks[0]!();
    expect(notified).toBe(1);
    expect(rowsOf(store)).toEqual(['blocked missing-allow-origin ×1']);
  });

  it('navigation clears the list unless Preserve log is on (remembered in preferences)', () => {
    const preferences = createPreferences(null);
    const store = syncStore({ preferences });
    store.addEntries(fixtureEntries('missing-allow-origin'), 'live');
    store.navigated('http://localhost/next');
    expect(store.getState().rows).toEqual([]);
    store.setPreserveLog(true);
    store.addEntries(fixtureEntries('missing-allow-origin'), 'live');
    store.navigated('http://localhost/again');
    expect(rowsOf(store)).toEqual(['blocked missing-allow-origin ×1']);
    expect(syncStore({ preferences }).getState().filter.preserveLog).toBe(true);
  });

  it('clear empties the list and the selection', () => {
    const store = syncStore();
    store.addEntries(fixtureEntries('missing-allow-origin'), 'live');
    store.select(store.getState().rows[0]!.key, true);
    store.clear();
    expect(store.getState()).toMatchObject({ rows: [], selected: null, detailOpen: false });
  });

  it('keeps at most `cap` entries and says how many it dropped', () => {
    const store = syncStore({ cap: 40 });
    const entries = allFixtureEntries();
    store.addEntries(entries, 'live');
    const state = store.getState();
    expect(state.dropped).toBeGreaterThan(0);
    expect(state.dropped + state.diagnoses.flatMap((d) => [d.transaction.actualRequest, ...d.transaction.redirectHops, ...(d.transaction.preflight && d.transaction.preflight.index !== d.transaction.actualRequest.index ? [d.transaction.preflight] : [])]).length)
      .toBe(entries.length);
  });
});

describe('imported HAR', () => {
  it('replaces the view, marked as imported, while live entries keep arriving in the background', () => {
    const store = syncStore();
    store.addEntries(fixtureEntries('missing-allow-origin'), 'live');
    expect(store.importHar('capture.har', fixtureText('wildcard-with-credentials'))).toEqual({ ok: true, transactions: 1 });
    expect(store.getState()).toMatchObject({ origin: 'imported', importedName: 'capture.har' });
    expect(rowsOf(store)).toEqual(['blocked wildcard-with-credentials ×1']);
    store.addEntries(fixtureEntries('method-not-allowed'), 'live');
    expect(rowsOf(store)).toEqual(['blocked wildcard-with-credentials ×1']);
    store.showLive();
    expect(rowsOf(store)).toEqual(['blocked missing-allow-origin ×1', 'blocked method-not-allowed ×1']);
  });

  it.each([
    ['empty.har', '', /empty/],
    ['notes.txt', 'hello', /not JSON/],
    ['cut.har', fixtureText('ok-simple').slice(0, -40), /truncated/],
    ['other.json', '{"name": "x"}', /not a HAR/],
  ])('%s: a clear message, and the view stays as it was', (name, text, message) => {
    const store = syncStore();
    store.addEntries(fixtureEntries('missing-allow-origin'), 'live');
    const result = store.importHar(name, text);
    expect(result.ok).toBe(false);
    expect(store.getState().error).toMatch(message);
    expect(store.getState().origin).toBe('live');
    expect(rowsOf(store)).toEqual(['blocked missing-allow-origin ×1']);
  });
});

describe('selection', () => {
  it('arrow keys move through the visible rows, clamped at both ends', () => {
    const store = syncStore();
    store.addEntries(allFixtureEntries(), 'live');
    const keys = store.getState().rows.map((r) => r.key);
    store.moveSelection(1);
    expect(store.getState().selectedKey).toBe(keys[0]);
    store.moveSelection(2);
    expect(store.getState().selectedKey).toBe(keys[2]);
    store.moveSelection(-100);
    expect(store.getState().selectedKey).toBe(keys[0]);
    store.moveSelection(keys.length);
    expect(store.getState().selectedKey).toBe(keys[keys.length - 1]);
  });
});

function createDiagnosesCount(entries: readonly HarEntry[]): number {
  const store = syncStore();
  store.addEntries(entries, 'live');
  return store.getState().diagnoses.length;
}

describe('huge captures', () => {
  it('150,000 entries in one batch: no stack overflow, the newest `cap` kept, the rest counted as dropped', () => {
    const template = fixtureEntries('missing-allow-origin').find((e) => e.request.url.includes('/s/'))!;
    const base = Date.parse('2026-01-01T00:00:00Z');
    const entries = Array.from({ length: 150_000 }, (_, i) => ({ ...template, startedDateTime: new Date(base + i).toISOString() }));
    const store = syncStore({ cap: 2_000 });
    store.addEntries(entries, 'imported');
    const state = store.getState();
    expect(state.origin).toBe('imported');
    expect(state.dropped).toBe(148_000);
    expect(state.diagnoses).toHaveLength(2_000);
    // The newest survive: the last one is the last entry given.
    expect(state.diagnoses.at(-1)!.transaction.actualRequest.startedMs).toBe(base + 149_999);
    // Identical failures: one row standing for all 2,000 kept.
    expect(rowsOf(store)).toEqual(['blocked missing-allow-origin ×2000']);
  });
});
