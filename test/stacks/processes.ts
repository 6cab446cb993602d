/** Starting servers for the stack matrix: bounded, on loopback, killed as a process group. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';

export interface Running {
  stop(): Promise<void>;
  /** What the server printed (for failure messages). */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Kills the whole process group (servers fork workers), then waits for the leader to exit. */
function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
      resolve();
    }, 3000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { clearTimeout(timer); resolve(); }
  });
}

export interface SpawnOptions {
  cwd: string;
  env?: Record<string, string>;
  /** The port the server listens on: ready when it accepts connections. */
  port: number;
  timeoutMs?: number;
}

/** Spawns a server and waits (bounded) until its port accepts connections. */
export async function startServer(command: string, args: string[], options: SpawnOptions): Promise<Running> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const running: Running = { stop: () => killGroup(child), output: () => output };
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${output}`);
    if (await portOpen(options.port)) return running;
    await new Promise((r) => setTimeout(r, 50));
  }
  await running.stop();
  throw new Error(`${command} did not listen on ${options.port} within ${options.timeoutMs ?? 20_000} ms:\n${output}`);
}

/** Runs a command to completion (bounded), e.g. a compiler. */
export function runToEnd(command: string, args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`));
    });
  });
}
