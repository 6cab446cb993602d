/**
 * Imports a HAR file into the panel without freezing it: the file is read and parsed in a Web
 * Worker, then diagnosed one chunk per task (the worker sends the next chunk only when the panel
 * asks), so the UI renders and answers input between chunks. Without a worker the same chunks are
 * fed from the UI thread after one JSON.parse. Bad files end in the engine's message, never a
 * blank panel.
 */
import { HarInputError } from '../../engine/normalize.ts';
import type { PanelStore } from '../store.ts';
import { CHUNK_SIZE, nextChunkSize, readHarForImport, slimEntry, type FromWorker, type ToWorker } from './har-document.ts';

/** Beyond this, a DevTools tab's memory is the problem, not CORS. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export interface ImportProgress {
  phase: 'reading' | 'parsing' | 'diagnosing' | 'done' | 'failed';
  /** Entries diagnosed so far, of `total`. */
  done: number;
  total: number;
  bytes: number;
  /** Where the file is parsed: in the import worker, or on the UI thread (no worker available). */
  parsedIn: 'worker' | 'ui-thread';
}

export type ImportOutcome = { ok: true; entries: number; transactions: number } | { ok: false; error: string };

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ImportDeps {
  /** A worker running har-worker.ts, or null to parse on the UI thread. */
  createWorker(): WorkerLike | null;
  /** Lets the panel render between chunks (default: a macrotask). */
  yieldToUi?(): Promise<void>;
}

/** What an import returns when the user moved on (another file, Clear, Back to live) before it finished. */
const REPLACED: ImportOutcome = { ok: false, error: 'replaced by another view' };

/**
 * An import's claim on the store's view, lost when the user opens another file (the latest one
 * wins, even if an earlier one finishes parsing after it), clears the view or goes back to live.
 */
const latestImport = new WeakMap<PanelStore, number>();
let importCalls = 0;
function claimView(store: PanelStore): { held(): boolean; began(): void } {
  const call = ++importCalls;
  latestImport.set(store, call);
  let view = store.getState().importId;
  return {
    held: () => latestImport.get(store) === call && store.getState().importId === view,
    /** After beginImport: the view this import now fills. */
    began: () => { view = store.getState().importId; },
  };
}

const macrotask = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

export function importHarFile(
  file: Blob & { name: string },
  store: PanelStore,
  onProgress: (progress: ImportProgress) => void,
  deps: ImportDeps,
): Promise<ImportOutcome> {
  let parsedIn: ImportProgress['parsedIn'] = 'ui-thread';
  const fail = (message: string): ImportOutcome => {
    store.setError(`${file.name}: ${message}`);
    onProgress({ phase: 'failed', done: 0, total: 0, bytes: file.size, parsedIn });
    return { ok: false, error: message };
  };
  if (file.size > MAX_IMPORT_BYTES) {
    return Promise.resolve(fail(`the file is ${(file.size / 1024 / 1024).toFixed(0)} MB; the panel opens HAR files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Export only the requests you need (filter DevTools' Network panel first), or save the HAR without response bodies.`));
  }
  const claim = claimView(store);
  const worker = deps.createWorker();
  parsedIn = worker ? 'worker' : 'ui-thread';
  onProgress({ phase: 'reading', done: 0, total: 0, bytes: file.size, parsedIn });
  if (!worker) return importOnUiThread(file, store, onProgress, deps.yieldToUi ?? macrotask, fail, claim);
  return new Promise<ImportOutcome>((resolve) => {
    let total = 0;
    let done = 0;
    let size = CHUNK_SIZE;
    const finish = (outcome: ImportOutcome) => {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      resolve(outcome);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish(claim.held() ? fail(`the import worker failed (${event.message || 'unknown error'}).`) : REPLACED);
    };
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'parsing') onProgress({ phase: 'parsing', done: 0, total: 0, bytes: message.bytes, parsedIn });
      // The user moved on: stop feeding (or taking over) a view no one sees.
      else if (!claim.held()) finish(REPLACED);
      else if (message.type === 'error') finish(fail(message.message));
      else if (message.type === 'start') {
        total = message.total;
        store.beginImport(file.name, new Map(message.pages));
        claim.began();
        onProgress({ phase: 'diagnosing', done: 0, total, bytes: file.size, parsedIn });
        worker.postMessage({ type: 'next', count: size });
      } else if (message.type === 'chunk') {
        const started = performance.now();
        store.addEntries(message.entries, 'imported');
        store.flush();
        done += message.entries.length;
        onProgress({ phase: 'diagnosing', done, total, bytes: file.size, parsedIn });
        // The next chunk arrives in a later task: the panel paints and handles input in between.
        // Measured after the yield, so the render this chunk caused counts toward its cost.
        (deps.yieldToUi ?? macrotask)().then(() => {
          size = nextChunkSize(size, performance.now() - started);
          worker.postMessage({ type: 'next', count: size });
        });
      } else if (message.type === 'done') {
        onProgress({ phase: 'done', done, total, bytes: file.size, parsedIn });
        finish({ ok: true, entries: total, transactions: store.getState().diagnoses.length });
      }
    };
    worker.postMessage({ type: 'read', file });
  });
}

async function importOnUiThread(
  file: Blob & { name: string },
  store: PanelStore,
  onProgress: (progress: ImportProgress) => void,
  yieldToUi: () => Promise<void>,
  fail: (message: string) => ImportOutcome,
  claim: ReturnType<typeof claimView>,
): Promise<ImportOutcome> {
  let har;
  try {
    const text = await file.text();
    onProgress({ phase: 'parsing', done: 0, total: 0, bytes: file.size, parsedIn: 'ui-thread' });
    await yieldToUi();
    har = readHarForImport(text);
  } catch (error) {
    if (!claim.held()) return REPLACED;
    return fail(error instanceof HarInputError ? error.message : `the file could not be read (${String(error)}).`);
  }
  if (!claim.held()) return REPLACED;
  const total = har.entries.length;
  store.beginImport(file.name, new Map(har.pages));
  claim.began();
  onProgress({ phase: 'diagnosing', done: 0, total, bytes: file.size, parsedIn: 'ui-thread' });
  let size = CHUNK_SIZE;
  let start = 0;
  while (start < total) {
    if (!claim.held()) return REPLACED;
    const started = performance.now();
    const end = Math.min(total, start + size);
    store.addEntries(har.entries.slice(start, end).map(slimEntry), 'imported');
    store.flush();
    onProgress({ phase: 'diagnosing', done: end, total, bytes: file.size, parsedIn: 'ui-thread' });
    await yieldToUi();
    size = nextChunkSize(size, performance.now() - started);
    start = end;
  }
  onProgress({ phase: 'done', done: total, total, bytes: file.size, parsedIn: 'ui-thread' });
  return { ok: true, entries: total, transactions: store.getState().diagnoses.length };
}
