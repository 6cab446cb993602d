/**
 * The CORS lab: two origins on loopback.
 *  - page origin  http://localhost:A   — /run/<id> is a page that runs a scenario's code;
 *  - API origin   http://127.0.0.1:B   — /s/<id>/<path> answers exactly as the scenario says;
 *  - second API   http://localhost:C   — same answers, another origin (cross-origin redirects).
 * Every listener binds 127.0.0.1 only. `npx tsx lab/server.ts` serves it for people to explore.
 *
 * It speaks HTTP/1.1 itself (a few dozen lines over node:net) rather than through node:http,
 * whose parser rejects method tokens it does not know — including lower-case `patch`, which is
 * exactly what a CORS lab must be able to receive — and would answer 400 on its own.
 */
import { STATUS_CODES } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { SCENARIOS, type HeaderList, type Reply, type Scenario } from './scenarios.ts';

export interface LabUrls {
  /** http://localhost:A */
  pageOrigin: string;
  /** http://127.0.0.1:B */
  apiOrigin: string;
  /** http://localhost:C */
  altApiOrigin: string;
  /** A loopback port nothing listens on (it was free when the lab started). */
  closedOrigin: string;
}

export interface Lab extends LabUrls {
  /** The page that runs one scenario. */
  pageUrl(scenarioId: string): string;
  /** What the scenario's code receives as `lab`. */
  labFor(scenario: Scenario): ScenarioUrls;
  close(): Promise<void>;
}

/** The `lab` object a scenario's page code gets. */
export interface ScenarioUrls {
  /** This scenario's base URL on the API origin, ending in '/'. */
  api: string;
  /** The same base on the second API origin. */
  altApi: string;
  /** The same base on a port where nothing listens. */
  closed: string;
  pageOrigin: string;
  apiOrigin: string;
  altApiOrigin: string;
}

export interface LabOptions {
  /** 0 (default) picks free ports. */
  pagePort?: number;
  apiPort?: number;
  altApiPort?: number;
  /** A port to leave closed (default: one that was free at start). */
  closedPort?: number;
  scenarios?: readonly Scenario[];
}

const HOST = '127.0.0.1';

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const scenarios = options.scenarios ?? SCENARIOS;
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  if (byId.size !== scenarios.length) throw new Error('Two lab scenarios share an id');

  const closedPort = options.closedPort || await findFreePort();
  // Origins are only known once the listeners have ports; handlers read them through `urls`.
  const urls: LabUrls = { pageOrigin: '', apiOrigin: '', altApiOrigin: '', closedOrigin: `http://${HOST}:${closedPort}` };
  const labFor = (scenario: Scenario): ScenarioUrls => ({
    api: `${urls.apiOrigin}/s/${scenario.id}/`,
    altApi: `${urls.altApiOrigin}/s/${scenario.id}/`,
    closed: `${urls.closedOrigin}/s/${scenario.id}/`,
    pageOrigin: urls.pageOrigin,
    apiOrigin: urls.apiOrigin,
    altApiOrigin: urls.altApiOrigin,
  });

  const servers: LabServer[] = [];
  try {
    const page = await listen(options.pagePort ?? 0, (req) => servePage(req, scenarios, byId, labFor));
    servers.push(page.server);
    urls.pageOrigin = `http://localhost:${page.port}`;
    const api = await listen(options.apiPort ?? 0, (req) => serveApi(req, byId, urls));
    servers.push(api.server);
    urls.apiOrigin = `http://${HOST}:${api.port}`;
    const altApi = await listen(options.altApiPort ?? 0, (req) => serveApi(req, byId, urls));
    servers.push(altApi.server);
    urls.altApiOrigin = `http://localhost:${altApi.port}`;
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }

  return {
    ...urls,
    pageUrl: (scenarioId) => `${urls.pageOrigin}/run/${encodeURIComponent(scenarioId)}`,
    labFor,
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

// ---------------------------------------------------------------------------------------------
// API origin: answers from the scenario table

function serveApi(req: LabRequest, byId: ReadonlyMap<string, Scenario>, urls: LabUrls): LabResponse {
  const match = /^\/s\/([^/]+)\/(.*)$/.exec(req.path);
  const scenario = match ? byId.get(decodeURIComponent(match[1]!)) : undefined;
  const route = scenario?.routes.find((candidate) => candidate.path === match![2]);
  if (!scenario || !route) return { status: 404, headers: [TEXT_PLAIN], body: 'No such scenario route\n' };
  // A route without a preflight answer behaves like a server with no OPTIONS handler.
  const reply = req.method === 'OPTIONS' ? route.preflight ?? NO_OPTIONS_ROUTE : route.actual;
  const fill = (text: string) => fillPlaceholders(text, scenario, req, urls);
  return {
    status: reply.status,
    headers: (reply.headers ?? []).map(([name, value]) => [name, fill(value)] as const),
    body: fill(reply.body ?? ''),
  };
}

const TEXT_PLAIN = ['Content-Type', 'text/plain; charset=utf-8'] as const;
const NO_OPTIONS_ROUTE: Reply = { status: 404, headers: [TEXT_PLAIN], body: 'Not found\n' };

/**
 * Header values and bodies may name the lab's runtime origins:
 * {pageOrigin} {pageOriginHttps} {pageOriginOtherPort} {requestOrigin} {api} {altApi} {apiHost}.
 */
function fillPlaceholders(text: string, scenario: Scenario, req: LabRequest, urls: LabUrls): string {
  const page = new URL(urls.pageOrigin);
  const otherPort = Number(page.port) === 65535 ? 1024 : Number(page.port) + 1;
  const values: Record<string, string> = {
    pageOrigin: urls.pageOrigin,
    pageOriginHttps: `https://${page.host}`,
    pageOriginOtherPort: `${page.protocol}//${page.hostname}:${otherPort}`,
    requestOrigin: req.headers.get('origin') ?? '',
    api: `${urls.apiOrigin}/s/${scenario.id}/`,
    altApi: `${urls.altApiOrigin}/s/${scenario.id}/`,
    apiHost: new URL(urls.apiOrigin).host,
  };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

// ---------------------------------------------------------------------------------------------
// Page origin: an index, one runner page per scenario, and the runner script

function servePage(req: LabRequest, scenarios: readonly Scenario[], byId: ReadonlyMap<string, Scenario>,
  labFor: (scenario: Scenario) => ScenarioUrls): LabResponse {
  const html = ['Content-Type', 'text/html; charset=utf-8'] as const;
  if (req.path === '/') return { status: 200, headers: [html], body: indexPage(scenarios) };
  if (req.path === '/runner.js') return { status: 200, headers: [['Content-Type', 'text/javascript; charset=utf-8']], body: RUNNER_JS };
  const scenario = req.path.startsWith('/run/') ? byId.get(decodeURIComponent(req.path.slice('/run/'.length))) : undefined;
  if (scenario) return { status: 200, headers: [html, ...(scenario.page?.headers ?? [])], body: runnerPage(scenario, labFor(scenario)) };
  return { status: 404, headers: [TEXT_PLAIN], body: 'Not found\n' };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script> must not be able to close the element. */
const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
// No favicon request: it would be one more entry in the recorded HAR.
const HEAD = '<meta charset="utf-8"><link rel="icon" href="data:,">';

function indexPage(scenarios: readonly Scenario[]): string {
  const items = scenarios.map((s) =>
    `<li><a href="/run/${encodeURIComponent(s.id)}">${escapeHtml(s.id)}</a> — ${escapeHtml(s.title)}</li>`).join('\n');
  return `<!doctype html><html lang="en"><head>${HEAD}<title>CORS lab</title></head><body>
<h1>CORS lab</h1><p>Open DevTools (CORS Lens panel), then run a scenario.</p><ol>${items}</ol></body></html>`;
}

function runnerPage(scenario: Scenario, lab: ScenarioUrls): string {
  return `<!doctype html><html lang="en"><head>${HEAD}<title>${escapeHtml(scenario.id)}</title></head><body>
<p><a href="/">All scenarios</a></p>
<h1>${escapeHtml(scenario.title)}</h1>
<p>${escapeHtml(scenario.description)}</p>
<pre>${escapeHtml(scenario.code.trim())}</pre>
<button id="run">Run</button>
<pre id="result"></pre>
<script type="application/json" id="scenario">${jsonForScript({ id: scenario.id, code: scenario.code, lab })}</script>
<script src="/runner.js"></script>
</body></html>`;
}

/**
 * Runs the scenario's code as the body of an async function(lab) when Run is clicked, and shows
 * what it returned (never throws). #result gets data-done once the JSON result is in it.
 * sourceURL names the code in stack traces, so HAR initiators point at the scenario.
 */
const RUNNER_JS = `'use strict';
(() => {
  const { id, code, lab } = JSON.parse(document.getElementById('scenario').textContent);
  const AsyncFunction = (async () => {}).constructor;
  const scenario = new AsyncFunction('lab', code + '\\n//# sourceURL=scenarios/' + id + '.js');
  document.getElementById('run').addEventListener('click', async () => {
    const out = document.getElementById('result');
    out.removeAttribute('data-done');
    out.textContent = 'running…';
    let result;
    try {
      result = { ok: true, value: (await scenario(lab)) ?? null };
    } catch (error) {
      result = { ok: false, error: String(error) };
    }
    out.textContent = JSON.stringify(result, null, 2);
    out.setAttribute('data-done', '');
  });
})();
`;

// ---------------------------------------------------------------------------------------------
// Minimal HTTP/1.1: request line, headers, Content-Length bodies, keep-alive. Enough for what
// browsers send the lab; anything else is answered with an error and the connection closed.

interface LabRequest {
  /** As sent: never normalized (`patch` stays `patch`). */
  method: string;
  /** Path of the request target, without the query. */
  path: string;
  /** Lower-case names; repeated headers joined with ", " as a browser would read them. */
  headers: ReadonlyMap<string, string>;
}

interface LabResponse {
  status: number;
  headers: HeaderList;
  body: string;
}

type Handler = (req: LabRequest) => LabResponse;

const MAX_HEAD_BYTES = 64 * 1024;
const MAX_BODY_BYTES = 1024 * 1024;
/** Browsers keep idle connections open: do not let them linger (or hold close() up). */
const IDLE_TIMEOUT_MS = 5_000;

class BadRequest extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type LabServer = Server & { sockets: Set<Socket> };

function listen(port: number, handler: Handler): Promise<{ server: LabServer; port: number }> {
  const sockets = new Set<Socket>();
  const server = Object.assign(createServer((socket) => serveConnection(socket, handler, sockets)), { sockets });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

function serveConnection(socket: Socket, handler: Handler, sockets: Set<Socket>): void {
  sockets.add(socket);
  socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('close', () => sockets.delete(socket));
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    if (socket.writableEnded) return;
    buffered = Buffer.concat([buffered, chunk]);
    try {
      // Answer every complete request in the buffer, in order; keep the rest for later.
      for (let parsed = parseRequest(buffered); parsed; parsed = parseRequest(buffered)) {
        buffered = buffered.subarray(parsed.consumed);
        writeResponse(socket, parsed.request.method, handler(parsed.request), false);
      }
    } catch (error) {
      const status = error instanceof BadRequest ? error.status : 500;
      writeResponse(socket, 'GET', { status, headers: [TEXT_PLAIN], body: `${String(error)}\n` }, true);
    }
  });
}

/** One complete request at the start of `data`, or undefined until more bytes arrive. */
function parseRequest(data: Buffer): { request: LabRequest; consumed: number } | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) {
    if (data.length > MAX_HEAD_BYTES) throw new BadRequest(431, 'Request head too large');
    return undefined;
  }
  const [requestLine = '', ...headerLines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const line = /^(\S+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!line) throw new BadRequest(400, 'Malformed request line');
  const headers = new Map<string, string>();
  for (const headerLine of headerLines) {
    const colon = headerLine.indexOf(':');
    if (colon <= 0) throw new BadRequest(400, 'Malformed header line');
    const name = headerLine.slice(0, colon).trim().toLowerCase();
    const value = headerLine.slice(colon + 1).trim();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  if (headers.has('transfer-encoding')) throw new BadRequest(501, 'Chunked request bodies are not supported');
  const bodyLength = Number(headers.get('content-length') ?? '0');
  if (!Number.isInteger(bodyLength) || bodyLength < 0 || bodyLength > MAX_BODY_BYTES) throw new BadRequest(400, 'Bad Content-Length');
  const consumed = headEnd + 4 + bodyLength;
  if (data.length < consumed) return undefined;
  const path = line[2]!.split('?')[0]!;
  return { request: { method: line[1]!, path, headers }, consumed };
}

function writeResponse(socket: Socket, method: string, response: LabResponse, close: boolean): void {
  if (socket.destroyed || socket.writableEnded) return;
  const body = Buffer.from(response.body, 'utf8');
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Unknown'}`];
  // Headers go out exactly as listed, repeated names as separate lines.
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  if (!response.headers.some(([name]) => name.toLowerCase() === 'cache-control')) lines.push('Cache-Control: no-store');
  // 204 and 304 never have a body (nor a Content-Length); HEAD gets the length without the body.
  const bodiless = response.status === 204 || response.status === 304;
  if (!bodiless) lines.push(`Content-Length: ${body.length}`);
  lines.push(`Connection: ${close ? 'close' : 'keep-alive'}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  if (!bodiless && method !== 'HEAD') socket.write(body);
  if (close) socket.end();
}

function closeServer(server: LabServer): Promise<void> {
  return new Promise((resolve) => {
    for (const socket of server.sockets) socket.destroy();
    server.close(() => resolve());
  });
}

async function findFreePort(): Promise<number> {
  const { server, port } = await listen(0, () => ({ status: 204, headers: [], body: '' }));
  await closeServer(server);
  return port;
}

// Serve the lab by hand: npx tsx lab/server.ts [pagePort apiPort altApiPort]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [pagePort, apiPort, altApiPort] = process.argv.slice(2).map(Number);
  const lab = await startLab({ pagePort: pagePort || 0, apiPort: apiPort || 0, altApiPort: altApiPort || 0 });
  console.log(`CORS lab: ${lab.pageOrigin}/  (API ${lab.apiOrigin}, second API ${lab.altApiOrigin})`);
  const stop = () => void lab.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
