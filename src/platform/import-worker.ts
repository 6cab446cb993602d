/**
 * The Web Worker that parses an imported HAR off the panel's UI thread. Null where workers are
 * unavailable (component tests under happy-dom): the panel then parses on the UI thread, in chunks.
 */
export function createImportWorker(): Worker | null {
  try {
    if (typeof Worker === 'undefined') return null;
    // Vite bundles the worker from this exact pattern (an extension page may start its own workers).
    return new Worker(new URL('../panel/import/har-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
