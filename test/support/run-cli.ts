import { runCli } from '../../src/cli/main.ts';

/**
 * Runs `cors-lens` in-process on `input` (as stdin or the named file) and collects what it printed
 * and the files it wrote. `now` pins the report time, for output compared byte for byte.
 */
export function runCliCaptured(argv: readonly string[], input: string, now?: Date) {
  let stdout = '';
  let stderr = '';
  const files: Record<string, string> = {};
  const code = runCli(argv, {
    stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readInput: () => input, isTTY: false,
    writeFile: (path, text) => { files[path] = text; },
    ...(now ? { now: () => now } : {}),
  });
  return { code, stdout, stderr, files };
}
