/**
 * The import worker: reads and parses the HAR off the UI thread (JSON.parse of a 50 MB file takes
 * most of a second), then hands the entries over in chunks, one each time the panel asks, so the
 * panel diagnoses a chunk per task and stays responsive.
 */
import { HarInputError } from '../../engine/normalize.ts';
import { readHarForImport, slimEntry, type FromWorker, type ToWorker } from './har-document.ts';

const post = (message: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);
let entries: unknown[] = [];
let next = 0;

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'read') {
    try {
      post({ type: 'parsing', bytes: message.file.size });
      const har = readHarForImport(await message.file.text());
      entries = har.entries;
      next = 0;
      post({ type: 'start', total: entries.length, pages: har.pages });
    } catch (error) {
      post({ type: 'error', message: error instanceof HarInputError ? error.message : `The file could not be read: ${String(error)}` });
    }
    return;
  }
  if (next >= entries.length) {
    entries = [];
    post({ type: 'done' });
    return;
  }
  const chunk = entries.slice(next, next + message.count).map(slimEntry);
  next += message.count;
  post({ type: 'chunk', entries: chunk });
};
