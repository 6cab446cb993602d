/**
 * A minimal client for Marionette, Firefox's built-in remote protocol (what geckodriver speaks to
 * Firefox): length-prefixed JSON over TCP on loopback. Enough to install a temporary add-on,
 * run scripts in the browser chrome (DevTools, console service) and in the page.
 */
import { connect, type Socket } from 'node:net';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

export class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private handshake: ((value: unknown) => void) | null = null;
  private closedError: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('close', () => this.failAll(new Error('Marionette connection closed')));
    socket.on('error', (error) => this.failAll(error));
  }

  static async connect(port: number, timeoutMs = 10_000): Promise<Marionette> {
    const socket = connect({ host: '127.0.0.1', port });
    const client = new Marionette(socket);
    await withTimeout(new Promise((resolve, reject) => {
      client.handshake = resolve;
      socket.once('error', reject);
    }), timeoutMs, 'Marionette handshake');
    // Marionette takes the capabilities themselves as the parameters (geckodriver sends them
    // already matched): a W3C {capabilities: {alwaysMatch}} object is ignored as an unknown key.
    // acceptInsecureCerts lets the recorder load the lab's self-signed https pair.
    await client.send('WebDriver:NewSession', { acceptInsecureCerts: true });
    return client;
  }

  /** Sends one command; rejects with Marionette's error message. */
  send<T = unknown>(command: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const text = JSON.stringify([0, id, command, params]);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Marionette ${command} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    });
  }

  setContext(context: 'chrome' | 'content'): Promise<unknown> {
    return this.send('Marionette:SetContext', { value: context });
  }

  /** Runs `script` (an async function body, `arguments` available) in the current context. */
  async execute<T>(script: string, args: unknown[] = [], timeoutMs = 30_000): Promise<T> {
    const wrapped = `return (async function () {\n${script}\n}).apply(this, arguments);`;
    const { value } = await this.send<{ value: T }>('WebDriver:ExecuteScript', { script: wrapped, args, scriptTimeout: timeoutMs }, timeoutMs + 5_000);
    return value;
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as unknown;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: unknown): void {
    if (!Array.isArray(message)) {
      this.handshake?.(message);
      this.handshake = null;
      return;
    }
    const [, id, error, result] = message as [number, number, { error: string; message: string } | null, unknown];
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(new Error(`${error.error}: ${error.message}`));
    else pending.resolve(result);
  }

  private failAll(error: Error): void {
    this.closedError ??= error;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}
