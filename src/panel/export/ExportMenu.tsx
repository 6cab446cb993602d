/**
 * Export, in the toolbar: Markdown for a bug tracker, JSON (the CLI's schema) or a HAR of just the
 * entries involved, for the selected request or every row shown; copied or downloaded. Secrets are
 * redacted unless the user ticks "Include secrets", which shows a warning while it is on (it is
 * never remembered). The confirmation says exactly what was copied.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { snippetGenerators } from '../../engine/snippets/index.ts';
import { downloadText } from '../../platform/download.ts';
import { browserDescription, extensionVersion } from '../../platform/environment.ts';
import type { ToolbarSlotProps } from '../slots.ts';
import type { ExportFormat } from './build-export.ts';
import './export.css';

export interface ExportHost {
  download(filename: string, text: string, mimeType: string): boolean;
  browser(): string | null;
  extensionVersion(): string;
  now(): Date;
}

const realHost: ExportHost = { download: downloadText, browser: browserDescription, extensionVersion, now: () => new Date() };
const STACK_PREFERENCE = 'snippet-stack';
const FORMATS: ExportFormat[] = ['markdown', 'json', 'har'];
const FORMAT_LABEL: Record<ExportFormat, string> = { markdown: 'Markdown', json: 'JSON', har: 'HAR' };

type Status = { kind: 'ok' | 'failed'; text: string } | null;

export function ExportMenu({ state, platform, host = realHost }: ToolbarSlotProps & { host?: ExportHost }) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'selected' | 'shown'>('shown');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [stack, setStack] = useState(() => platform.preferences.get(STACK_PREFERENCE) ?? snippetGenerators[0]?.id ?? 'express');
  const rootRef = useRef<HTMLDivElement | null>(null);

  const selected = state.selected;
  // Opening the menu with a request selected offers that request first.
  useEffect(() => { if (open) setScope(selected ? 'selected' : 'shown'); }, [open]);
  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: MouseEvent) => { if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false); };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const diagnoses = scope === 'selected' && selected ? [selected.diagnosis] : state.rows.map((row) => row.diagnosis);
  const source = state.origin === 'imported' ? `imported HAR ${state.importedName ?? ''}`.trim() : 'live capture';

  const run = async (format: ExportFormat, action: 'copy' | 'download') => {
    if (diagnoses.length === 0) return;
    // Loaded on first use: the panel opens without the report code (it counts against its start-up budget).
    const { buildExport } = await import('./build-export.ts');
    const built = buildExport(format, diagnoses, {
      includeSecrets, stack, browser: host.browser(), extensionVersion: host.extensionVersion(), source, now: host.now(),
    });
    const size = `${built.text.length.toLocaleString('en')} characters`;
    if (action === 'copy') {
      const ok = await platform.copyText(built.text);
      setStatus(ok ? { kind: 'ok', text: `Copied ${built.description} (${size}).` } : { kind: 'failed', text: 'Copy failed: the browser refused the clipboard. Use Download instead.' });
    } else {
      const ok = host.download(built.filename, built.text, built.mimeType);
      setStatus(ok ? { kind: 'ok', text: `Saved ${built.filename}: ${built.description} (${size}).` } : { kind: 'failed', text: 'The download could not start.' });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div class="export" ref={rootRef} onKeyDown={onKeyDown}>
      <button type="button" data-testid="export-button" aria-haspopup="true" aria-expanded={open}
        title="Copy or download a report (Markdown, JSON, HAR)" onClick={() => setOpen(!open)}>
        Export ▾
      </button>
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
          <label class="export-stack">
            Fix for{' '}
            <select data-testid="export-stack" value={stack} onChange={(event) => setStack((event.currentTarget as HTMLSelectElement).value)}>
              {snippetGenerators.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
            </select>
          </label>
          <label class="export-secrets">
            <input type="checkbox" data-testid="include-secrets" checked={includeSecrets}
              onChange={(event) => setIncludeSecrets((event.currentTarget as HTMLInputElement).checked)} />
            Include secrets (cookies, Authorization, API keys, tokens, bodies)
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
        <span class={`export-status ${status.kind}`} role="status" data-testid="export-status" data-result={status.kind}>{status.text}</span>
      )}
    </div>
  );
}
