/**
 * Export, in the toolbar: Markdown for a bug tracker, JSON (the CLI's schema) or a HAR of just the
 * entries involved, for the selected request or every row shown; copied or downloaded. Secrets are
 * redacted unless the user ticks "Include secrets" in the menu, which shows a warning while it is
 * on and turns off when the menu closes (never remembered). "Copy report" (one click) is always
 * redacted. The confirmation says exactly what was copied.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ToolbarSlotProps } from '../slots.ts';
import { DEFAULT_STACK, useSnippetGenerators } from '../snippet-stacks.ts';
import type { ExportFormat } from './build-export.ts';
import { captureSource, realExportHost, STACK_PREFERENCE, useExport, type ExportHost } from './use-export.ts';
import './export.css';

export type { ExportHost } from './use-export.ts';

const FORMATS: ExportFormat[] = ['markdown', 'json', 'har'];
const FORMAT_LABEL: Record<ExportFormat, string> = { markdown: 'Markdown', json: 'JSON', har: 'HAR' };

export function ExportMenu({ state, platform, host = realExportHost }: ToolbarSlotProps & { host?: ExportHost }) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'selected' | 'shown'>('shown');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [stack, setStack] = useState(() => platform.preferences.get(STACK_PREFERENCE) ?? DEFAULT_STACK);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const { status, run: runExport } = useExport(platform, host, captureSource(state));

  const selected = state.selected;
  // Opening the menu with a request selected offers that request first. Closing it turns
  // "Include secrets" off: secrets go out only while the toggle and its warning are in view.
  useEffect(() => {
    if (open) setScope(selected ? 'selected' : 'shown');
    else setIncludeSecrets(false);
  }, [open]);
  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: MouseEvent) => { if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false); };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const diagnoses = scope === 'selected' && selected ? [selected.diagnosis] : state.rows.map((row) => row.diagnosis);
  const run = (format: ExportFormat, action: 'copy' | 'download') => runExport({ format, action, diagnoses, includeSecrets, stack });
  // One click: the open request if there is one, else every row shown, as Markdown for a bug tracker.
  const quick = state.detailOpen && selected ? [selected.diagnosis] : state.rows.map((row) => row.diagnosis);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div class="export" ref={rootRef} onKeyDown={onKeyDown}>
      <span class="export-buttons">
        <button type="button" data-testid="export-copy-report" disabled={quick.length === 0}
          title={`Copy a Markdown report of ${quick.length === 1 ? 'this request' : `the ${quick.length} requests shown`} for a bug tracker (secrets redacted)`}
          onClick={() => runExport({ format: 'markdown', action: 'copy', diagnoses: quick, includeSecrets: false, stack })}>
          Copy report
        </button>
        <button type="button" data-testid="export-button" aria-haspopup="true" aria-expanded={open} aria-label="Export options"
          title="More: JSON, HAR, download, include secrets" onClick={() => setOpen(!open)}>
          ▾
        </button>
      </span>
      {open && (
        <div class="export-menu" data-testid="export-menu" role="group" aria-label="Export">
          <fieldset>
            <legend>What</legend>
            <label>
              <input type="radio" name="export-scope" data-testid="export-scope-selected" checked={scope === 'selected'}
                disabled={!selected} onChange={() => setScope('selected')} />
              The selected request{selected ? '' : ' (none selected)'}
            </label>
            <label>
              <input type="radio" name="export-scope" data-testid="export-scope-shown" checked={scope === 'shown'}
                onChange={() => setScope('shown')} />
              All {state.rows.length} shown
            </label>
          </fieldset>
          <StackChoice stack={stack} onChange={setStack} />
          <label class="export-secrets">
            <input type="checkbox" data-testid="include-secrets" checked={includeSecrets}
              onChange={(event) => setIncludeSecrets((event.currentTarget as HTMLInputElement).checked)} />
            Include secrets (cookies, Authorization, API keys, tokens in URLs)
          </label>
          {includeSecrets && (
            <p class="export-warning" role="alert" data-testid="secrets-warning">
              Exports now hold cookies, credentials and tokens exactly as captured. Anyone who reads them can act as
              you on these sites: do not paste them into a public tracker.
            </p>
          )}
          <table class="export-actions">
            <tbody>
              {FORMATS.map((format) => (
                <tr key={format}>
                  <th scope="row">{FORMAT_LABEL[format]}</th>
                  <td>
                    <button type="button" data-testid={`export-copy-${format}`} disabled={diagnoses.length === 0}
                      onClick={() => run(format, 'copy')}>Copy</button>
                  </td>
                  <td>
                    <button type="button" data-testid={`export-download-${format}`} disabled={diagnoses.length === 0}
                      onClick={() => run(format, 'download')}>Download</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {diagnoses.length === 0 && <p class="muted">Nothing to export: the list is empty.</p>}
        </div>
      )}
      {status && (
        <span class={`export-status ${status.kind}`} role="status" data-testid="export-status" data-result={status.kind} title={status.text}>{status.text}</span>
      )}
    </div>
  );
}

/** The stack whose fix goes into the export; the generators load when the menu first opens. */
function StackChoice({ stack, onChange }: { stack: string; onChange: (stack: string) => void }) {
  const generators = useSnippetGenerators();
  return (
    <label class="export-stack">
      Fix for{' '}
      <select data-testid="export-stack" value={stack} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        {generators ? generators.map((g) => <option key={g.id} value={g.id}>{g.label}</option>) : <option value={stack}>{stack}</option>}
      </select>
    </label>
  );
}
