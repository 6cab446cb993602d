/**
 * The import worker's protocol, with the real worker module run in-process (its `self` is a
 * stand-in that delivers messages a task later, as a worker would): the panel asks for each chunk,
 * sizes it, and ends with the same diagnoses as a whole-file import. The real Worker runs in the
 * real panel in test/e2e/qa.e2e.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../../src/panel/import/har-document.ts';
import { importHarFile, type ImportProgress, type WorkerLike } from '../../../src/panel/import/import-har.ts';
import { createPanelStore, type PanelStore } from '../../../src/panel/store.ts';
import { allFixtureEntries, fixtureText } from '../panel/fixtures.ts';

const later = (run: () => void) => { setTimeout(run, 0); };

/** The real har-worker.ts, loaded fresh, talking through a stand-in `self`. */
async function inProcessWorker(log: ToWorker[]): Promise<WorkerLike> {
  const scope: { postMessage(m: FromWorker): void; onmessage: ((e: { data: ToWorker }) => Promise<void>) | null } = {
    postMessage: (m) => later(() => worker.onmessage?.({ data: m } as MessageEvent<FromWorker>)),
    onmessage: null,
  };
  vi.stubGlobal('self', scope);
  vi.resetModules();
  await import('../../../src/panel/import/har-worker.ts');
  const worker: WorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (m) => {
      log.push(m);
      later(() => void scope.onmessage?.({ data: m }));
    },
    terminate() { this.terminated = true; },
  };
  return worker;
}

afterEach(() => { vi.unstubAllGlobals(); });

const syncStore = () => createPanelStore({ schedule: (run) => run() });
const diagnosesOf = (store: PanelStore) => store.getState().diagnoses.map((d) => `${d.verdict} ${d.ruleId} ${d.chromiumError ?? '-'}`);
const harFile = (name: string, text: string) => new File([text], name, { type: 'application/json' });

describe('import through the worker protocol', () => {
  it('reads, parses and hands over chunks on request; ends with the whole-file diagnoses', async () => {
    const text = JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries: allFixtureEntries() } });
    const whole = syncStore();
    whole.importHar('all.har', text);
    const store = syncStore();
    const sent: ToWorker[] = [];
    const worker = await inProcessWorker(sent);
    const progress: ImportProgress[] = [];
    const outcome = await importHarFile(harFile('all.har', text), store, (p) => progress.push(p), { createWorker: () => worker });
    expect(outcome).toEqual({ ok: true, entries: allFixtureEntries().length, transactions: whole.getState().diagnoses.length });
    expect(diagnosesOf(store)).toEqual(diagnosesOf(whole));
    expect(store.getState()).toMatchObject({ origin: 'imported', importedName: 'all.har' });
    expect(sent[0]).toMatchObject({ type: 'read' });
    expect(sent.slice(1).every((m) => m.type === 'next' && m.count >= 25 && m.count <= 2_000)).toBe(true);
    expect(new Set(progress.map((p) => p.parsedIn))).toEqual(new Set(['worker']));
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: allFixtureEntries().length });
    expect((worker as WorkerLike & { terminated: boolean }).terminated).toBe(true);
  });

  it('a bad file: the worker sends the engine\'s message, the panel shows it and stays on its capture', async () => {
    const store = syncStore();
    const worker = await inProcessWorker([]);
    const outcome = await importHarFile(harFile('cut.har', fixtureText('ok-simple').slice(0, 120)), store, () => undefined, { createWorker: () => worker });
    expect(outcome.ok).toBe(false);
    expect(store.getState().error).toMatch(/^cut\.har: The HAR file is truncated/);
    expect(store.getState().origin).toBe('live');
  });

  it('a worker that crashes ends in a message, not a spinner forever', async () => {
    const store = syncStore();
    const crashing: WorkerLike = {
      onmessage: null, onerror: null, terminate: () => undefined,
      postMessage() { later(() => this.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent)); },
    };
    const outcome = await importHarFile(harFile('big.har', '{}'), store, () => undefined, { createWorker: () => crashing });
    expect(outcome).toEqual({ ok: false, error: 'the import worker failed (out of memory).' });
    expect(store.getState().error).toBe('big.har: the import worker failed (out of memory).');
  });

  it.each([
    ['"Back to live capture"', (store: PanelStore) => store.showLive(), { origin: 'live', diagnoses: [] }],
    ['Clear (the cleared view stays empty)', (store: PanelStore) => store.clear(), { origin: 'imported', importedName: 'all.har', diagnoses: [] }],
  ])('stops feeding a capture the user left: %s during the import', async (_label, leave, after) => {
    const text = JSON.stringify({ log: { entries: allFixtureEntries() } });
    const store = syncStore();
    const worker = await inProcessWorker([]);
    const outcome = importHarFile(harFile('all.har', text), store, (p) => { if (p.phase === 'diagnosing' && p.done > 0) leave(store); }, {
      createWorker: () => worker,
      yieldToUi: () => new Promise((resolve) => { setTimeout(resolve, 0); }),
    });
    // Small first chunks, so that there is a next one to refuse.
    expect(await outcome).toEqual({ ok: false, error: 'replaced by another view' });
    expect(store.getState()).toMatchObject(after);
  });
});

describe('two files opened one after the other (the same name too)', () => {
  // More entries than one chunk holds, so that the first file is still being diagnosed.
  const many = JSON.stringify({ log: { entries: Array.from({ length: 4 }, allFixtureEntries).flat() } });
  const one = fixtureText('ok-simple');
  const onUiThread = { createWorker: () => null, yieldToUi: () => new Promise<void>((resolve) => { setTimeout(resolve, 0); }) };
  const alone = () => {
    const store = syncStore();
    store.importHar('capture.har', one);
    return diagnosesOf(store);
  };

  it('the second, opened while the first is being diagnosed, is all the view shows', async () => {
    const store = syncStore();
    let second: Promise<unknown> | null = null;
    const first = importHarFile(harFile('capture.har', many), store, (p) => {
      if (p.phase === 'diagnosing' && p.done > 0) second ??= importHarFile(harFile('capture.har', one), store, () => undefined, onUiThread);
    }, onUiThread);
    expect(await first).toEqual({ ok: false, error: 'replaced by another view' });
    expect(await second).toMatchObject({ ok: true });
    expect(diagnosesOf(store)).toEqual(alone());
  });

  it('the second wins even when the first finishes reading after it began', async () => {
    const store = syncStore();
    // The first file is read slowly: the second is opened, read and diagnosed before it.
    const slow = Object.assign(harFile('capture.har', many), {
      text: () => new Promise<string>((resolve) => { setTimeout(() => resolve(many), 50); }),
    });
    const first = importHarFile(slow, store, () => undefined, onUiThread);
    const second = importHarFile(harFile('capture.har', one), store, () => undefined, onUiThread);
    expect(await second).toMatchObject({ ok: true });
    expect(await first).toEqual({ ok: false, error: 'replaced by another view' });
    expect(diagnosesOf(store)).toEqual(alone());
  });

  it('a file still being read when the user clears the view does not fill it', async () => {
    const store = syncStore();
    const outcome = importHarFile(harFile('capture.har', many), store, () => undefined, onUiThread);
    store.clear();
    expect(await outcome).toEqual({ ok: false, error: 'replaced by another view' });
    expect(store.getState()).toMatchObject({ origin: 'live', diagnoses: [] });
  });
});
