/** Command-line parsing for `cors-lens analyze`. Pure, so it is table-tested. */
export interface AnalyzeOptions {
  command: 'analyze';
  input: string;
  format: 'text' | 'json' | 'markdown';
  all: boolean;
  /** The server whose fix to print, or null: express in text and Markdown, every one in JSON. */
  stack: string | null;
  color: boolean | null;
  /** Off by default: cookie values, credentials, API keys and URL tokens are replaced, bodies left out. */
  includeSecrets: boolean;
  /** Where to write a HAR of just the entries the shown results involve, or null. */
  harOut: string | null;
}

export type ParsedArgs = AnalyzeOptions | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage: cors-lens analyze <file.har | -> [--json | --markdown] [--all] [--stack <id>] [--har-out <file>]
                          [--include-secrets] [--no-color]

Explains why the browser blocked each cross-origin request in a HAR file, and how to fix the server.

  <file.har>      a HAR exported from DevTools ("Save all as HAR"), or - for standard input
  --json          machine-readable results (schema version 1)
  --markdown      a report to paste into a bug tracker
  --all           every request, not only cross-origin ones
  --stack <id>    which server's fix to print (default: express; --json: every server's)
  --har-out <f>   also write a HAR of just the entries behind the results shown (redacted)
  --redact        replace cookie values, credentials, API keys and URL tokens with REDACTED and
                  leave bodies out, in every output (the default)
  --include-secrets
                  keep them all as captured (prints a warning: do not share the output)
  --no-color      plain text even on a terminal

Exit status: 0 nothing blocked, 1 something blocked, 2 bad input.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) return { command: 'help' };
  if (args.includes('--version') || args.includes('-v')) return { command: 'version' };
  const [command, ...rest] = args;
  if (command !== 'analyze') return { command: 'error', message: `Unknown command "${command}". Try: cors-lens analyze file.har` };
  const options: AnalyzeOptions = { command: 'analyze', input: '', format: 'text', all: false, stack: null, color: null, includeSecrets: false, harOut: null };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') options.format = 'json';
    else if (arg === '--markdown' || arg === '--md') options.format = 'markdown';
    else if (arg === '--all') options.all = true;
    else if (arg === '--no-color') options.color = false;
    else if (arg === '--color') options.color = true;
    else if (arg === '--redact') options.includeSecrets = false;
    else if (arg === '--include-secrets' || arg === '--no-redact') options.includeSecrets = true;
    else if (arg === '--har-out') {
      const value = rest[++i];
      if (!value || value.startsWith('-')) return { command: 'error', message: '--har-out needs a file name, e.g. --har-out involved.har' };
      options.harOut = value;
    } else if (arg.startsWith('--har-out=') && arg.length > '--har-out='.length) options.harOut = arg.slice('--har-out='.length);
    else if (arg === '--stack') {
      const value = rest[++i];
      if (!value) return { command: 'error', message: '--stack needs a server id, e.g. --stack nginx' };
      options.stack = value;
    } else if (arg.startsWith('--stack=')) options.stack = arg.slice('--stack='.length);
    else if (arg.startsWith('-') && arg !== '-') return { command: 'error', message: `Unknown option "${arg}".` };
    else if (options.input) return { command: 'error', message: `One HAR file at a time (got "${options.input}" and "${arg}").` };
    else options.input = arg;
  }
  if (rest.includes('--redact') && options.includeSecrets) return { command: 'error', message: '--redact and --include-secrets contradict each other: pick one.' };
  if (!options.input) return { command: 'error', message: 'Which HAR file? Try: cors-lens analyze file.har (or - for standard input).' };
  return options;
}
