/**
 * Reads the HAR the CLI was given, with bounded memory: a file or standard input is read in
 * chunks and refused as soon as it passes MAX_INPUT_BYTES, so a 200 MB export, a device such as
 * /dev/zero or an endless pipe gets a clear message instead of exhausting memory (JSON.parse of
 * a HAR takes several times its size in heap).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Larger inputs are refused with a message rather than exhausting memory. */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;
/** 10 ms each: give a slow pipe ten minutes of silence before calling it unreadable. */
const MAX_IDLE_WAITS = 60_000;
const IDLE = new Int32Array(new SharedArrayBuffer(4));

/** A problem with the input the user named (missing, a directory, too large): exit 2 with this message. */
export class InputError extends Error {}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const tooLarge = (what: string, size: string) => new InputError(
  `${what} is ${size}; the CLI reads HAR files up to ${megabytes(MAX_INPUT_BYTES)}. `
  + 'Export only the requests you need (filter the Network panel first), or save the HAR without response bodies.');

export function readInputFile(path: string, limit = MAX_INPUT_BYTES): string {
  if (path === '-') return readBounded(0, 'Standard input', limit);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError(`${path} is a directory, not a HAR file.`);
    throw new InputError(`Cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}.`);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new InputError(`${path} is a directory, not a HAR file.`);
    // Regular files say their size up front; devices and pipes are caught while reading.
    if (stats.size > limit) throw tooLarge(path, megabytes(stats.size));
    return readBounded(fd, path, limit);
  } finally {
    closeSync(fd);
  }
}

/** Reads `fd` to its end, or throws InputError once more than `limit` bytes arrived. */
function readBounded(fd: number, what: string, limit: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  let idleWaits = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let read: number;
    try {
      read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking stdin with nothing yet: wait a little, but not forever.
      if (code === 'EAGAIN' && idleWaits++ < MAX_IDLE_WAITS) {
        Atomics.wait(IDLE, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      if (code === 'EISDIR') throw new InputError(`${what} is a directory, not a HAR file.`);
      throw new InputError(`Cannot read ${what}: ${(error as Error).message}.`);
    }
    if (read === 0) break;
    idleWaits = 0;
    total += read;
    if (total > limit) throw tooLarge(what, `more than ${megabytes(limit)}`);
    chunks.push(read === CHUNK_BYTES ? chunk : chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
