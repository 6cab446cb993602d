/**
 * The CORS lab: two origins on loopback.
 *  - page origin  http://localhost:A   — / is the gallery; /run/<id> runs a scenario's code and
 *                                         /fixed/<id> its fixed variant; /exchanges/<id> the wire log;
 *  - API origin   http://127.0.0.1:B   — /s/<id>/<path> answers exactly as the scenario says,
 *                                         /f/<id>/<path> after the fix CORS Lens suggests (apply-fix.ts);
 *  - second API   http://localhost:C   — same answers, another origin (cross-origin redirects).
 * Every listener binds 127.0.0.1 only. `npx tsx lab/server.ts` serves it for people to explore.
 *
 * It speaks HTTP/1.1 itself (a few dozen lines over node:net) rather than through node:http,
 * whose parser rejects method tokens it does not know — including lower-case `patch`, which is
 * exactly what a CORS lab must be able to receive — and would answer 400 on its own.
 */
import { STATUS_CODES } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { pathToFileURL } from 'node:url';
import { applyFix, labFixFor, type LabFix } from './apply-fix.ts';
import { galleryPage, LAB_CSS, RUNNER_JS, runnerPage, runPath, type ServerBehaviour, type Variant } from './gallery.ts';
import { SCENARIOS, type HeaderList, type Reply, type Scenario } from './scenarios.ts';
import { makeSelfSignedCertificate, type Certificate } from './tls.ts';

export type { Variant } from './gallery.ts';

export interface LabUrls {
  /** http://localhost:A */
  pageOrigin: string;
  /** http://127.0.0.1:B */
  apiOrigin: string;
  /** http://localhost:C */
  altApiOrigin: string;
  /** A loopback port nothing listens on (it was free when the lab started). */
  closedOrigin: string;
  /** https://localhost:D — the page origin of `secure` scenarios (self-signed certificate). */
  securePageOrigin: string;
  /** https://127.0.0.1:E — their API origin. */
  secureApiOrigin: string;
}

export interface Lab extends LabUrls {
  /** The page that runs one scenario (its fixed variant: the server after CORS Lens's fix). */
  pageUrl(scenarioId: string, variant?: Variant): string;
  /** What the scenario's code receives as `lab`. */
  labFor(scenario: Scenario, variant?: Variant): ScenarioUrls;
  /** CORS Lens's fix for each scenario (from its recording), or why there is no server fix. */
  fixes: ReadonlyMap<string, LabFix>;
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
  /** The same base over plain http on a host name that is not loopback (mixed content from an https page). */
  insecureApi: string;
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
  securePagePort?: number;
  secureApiPort?: number;
  scenarios?: readonly Scenario[];
  /** Fixes by scenario id (default: CORS Lens on each scenario's recording in test/fixtures/chromium). */
  fixes?: ReadonlyMap<string, LabFix>;
}

const HOST = '127.0.0.1';

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const scenarios = options.scenarios ?? SCENARIOS;
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  if (byId.size !== scenarios.length) throw new Error('Two lab scenarios share an id');

  const fixes = options.fixes ?? new Map(scenarios.map((scenario) => [scenario.id, labFixFor(scenario)]));
  const exchanges = new ExchangeLog();
  const closedPort = options.closedPort || await findFreePort();
  // Origins are only known once the listeners have ports; handlers read them through `urls`.
  const urls: LabUrls = {
    pageOrigin: '', apiOrigin: '', altApiOrigin: '', closedOrigin: `http://${HOST}:${closedPort}`, securePageOrigin: '', secureApiOrigin: '',
  };
  const labFor = (scenario: Scenario, variant: Variant = 'original'): ScenarioUrls => {
    const { page, api } = originsOf(scenario, urls);
    return {
      api: `${api}${apiBase(scenario.id, variant)}`,
      altApi: `${urls.altApiOrigin}${apiBase(scenario.id, variant)}`,
      closed: `${urls.closedOrigin}${apiBase(scenario.id, variant)}`,
      insecureApi: `http://${INSECURE_HOST}:${new URL(urls.apiOrigin).port}${apiBase(scenario.id, variant)}`,
      pageOrigin: page,
      apiOrigin: api,
      altApiOrigin: urls.altApiOrigin,
    };
  };
  // The https pair exists only when a scenario needs it (it needs openssl).
  const certificate = scenarios.some((scenario) => scenario.secure) ? makeSelfSignedCertificate() : undefined;

  const servers: LabServer[] = [];
  try {
    const page = await listen(options.pagePort ?? 0, (req) => servePage(req, { scenarios, byId, labFor, fixes, exchanges, urls }));
    servers.push(page.server);
    urls.pageOrigin = `http://localhost:${page.port}`;
    const api = await listen(options.apiPort ?? 0, (req) => serveApi(req, byId, fixes, urls, exchanges));
    servers.push(api.server);
    urls.apiOrigin = `http://${HOST}:${api.port}`;
    const altApi = await listen(options.altApiPort ?? 0, (req) => serveApi(req, byId, fixes, urls, exchanges));
    servers.push(altApi.server);
    urls.altApiOrigin = `http://localhost:${altApi.port}`;
    if (certificate) {
      const securePage = await listen(options.securePagePort ?? 0, (req) => servePage(req, { scenarios, byId, labFor, fixes, exchanges, urls }), certificate);
      servers.push(securePage.server);
      urls.securePageOrigin = `https://localhost:${securePage.port}`;
      const secureApi = await listen(options.secureApiPort ?? 0, (req) => serveApi(req, byId, fixes, urls, exchanges), certificate);
      servers.push(secureApi.server);
      urls.secureApiOrigin = `https://${HOST}:${secureApi.port}`;
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }

  return {
    ...urls,
    pageUrl: (scenarioId, variant = 'original') => {
      const scenario = byId.get(scenarioId);
      return `${scenario ? originsOf(scenario, urls).page : urls.pageOrigin}${runPath(scenarioId, variant)}`;
    },
    labFor,
    fixes,
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

// ---------------------------------------------------------------------------------------------
// API origin: answers from the scenario table

/** A host name that is not loopback, so an https page's request to it is mixed content (blocked before DNS). */
const INSECURE_HOST = 'cors-lab.invalid';

/** The page and API origins a scenario runs on: the https pair for `secure` scenarios. */
function originsOf(scenario: Scenario, urls: LabUrls): { page: string; api: string } {
  return scenario.secure ? { page: urls.securePageOrigin, api: urls.secureApiOrigin } : { page: urls.pageOrigin, api: urls.apiOrigin };
}

/** Where a scenario's routes live on the API origins: /s/<id>/ as written, /f/<id>/ after the fix. */
const apiBase = (id: string, variant: Variant) => `/${variant === 'fixed' ? 'f' : 's'}/${encodeURIComponent(id)}/`;

function serveApi(req: LabRequest, byId: ReadonlyMap<string, Scenario>, fixes: ReadonlyMap<string, LabFix>, urls: LabUrls,
  exchanges: ExchangeLog): LabResponse {
  const match = /^\/([sf])\/([^/]+)\/(.*)$/.exec(req.path);
  const variant: Variant = match?.[1] === 'f' ? 'fixed' : 'original';
  const scenario = match ? byId.get(decodeURIComponent(match[2]!)) : undefined;
  const route = scenario?.routes.find((candidate) => candidate.path === match![3]);
  const fix = scenario && fixes.get(scenario.id);
  if (!scenario || !route || (variant === 'fixed' && fix?.kind !== 'server')) {
    return { status: 404, headers: [TEXT_PLAIN], body: 'No such scenario route\n' };
  }
  // A route without a preflight answer behaves like a server with no OPTIONS handler.
  let reply = req.method === 'OPTIONS' ? route.preflight ?? NO_OPTIONS_ROUTE : route.actual;
  if (variant === 'fixed' && fix?.kind === 'server') reply = applyFix(fix, originsOf(scenario, urls).page, req, reply);
  const fill = (text: string) => fillPlaceholders(text, scenario, variant, req, urls);
  const response: LabResponse = {
    status: reply.status,
    headers: (reply.headers ?? []).map(([name, value]) => [name, fill(value)] as const),
    body: fill(reply.body ?? ''),
  };
  exchanges.add(scenario.id, variant, req, response);
  return response;
}

const TEXT_PLAIN = ['Content-Type', 'text/plain; charset=utf-8'] as const;
const NO_OPTIONS_ROUTE: Reply = { status: 404, headers: [TEXT_PLAIN], body: 'Not found\n' };

/**
 * Header values and bodies may name the lab's runtime origins:
 * {pageOrigin} {pageOriginHttps} {pageOriginOtherPort} {requestOrigin} {api} {altApi} {apiHost}.
 */
function fillPlaceholders(text: string, scenario: Scenario, variant: Variant, req: LabRequest, urls: LabUrls): string {
  const origins = originsOf(scenario, urls);
  const page = new URL(origins.page);
  const otherPort = Number(page.port) === 65535 ? 1024 : Number(page.port) + 1;
  const values: Record<string, string> = {
    pageOrigin: origins.page,
    pageOriginHttps: `https://${page.host}`,
    pageOriginOtherPort: `${page.protocol}//${page.hostname}:${otherPort}`,
    requestOrigin: req.headers.get('origin') ?? '',
    api: `${origins.api}${apiBase(scenario.id, variant)}`,
    altApi: `${urls.altApiOrigin}${apiBase(scenario.id, variant)}`,
    apiHost: new URL(origins.api).host,
  };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

// ---------------------------------------------------------------------------------------------
// Page origin: the gallery, one runner page per scenario and variant, the exchange log

interface PageContext {
  scenarios: readonly Scenario[];
  byId: ReadonlyMap<string, Scenario>;
  labFor: (scenario: Scenario, variant: Variant) => ScenarioUrls;
  fixes: ReadonlyMap<string, LabFix>;
  exchanges: ExchangeLog;
  urls: LabUrls;
}

function servePage(req: LabRequest, context: PageContext): LabResponse {
  const { scenarios, byId, labFor, fixes, exchanges, urls } = context;
  const html = ['Content-Type', 'text/html; charset=utf-8'] as const;
  if (req.path === '/') return { status: 200, headers: [html], body: galleryPage(scenarios, fixes, urls) };
  if (req.path === '/runner.js') return { status: 200, headers: [['Content-Type', 'text/javascript; charset=utf-8']], body: RUNNER_JS };
  if (req.path === '/lab.css') return { status: 200, headers: [['Content-Type', 'text/css; charset=utf-8']], body: LAB_CSS };
  const page = /^\/(run|fixed|exchanges)\/([^/]+)$/.exec(req.path);
  const scenario = page ? byId.get(decodeURIComponent(page[2]!)) : undefined;
  if (!page || !scenario) return { status: 404, headers: [TEXT_PLAIN], body: 'Not found\n' };
  if (page[1] === 'exchanges') {
    const variant: Variant = req.query === 'fixed' ? 'fixed' : 'original';
    return { status: 200, headers: [['Content-Type', 'application/json']], body: JSON.stringify(exchanges.get(scenario.id, variant)) };
  }
  const variant: Variant = page[1] === 'fixed' ? 'fixed' : 'original';
  const fix = fixes.get(scenario.id);
  if (variant === 'fixed' && fix?.kind !== 'server') {
    return { status: 404, headers: [TEXT_PLAIN], body: `No fixed variant: ${fix?.reason ?? 'not diagnosed'}\n` };
  }
  const code = variant === 'fixed' && fix?.kind === 'server' && fix.code ? fix.code : scenario.code;
  return {
    status: 200,
    headers: [html, ...(scenario.page?.headers ?? [])],
    body: runnerPage(scenario, variant, code, labFor(scenario, variant), behaviourOf(scenario, variant, fix)),
  };
}

/** The route table as text (placeholders named, not filled: they name the lab's origins). */
function behaviourOf(scenario: Scenario, variant: Variant, fix: LabFix | undefined): ServerBehaviour {
  const reply = (r: Reply | undefined) => r
    ? [`${r.status}`, ...(r.headers ?? []).map(([name, value]) => `${name}: ${value}`)].join(' | ')
    : '404 (no OPTIONS route)';
  const routes = scenario.routes.map((route) => ({ path: route.path, preflight: reply(route.preflight), actual: reply(route.actual) }));
  if (variant === 'fixed' && fix?.kind === 'server') {
    const policy = `then CORS Lens's fix in front of it: ${JSON.stringify({ ...fix.fix, notes: undefined })}`;
    return { routes: routes.map((r) => ({ ...r, actual: `${r.actual}\n  ${policy}` })), fix };
  }
  return { routes, ...(fix ? { fix } : {}) };
}

/** The last exchanges each scenario had with the API origins, for the runner page's "On the wire". */
class ExchangeLog {
  private static readonly KEEP = 20;
  private readonly log = new Map<string, unknown[]>();

  add(id: string, variant: Variant, req: LabRequest, response: LabResponse): void {
    const key = `${variant}:${id}`;
    const list = this.log.get(key) ?? [];
    list.push({ method: req.method, url: req.target, requestHeaders: req.rawHeaders, status: response.status, responseHeaders: response.headers });
    this.log.set(key, list.slice(-ExchangeLog.KEEP));
  }

  get(id: string, variant: Variant): unknown[] {
    return this.log.get(`${variant}:${id}`) ?? [];
  }
}

// ---------------------------------------------------------------------------------------------
// Minimal HTTP/1.1: request line, headers, Content-Length bodies, keep-alive. Enough for what
// browsers send the lab; anything else is answered with an error and the connection closed.

interface LabRequest {
  /** As sent: never normalized (`patch` stays `patch`). */
  method: string;
  /** Path of the request target, without the query. */
  path: string;
  /** The query, without "?" ('' when none). */
  query: string;
  /** The request target as sent. */
  target: string;
  /** Header lines as sent, in order. */
  rawHeaders: [string, string][];
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

function listen(port: number, handler: Handler, certificate?: Certificate): Promise<{ server: LabServer; port: number }> {
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => serveConnection(socket, handler, sockets);
  // TLS sockets are net sockets once the handshake is done: the same HTTP/1.1 code serves both.
  const base = certificate ? createTlsServer({ ...certificate, ALPNProtocols: ['http/1.1'] }, onConnection) : createServer(onConnection);
  const server = Object.assign(base, { sockets });
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
  const rawHeaders: [string, string][] = [];
  for (const headerLine of headerLines) {
    const colon = headerLine.indexOf(':');
    if (colon <= 0) throw new BadRequest(400, 'Malformed header line');
    const name = headerLine.slice(0, colon).trim().toLowerCase();
    const value = headerLine.slice(colon + 1).trim();
    rawHeaders.push([headerLine.slice(0, colon).trim(), value]);
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  if (headers.has('transfer-encoding')) throw new BadRequest(501, 'Chunked request bodies are not supported');
  const bodyLength = Number(headers.get('content-length') ?? '0');
  if (!Number.isInteger(bodyLength) || bodyLength < 0 || bodyLength > MAX_BODY_BYTES) throw new BadRequest(400, 'Bad Content-Length');
  const consumed = headEnd + 4 + bodyLength;
  if (data.length < consumed) return undefined;
  const target = line[2]!;
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt + 1);
  return { request: { method: line[1]!, path, query, target, headers, rawHeaders }, consumed };
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
  console.log([
    `CORS lab: open ${lab.pageOrigin}/`,
    `  API ${lab.apiOrigin}, second API ${lab.altApiOrigin}`,
    `  https pair (self-signed, made now): page ${lab.securePageOrigin}, API ${lab.secureApiOrigin}`,
    `  For the https scenarios, open ${lab.secureApiOrigin}/ and ${lab.securePageOrigin}/ once and accept the certificate.`,
  ].join('\n'));
  const stop = () => void lab.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
