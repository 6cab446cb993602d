/**
 * `cors-lens analyze <file.har | ->`: thin over the engine. Exit 0 when nothing is blocked,
 * 1 when something is, 2 on bad input (with a message that names the problem, no stack trace).
 */
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { analyzeHarText, type LogDiagnosis } from '../engine/diagnose.ts';
import { environmentFor } from '../engine/export/environment.ts';
import { involvedHar } from '../engine/export/har.ts';
import { toJsonReport } from '../engine/export/json.ts';
import { diagnosesToMarkdown } from '../engine/export/markdown.ts';
import { HarInputError } from '../engine/normalize.ts';
import { DEFAULT_STACK } from '../engine/snippets/default-stack.ts';
import { snippetGenerators } from '../engine/snippets/index.ts';
import { parseArgs, USAGE, type AnalyzeOptions } from './args.ts';
import { formatText } from './format-text.ts';
import { InputError } from './read-input.ts';

export { MAX_INPUT_BYTES, readInputFile } from './read-input.ts';

declare const __CORS_LENS_VERSION__: string;
const VERSION = typeof __CORS_LENS_VERSION__ === 'string' ? __CORS_LENS_VERSION__ : '0.0.0-dev';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readInput: (path: string) => string;
  isTTY: boolean;
  /** Writes --har-out (default: the file system). */
  writeFile?: (path: string, text: string) => void;
  /** The clock for the report's "exported" time (tests pin it). */
  now?: () => Date;
}

export const SECRETS_WARNING = 'cors-lens: --include-secrets: this output holds cookies, Authorization headers, API keys and '
  + 'tokens exactly as captured. Do not paste it into a bug tracker or share it.\n';

export function runCli(argv: readonly string[], io: CliIO): number {
  const parsed = parseArgs(argv);
  if (parsed.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (parsed.command === 'version') {
    io.stdout(`cors-lens ${VERSION}\n`);
    return 0;
  }
  if (parsed.command === 'error') {
    io.stderr(`cors-lens: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  return analyze(parsed, io);
}

function analyze(options: AnalyzeOptions, io: CliIO): number {
  if (options.harOut !== null && options.input !== '-' && resolve(options.harOut) === resolve(options.input)) {
    io.stderr(`cors-lens: --har-out ${options.harOut} would overwrite the HAR being read: choose another file.\n`);
    return 2;
  }
  const stacks = snippetGenerators.map((g) => g.id);
  if (options.stack !== null && !stacks.includes(options.stack)) {
    io.stderr(`cors-lens: unknown --stack "${options.stack}". Choose one of: ${stacks.join(', ')}.\n`);
    return 2;
  }
  let text: string;
  let analysis: LogDiagnosis;
  try {
    text = io.readInput(options.input);
    analysis = analyzeHarText(text);
  } catch (error) {
    if (error instanceof HarInputError || error instanceof InputError) {
      io.stderr(`cors-lens: ${options.input === '-' ? 'standard input' : options.input}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { includeSecrets } = options;
  if (includeSecrets) io.stderr(SECRETS_WARNING);
  const shown = options.all ? analysis.diagnoses : analysis.diagnoses.filter((d) => d.transaction.crossOrigin);
  const entries = analysis.diagnoses.length;
  const environment = environmentFor(shown, {
    tool: `cors-lens CLI ${VERSION}`,
    source: options.input === '-' ? 'HAR from standard input' : `HAR file ${basename(options.input)}`,
    exportedAt: (io.now ?? (() => new Date()))().toISOString(),
  });
  // Text and Markdown print one server's fix; JSON carries every server's unless --stack names one.
  const stack = options.stack ?? DEFAULT_STACK;
  if (options.format === 'markdown') {
    // Straight from the diagnoses: full results only for the requests the report details.
    io.stdout(diagnosesToMarkdown(shown, { includeSecrets, environment, stack }));
  } else {
    const stacks = options.format === 'json' && options.stack === null ? undefined : [stack];
    const report = toJsonReport(shown, { creator: analysis.creator, entries, skipped: analysis.problems }, { toolVersion: VERSION, includeSecrets, environment, stacks });
    if (options.format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(formatText(report.results, { color: options.color ?? io.isTTY, stack, skipped: report.source.skipped, total: entries }));
  }
  if (options.format !== 'text' && analysis.problems.length > 0) {
    io.stderr(`cors-lens: ${analysis.problems.length} HAR entries could not be read (listed under source.skipped in --json).\n`);
  }
  if (options.harOut !== null && !writeHarOut(options.harOut, text, shown, includeSecrets, io)) return 2;
  return shown.some((d) => d.verdict === 'blocked') ? 1 : 0;
}

/** The entries behind the results shown, from the file's own entries (every field kept, then redacted). */
function writeHarOut(path: string, text: string, shown: LogDiagnosis['diagnoses'], includeSecrets: boolean, io: CliIO): boolean {
  const log = (JSON.parse(text) as { log: { entries: unknown[]; pages?: unknown[] } }).log;
  const har = involvedHar(shown, {
    includeSecrets, creator: { name: 'cors-lens', version: VERSION },
    raw: { entries: log.entries, pages: Array.isArray(log.pages) ? log.pages : [] },
  });
  try {
    (io.writeFile ?? ((p, t) => writeFileSync(p, t)))(path, `${JSON.stringify(har, null, 2)}\n`);
  } catch (error) {
    io.stderr(`cors-lens: cannot write ${path}: ${(error as Error).message}\n`);
    return false;
  }
  io.stderr(`cors-lens: wrote ${har.log.entries.length} HAR entr${har.log.entries.length === 1 ? 'y' : 'ies'} to ${path}${includeSecrets ? ' (WITH secrets)' : ' (redacted)'}.\n`);
  return true;
}
