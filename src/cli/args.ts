/** Command-line parsing for `cors-lens analyze`. Pure, so it is table-tested. */
export interface AnalyzeOptions {
  command: 'analyze';
  input: string;
  format: 'text' | 'json' | 'markdown';
  all: boolean;
  stack: string;
  color: boolean | null;
}

export type ParsedArgs = AnalyzeOptions | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage: cors-lens analyze <file.har | -> [--json | --markdown] [--all] [--stack <id>] [--no-color]

Explains why the browser blocked each cross-origin request in a HAR file, and how to fix the server.

  <file.har>      a HAR exported from DevTools ("Save all as HAR"), or - for standard input
  --json          machine-readable results (schema version 1)
  --markdown      a report to paste into a bug tracker
  --all           every request, not only cross-origin ones
  --stack <id>    which server's fix to print in text and Markdown (default: express)
  --no-color      plain text even on a terminal

Exit status: 0 nothing blocked, 1 something blocked, 2 bad input.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) return { command: 'help' };
  if (args.includes('--version') || args.includes('-v')) return { command: 'version' };
  const [command, ...rest] = args;
  if (command !== 'analyze') return { command: 'error', message: `Unknown command "${command}". Try: cors-lens analyze file.har` };
  const options: AnalyzeOptions = { command: 'analyze', input: '', format: 'text', all: false, stack: 'express', color: null };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') options.format = 'json';
    else if (arg === '--markdown' || arg === '--md') options.format = 'markdown';
    else if (arg === '--all') options.all = true;
    else if (arg === '--no-color') options.color = false;
    else if (arg === '--color') options.color = true;
    else if (arg === '--stack') {
      const value = rest[++i];
      if (!value) return { command: 'error', message: '--stack needs a server id, e.g. --stack nginx' };
      options.stack = value;
    } else if (arg.startsWith('--stack=')) options.stack = arg.slice('--stack='.length);
    else if (arg.startsWith('-') && arg !== '-') return { command: 'error', message: `Unknown option "${arg}".` };
    else if (options.input) return { command: 'error', message: `One HAR file at a time (got "${options.input}" and "${arg}").` };
    else options.input = arg;
  }
  if (!options.input) return { command: 'error', message: 'Which HAR file? Try: cors-lens analyze file.har (or - for standard input).' };
  return options;
}
