/**
 * The export action the toolbar menu and the detail view share: build the report (loaded on
 * first use), copy or download it, and keep the confirmation to show.
 */
import { useState } from 'preact/hooks';
import type { Diagnosis } from '../../engine/types.ts';
import { downloadText } from '../../platform/download.ts';
import { browserDescription, extensionVersion } from '../../platform/environment.ts';
import type { PanelPlatform } from '../platform.ts';
import type { PanelState } from '../store.ts';
import type { ExportFormat } from './build-export.ts';

export interface ExportHost {
  download(filename: string, text: string, mimeType: string): boolean;
  browser(): string | null;
  extensionVersion(): string;
  now(): Date;
}

export const realExportHost: ExportHost = { download: downloadText, browser: browserDescription, extensionVersion, now: () => new Date() };

export type ExportStatus = { kind: 'ok' | 'failed'; text: string } | null;

export interface ExportRequest {
  format: ExportFormat;
  action: 'copy' | 'download';
  diagnoses: readonly Diagnosis[];
  includeSecrets: boolean;
  stack: string;
}

export { STACK_PREFERENCE } from '../snippet-stacks.ts';

export function captureSource(state: Pick<PanelState, 'origin' | 'importedName'>): string {
  return state.origin === 'imported' ? `imported HAR ${state.importedName ?? ''}`.trim() : 'live capture';
}

export function useExport(platform: PanelPlatform, host: ExportHost, source: string) {
  const [status, setStatus] = useState<ExportStatus>(null);
  const run = async ({ format, action, diagnoses, includeSecrets, stack }: ExportRequest): Promise<void> => {
    if (diagnoses.length === 0) return;
    if (diagnoses.length > 500) {
      // Thousands of requests take a few seconds to render: say so before the work starts.
      setStatus({ kind: 'ok', text: `Preparing ${diagnoses.length.toLocaleString('en')} requests…` });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    let built: ReturnType<typeof import('./build-export.ts').buildExport>;
    try {
      // Loaded on first use: the panel opens without the report code (it counts against its start-up budget).
      const { buildExport } = await import('./build-export.ts');
      built = buildExport(format, diagnoses, {
        includeSecrets, stack, browser: host.browser(), extensionVersion: host.extensionVersion(), source, now: host.now(),
      });
    } catch (error) {
      // The report code fails to load once the extension was updated or reloaded under an open
      // DevTools; a huge report can exceed the engine's string limit. Never a status stuck on "Preparing…".
      const reason = error instanceof Error ? error.message : String(error);
      setStatus({ kind: 'failed', text: `The report could not be built (${reason}). If CORS Lens was just updated or reloaded, close and reopen DevTools; for a very large capture, export fewer requests.` });
      return;
    }
    const size = `${built.text.length.toLocaleString('en')} characters`;
    if (action === 'copy') {
      const ok = await platform.copyText(built.text);
      // GitHub refuses issue bodies over 65,536 characters (Jira Cloud: 32,767).
      const tooLong = format === 'markdown' && built.text.length > 65_536 ? ' Longer than a GitHub issue allows: attach it as a file (Download).' : '';
      setStatus(ok ? { kind: 'ok', text: `Copied ${built.description} (${size}).${tooLong}` } : { kind: 'failed', text: 'Copy failed: the browser refused the clipboard. Use Download instead.' });
    } else {
      const ok = host.download(built.filename, built.text, built.mimeType);
      setStatus(ok ? { kind: 'ok', text: `Saved ${built.filename}: ${built.description} (${size}).` } : { kind: 'failed', text: 'The download could not start.' });
    }
  };
  return { status, run };
}
