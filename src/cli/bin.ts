/** Node entry point: wires the CLI to the process. Unexpected errors print one line, not a stack. */
import { runCli } from './main.ts';
import { readInputFile } from './read-input.ts';

try {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readInput: readInputFile,
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });
} catch (error) {
  process.stderr.write(`cors-lens: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.CORS_LENS_DEBUG) console.error(error);
  process.exitCode = 2;
}
