/**
 * What the export menu copies or downloads: Markdown, JSON (the CLI's schema) or a HAR of the
 * entries involved, for one diagnosis or every row shown. All three go through the engine's
 * shared redaction (src/engine/export/redact.ts), the same code the CLI runs.
 */
import { environmentFor } from '../../engine/export/environment.ts';
import { involvedHar } from '../../engine/export/har.ts';
import { toJsonReport } from '../../engine/export/json.ts';
import { diagnosesToMarkdown } from '../../engine/export/markdown.ts';
import type { Diagnosis } from '../../engine/types.ts';

export type ExportFormat = 'markdown' | 'json' | 'har';

const FORMAT_LABEL: Record<ExportFormat, string> = { markdown: 'Markdown', json: 'JSON', har: 'HAR' };

export interface ExportContext {
  includeSecrets: boolean;
  /** Snippet stack for Markdown (JSON has them all). */
  stack: string;
  browser: string | null;
  extensionVersion: string;
  /** "live capture" or "imported HAR x.har". */
  source: string;
  now: Date;
}

export interface BuiltExport {
  text: string;
  filename: string;
  mimeType: string;
  /** For the confirmation: "Markdown of 3 requests, secrets redacted". */
  description: string;
}

const EXTENSION: Record<ExportFormat, [string, string]> = {
  markdown: ['md', 'text/markdown'], json: ['json', 'application/json'], har: ['har', 'application/json'],
};

/** 2026-11-23T12:00:05.123Z → 20261123-120005 (file names sort by time, no characters a file system refuses). */
const stamp = (date: Date) => date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

export function buildExport(format: ExportFormat, diagnoses: readonly Diagnosis[], context: ExportContext): BuiltExport {
  const { includeSecrets } = context;
  const tool = `CORS Lens extension ${context.extensionVersion}`;
  let text: string;
  if (format === 'har') {
    text = `${JSON.stringify(involvedHar(diagnoses, { includeSecrets, creator: { name: 'CORS Lens', version: context.extensionVersion } }), null, 2)}\n`;
  } else {
    const environment = environmentFor(diagnoses, { browser: context.browser, tool, source: context.source, exportedAt: context.now.toISOString() });
    text = format === 'json'
      ? `${JSON.stringify(toJsonReport(diagnoses, { creator: null, entries: diagnoses.length, skipped: [] }, {
        toolVersion: context.extensionVersion, includeSecrets, environment,
      }), null, 2)}\n`
      : diagnosesToMarkdown(diagnoses, { includeSecrets, environment, stack: context.stack });
  }
  const [extension, mimeType] = EXTENSION[format];
  const subject = diagnoses.length === 1 ? diagnoses[0]!.ruleId : `${diagnoses.length}-requests`;
  const count = `${diagnoses.length} request${diagnoses.length === 1 ? '' : 's'}`;
  return {
    text,
    filename: `cors-lens-${subject}-${stamp(context.now)}.${extension}`,
    mimeType,
    description: `${FORMAT_LABEL[format]} of ${count}, ${includeSecrets ? 'WITH secrets' : 'secrets redacted'}`,
  };
}
