/**
 * `cors-lens analyze <file.har | ->`: thin over the engine. Exit 0 when nothing is blocked,
 * 1 when something is, 2 on bad input (with a message that names the problem, no stack trace).
 */
import { readFileSync, statSync } from 'node:fs';
import { analyzeHarText } from '../engine/diagnose.ts';
import { toJsonReport } from '../engine/export/json.ts';
import { reportToMarkdown } from '../engine/export/markdown.ts';
import { HarInputError } from '../engine/normalize.ts';
import { snippetGenerators } from '../engine/snippets/index.ts';
import { parseArgs, USAGE, type AnalyzeOptions } from './args.ts';
import { formatText } from './format-text.ts';

declare const __CORS_LENS_VERSION__: string;
const VERSION = typeof __CORS_LENS_VERSION__ === 'string' ? __CORS_LENS_VERSION__ : '0.0.0-dev';

/** Larger inputs are refused with a message rather than exhausting memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readInput: (path: string) => string;
  isTTY: boolean;
}

class InputError extends Error {}

export function readInputFile(path: string): string {
  if (path === '-') return readFileSync(0, 'utf8');
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new InputError(`${path} is a directory, not a HAR file.`);
    size = stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(`${path} is ${(size / 1024 / 1024).toFixed(0)} MB; the CLI reads HAR files up to ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  return readFileSync(path, 'utf8');
}

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
  const stacks = snippetGenerators.map((g) => g.id);
  if (!stacks.includes(options.stack)) {
    io.stderr(`cors-lens: unknown --stack "${options.stack}". Choose one of: ${stacks.join(', ')}.\n`);
    return 2;
  }
  let text: string;
  let analysis: ReturnType<typeof analyzeHarText>;
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
  const shown = options.all ? analysis.diagnoses : analysis.diagnoses.filter((d) => d.transaction.crossOrigin);
  const entries = analysis.diagnoses.length;
  const report = toJsonReport(shown, { creator: analysis.creator, entries, skipped: analysis.problems }, VERSION);
  if (options.format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (options.format === 'markdown') io.stdout(reportToMarkdown(report.results, options.stack));
  else io.stdout(formatText(report.results, { color: options.color ?? io.isTTY, stack: options.stack, skipped: analysis.problems, total: entries }));
  if (options.format !== 'text' && analysis.problems.length > 0) {
    io.stderr(`cors-lens: ${analysis.problems.length} HAR entries could not be read (listed under source.skipped in --json).\n`);
  }
  return report.results.some((r) => r.status === 'blocked') ? 1 : 0;
}
