/**
 * One click from the detail view: this diagnosis as a Markdown report for a bug tracker, or the
 * HAR of its entries for a developer. Always redacted here (the toolbar's Export options hold the
 * include-secrets toggle, with its warning).
 */
import { DEFAULT_STACK } from '../snippet-stacks.ts';
import type { DetailSlotProps } from '../slots.ts';
import { captureSource, realExportHost, STACK_PREFERENCE, useExport, type ExportHost } from './use-export.ts';
import './export.css';

export function DetailExport({ store, diagnosis, platform, host = realExportHost }: DetailSlotProps & { host?: ExportHost }) {
  const { status, run } = useExport(platform, host, captureSource(store.getState()));
  const stack = platform.preferences.get(STACK_PREFERENCE) ?? DEFAULT_STACK;
  const request = { diagnoses: [diagnosis], includeSecrets: false, stack };
  return (
    <div class="detail-export" data-testid="detail-export">
      <button type="button" data-testid="detail-copy-report" title="Markdown for GitHub, GitLab or Jira, secrets redacted"
        onClick={() => run({ ...request, format: 'markdown', action: 'copy' })}>
        Copy for a bug report
      </button>
      <button type="button" data-testid="detail-download-har" title="The entries of this request (preflight, redirects), secrets redacted"
        onClick={() => run({ ...request, format: 'har', action: 'download' })}>
        Download HAR
      </button>
      {status && (
        <span class={`export-status ${status.kind}`} role="status" data-testid="detail-export-status" data-result={status.kind} title={status.text}>
          {status.text}
        </span>
      )}
    </div>
  );
}
