/**
 * Open a HAR file, with a file picker or by dropping it anywhere on the panel. The file is parsed
 * in a worker and diagnosed in chunks with a progress bar; the panel then shows the same list and
 * diagnoses as a live capture, marked as imported (App's notice). Bad files get the engine's
 * message in the panel's error notice.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { createImportWorker } from '../../platform/import-worker.ts';
import type { ToolbarSlotProps } from '../slots.ts';
import { importHarFile, type ImportDeps, type ImportProgress } from './import-har.ts';
import './import.css';

const realDeps: ImportDeps = { createWorker: createImportWorker };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function ImportButton({ store, deps = realDeps }: ToolbarSlotProps & { deps?: ImportDeps }) {
  const [progress, setProgress] = useState<(ImportProgress & { name: string }) | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  // Only the latest file's import may change the progress shown (an earlier one ends as replaced).
  const latest = useRef(0);
  const busy = progress !== null && (progress.phase === 'reading' || progress.phase === 'parsing' || progress.phase === 'diagnosing');

  const open = async (file: File) => {
    const call = ++latest.current;
    const outcome = await importHarFile(file, store, (p) => { if (call === latest.current) setProgress({ ...p, name: file.name }); }, deps);
    if (!outcome.ok && call === latest.current) setProgress(null);
  };

  useEffect(() => {
    // Counting enter/leave: they fire for every child element the pointer crosses.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault(); // allows the drop
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void open(file);
    };
    document.addEventListener('dragenter', onEnter);
    document.addEventListener('dragleave', onLeave);
    document.addEventListener('dragover', onOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('dragenter', onEnter);
      document.removeEventListener('dragleave', onLeave);
      document.removeEventListener('dragover', onOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [store]);

  return (
    <div class="import">
      <button type="button" data-testid="import-button" disabled={busy} title="Open a HAR file (or drop it on the panel)"
        onClick={() => inputRef.current?.click()}>
        Open HAR…
      </button>
      <input ref={inputRef} type="file" class="import-input" data-testid="import-file" accept=".har,.json,application/json"
        aria-label="HAR file to open" tabIndex={-1}
        onChange={(event) => {
          const input = event.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          input.value = ''; // the same file can be opened again
          if (file) void open(file);
        }} />
      {progress && progress.phase !== 'failed' && (
        <span class="import-status" role="status" data-testid="import-status" data-phase={progress.phase} title={progress.name}
          data-parsed-in={progress.parsedIn}>
          {progress.phase === 'reading' && `Reading ${progress.name} (${megabytes(progress.bytes)})…`}
          {progress.phase === 'parsing' && `Parsing ${progress.name} (${megabytes(progress.bytes)})…`}
          {progress.phase === 'diagnosing' && (
            <>
              <progress data-testid="import-progress" max={progress.total || 1} value={progress.done} />
              {` ${progress.done.toLocaleString('en')} / ${progress.total.toLocaleString('en')} entries`}
            </>
          )}
          {progress.phase === 'done' && `Opened ${progress.name}: ${progress.total.toLocaleString('en')} ${progress.total === 1 ? 'entry' : 'entries'}`}
        </span>
      )}
      {dragging && (
        <div class="drop-overlay" data-testid="drop-overlay" aria-hidden="true">Drop a HAR file to open it</div>
      )}
    </div>
  );
}
