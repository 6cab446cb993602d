/**
 * Every runnable stack × six failing scenarios, on the real server in headless Chromium.
 * For each cell: the app without CORS code fails in the browser; with the generated snippet
 * pasted where it says, the page's request succeeds (no CDP corsErrorStatus, the cookie
 * arrives, the exposed header is readable); the same request from a third origin stays blocked;
 * and the headers are no more permissive than needed (the page's exact origin, never "*",
 * Vary: Origin, credentials only when asked, nothing for the third origin, CORS on 401s too).
 * Prints the matrix (README: "Verified fixes").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetGenerators } from '../../src/engine/snippets/index.ts';
import { NetworkObserver, findChromium } from '../e2e/devtools-harness.ts';
import { freePort } from './processes.ts';
import { AUTH_TOKEN, REQUEST_ID, SESSION_COOKIE, STACK_SCENARIOS, type ScenarioRequest, type StackScenario } from './scenarios.ts';
import { STACK_RUNNERS, type StackSession } from './stacks.ts';

/** Stacks that cannot run here: checked against golden text (test/unit/snippets-golden.test.ts). */
const GOLDEN_ONLY = ['spring', 'aspnet'];

let browser: Browser;
let pageServer: Server;
let upstream: Server;
let pageOrigin: string;
let thirdOrigin: string;
let upstreamPort: number;
const workDir = mkdtempSync(join(tmpdir(), 'cors-lens-stacks-'));
const matrix = new Map<string, Map<string, string>>();
const startedAt = Date.now();
let requestCounter = 0;

/** The base app for the proxies (nginx, Apache, Caddy): the same behaviour as every stack's app. */
function baseApp(): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    req.resume();
    if (path.startsWith('/s5/') && req.headers.authorization !== AUTH_TOKEN) {
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('unauthorized');
    } else if (path.startsWith('/s2/') && !(req.headers.cookie ?? '').split(/;\s*/).includes(SESSION_COOKIE)) {
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('no session');
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Request-Id': REQUEST_ID }).end('ok');
    }
  });
}

const listen = (server: Server, port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

beforeAll(async () => {
  const pagePort = await freePort();
  pageOrigin = `http://localhost:${pagePort}`;
  thirdOrigin = `http://127.0.0.1:${pagePort}`;
  pageServer = createServer((_req, res) => {
    // The session cookie the credentials scenario needs (host-only, so sent to localhost:<any port>).
    res.writeHead(200, { 'Content-Type': 'text/html', 'Set-Cookie': `${SESSION_COOKIE}; Path=/; SameSite=Lax` }).end('<!doctype html><title>page</title>');
  });
  await listen(pageServer, pagePort);
  upstreamPort = await freePort();
  upstream = baseApp();
  await listen(upstream, upstreamPort);

  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP localhost 127.0.0.1'],
  });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await new Promise((r) => pageServer?.close(r));
  await new Promise((r) => upstream?.close(r));
  rmSync(workDir, { recursive: true, force: true });
  printMatrix();
});

/** The page that failed and a third origin, in their own context (stacks run side by side). */
interface Client {
  context: BrowserContext;
  page: Page;
  third: Page;
  pageObserver: NetworkObserver;
  thirdObserver: NetworkObserver;
}

async function openClient(): Promise<Client> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const third = await context.newPage();
  await page.goto(`${pageOrigin}/`);
  await third.goto(`${thirdOrigin}/`);
  return { context, page, third, pageObserver: await NetworkObserver.attach(context, page), thirdObserver: await NetworkObserver.attach(context, third) };
}

/** At most this many stacks at once: servers start while others wait on the network. */
const PARALLEL_STACKS = 3;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  while (running >= PARALLEL_STACKS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface BrowserOutcome {
  ok: boolean;
  status: number | null;
  header: string | null;
  error: string | null;
  corsErrors: string[];
}

/** Sends one scenario's requests from a page; a fresh query each time (no preflight cache). */
async function fetchFrom(target: Page, observer: NetworkObserver, port: number, scenario: StackScenario): Promise<BrowserOutcome[]> {
  const outcomes: BrowserOutcome[] = [];
  for (const request of scenario.requests) {
    const url = `http://localhost:${port}${scenario.path}?n=${++requestCounter}`;
    observer.clear();
    const result = await target.evaluate(async ({ url, request, readHeader }) => {
      try {
        const response = await fetch(url, {
          method: request.method, headers: request.headers, body: request.body,
          credentials: request.credentials ? 'include' : 'same-origin', cache: 'no-store',
        });
        await response.text();
        return { ok: true, status: response.status, header: readHeader ? response.headers.get(readHeader) : null, error: null };
      } catch (error) {
        return { ok: false, status: null, header: null, error: String(error) };
      }
    }, { url, request, readHeader: scenario.readHeader ?? null });
    await observer.waitForIdle(10_000, 100);
    const corsErrors = observer.all().filter((r) => r.url.startsWith(url) && r.corsError).map((r) => `${r.resourceType} ${r.corsError}`);
    outcomes.push({ ...result, corsErrors });
  }
  return outcomes;
}

function succeeded(scenario: StackScenario, outcomes: BrowserOutcome[]): string | null {
  for (const [i, o] of outcomes.entries()) {
    const what = scenario.requests[i]!.method;
    if (o.corsErrors.length > 0) return `${what}: ${o.corsErrors.join(', ')}`;
    if (!o.ok) return `${what}: ${o.error}`;
    if (o.status !== 200) return `${what}: status ${o.status}`;
    if (scenario.readHeader && o.header !== REQUEST_ID) return `${what}: page read ${scenario.readHeader}=${o.header}`;
  }
  return null;
}

interface RawResponse { status: number; headers: Record<string, string> }

/** The server's answer straight from Node (what headers it sends to whom). */
function rawRequest(port: number, path: string, method: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { Host: `localhost:${port}`, ...headers }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
        resolve({ status: res.statusCode ?? 0, headers: out });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

const needsPreflight = (r: ScenarioRequest): boolean =>
  !['GET', 'HEAD', 'POST'].includes(r.method) || Object.keys(r.headers ?? {}).some((h) => !/^content-type$/i.test(h) || !/^(text\/plain|application\/x-www-form-urlencoded|multipart\/form-data)/.test(r.headers![h]!));

/** No more permissive than needed: returns the first problem, or null. */
async function checkHeaders(port: number, scenario: StackScenario): Promise<string | null> {
  const path = `${scenario.path}?raw=${++requestCounter}`;
  const request = scenario.requests[0]!;
  const credentials = scenario.fix(pageOrigin).allowCredentials;
  // Without cookie or token: the answer may be 401, and it must still carry CORS headers.
  const mine = await rawRequest(port, path, request.method, { Origin: pageOrigin });
  const acao = mine.headers['access-control-allow-origin'];
  if (acao !== pageOrigin) return `${request.method} from the page: Allow-Origin ${acao ?? 'missing'} (status ${mine.status})`;
  if (!/\borigin\b/i.test(mine.headers.vary ?? '')) return `echoes the origin without Vary: Origin (Vary: ${mine.headers.vary ?? 'none'})`;
  if ((mine.headers['access-control-allow-credentials'] === 'true') !== credentials) {
    return `Allow-Credentials ${mine.headers['access-control-allow-credentials'] ?? 'absent'} where credentials are ${credentials ? '' : 'not '}needed`;
  }
  const theirs = await rawRequest(port, path, request.method, { Origin: thirdOrigin });
  if (theirs.headers['access-control-allow-origin'] !== undefined) return `third origin got Allow-Origin ${theirs.headers['access-control-allow-origin']}`;
  if (needsPreflight(request)) {
    const preflightHeaders = (origin: string) => ({
      Origin: origin,
      'Access-Control-Request-Method': request.method,
      ...(request.headers ? { 'Access-Control-Request-Headers': Object.keys(request.headers).map((h) => h.toLowerCase()).sort().join(',') } : {}),
    });
    const preflight = await rawRequest(port, path, 'OPTIONS', preflightHeaders(thirdOrigin));
    if (preflight.headers['access-control-allow-origin'] !== undefined) return `third origin's preflight got Allow-Origin ${preflight.headers['access-control-allow-origin']}`;
    const allowed = (await rawRequest(port, path, 'OPTIONS', preflightHeaders(pageOrigin))).headers['access-control-allow-methods'] ?? '';
    if (allowed.includes('*')) return `preflight allows methods ${allowed}`;
  }
  return null;
}

/** 'pass', or 'FAIL: why' for one scenario with this snippet applied. */
async function verifyFix(client: Client, session: StackSession, scenario: StackScenario, snippet: string): Promise<string> {
  try {
    const port = await session.serve(snippet, scenario);
    const failure = succeeded(scenario, await fetchFrom(client.page, client.pageObserver, port, scenario));
    if (failure !== null) return `FAIL: ${failure}`;
    const thirdOutcome = await fetchFrom(client.third, client.thirdObserver, port, scenario);
    if (thirdOutcome.some((o) => o.corsErrors.length === 0)) return 'FAIL: a third origin was not blocked';
    const permissive = await checkHeaders(port, scenario);
    return permissive === null ? 'pass' : `FAIL: ${permissive}`;
  } catch (error) {
    return `FAIL: ${String(error).slice(0, 600)}`;
  }
}

async function runStack(id: string): Promise<Map<string, string>> {
  const runner = STACK_RUNNERS.find((r) => r.id === id)!;
  const generator = snippetGenerators.find((g) => g.id === id)!;
  const cells = new Map<string, string>();
  const dir = join(workDir, id);
  const client = await openClient();
  const session: StackSession = await runner.open({ dir, upstreamPort, freePort });
  try {
    // The app as it fails: every scenario must be blocked (or the fix proves nothing).
    const basePort = await session.serve(null, null);
    const baseline = new Map<string, string | null>();
    for (const scenario of STACK_SCENARIOS) {
      baseline.set(scenario.id, succeeded(scenario, await fetchFrom(client.page, client.pageObserver, basePort, scenario)));
    }

    for (const scenario of STACK_SCENARIOS) {
      const verdict = baseline.get(scenario.id) === null
        ? 'FAIL: the app without the snippet already worked'
        : await verifyFix(client, session, scenario, generator.render(scenario.fix(pageOrigin)));
      cells.set(scenario.id, verdict);
    }
  } finally {
    await session.close();
    await client.context.close();
  }
  return cells;
}

function printMatrix(): void {
  const header = ['stack', ...STACK_SCENARIOS.map((s) => s.title)];
  const rows = snippetGenerators.map((g) => {
    if (GOLDEN_ONLY.includes(g.id)) return [g.label, ...STACK_SCENARIOS.map(() => 'golden text')];
    const cells = matrix.get(g.id);
    return [g.label, ...STACK_SCENARIOS.map((s) => (cells?.get(s.id) === undefined ? 'not run' : cells.get(s.id) === 'pass' ? 'pass' : 'FAIL'))];
  });
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  console.log(`Stack × scenario (real servers, Chromium ${browser?.version() ?? '?'}, ${((Date.now() - startedAt) / 1000).toFixed(0)} s):\n${lines.join('\n')}`);
  for (const [id, cells] of matrix) for (const [scenario, verdict] of cells) if (verdict !== 'pass') console.log(`${id} × ${scenario}: ${verdict}`);
}

describe('every generated fix works on the real server, in Chromium, and no wider than needed', () => {
  it('covers every generator: runnable here, or golden text', () => {
    expect(snippetGenerators.map((g) => g.id).sort()).toEqual([...STACK_RUNNERS.map((r) => r.id), ...GOLDEN_ONLY].sort());
  });

  // Concurrent (bounded by slot()): the slow starters (next dev, go build) overlap with the rest.
  const slowFirst = [...STACK_RUNNERS.map((r) => r.id)].sort((x, y) => Number(y.startsWith('next')) - Number(x.startsWith('next')));
  it.concurrent.each(slowFirst)('%s', async (id) => {
    const cells = await slot(() => runStack(id));
    matrix.set(id, cells);
    expect(Object.fromEntries(cells)).toEqual(Object.fromEntries(STACK_SCENARIOS.map((s) => [s.id, 'pass'])));
  }, 420_000); // includes waiting for a slot
});

describe('the harness fails fixes that are wrong (Express, hand-made snippets)', () => {
  const scenario = (id: string) => STACK_SCENARIOS.find((s) => s.id === id)!;
  const CASES: [string, string, string, RegExp][] = [
    ['reflects any origin, with credentials', 'credentials', `app.use((req, res, next) => {
  res.set('Access-Control-Allow-Origin', req.get('Origin') || '');
  res.set('Access-Control-Allow-Credentials', 'true');
  next();
});`, /third origin was not blocked/],
    ['a wildcard where one origin is enough', 'missing-acao', "app.use(require('cors')());", /third origin was not blocked/],
    ['CORS registered after auth', 'auth-first', `app.use('/s5', (req, res, next) => (req.get('Authorization') === AUTH ? next() : res.sendStatus(401)));
app.use(require('cors')({ origin: ['PAGE'], methods: ['DELETE'], allowedHeaders: ['authorization'] }));`,
    // The 401 from auth carries no CORS headers, and Chromium checks Allow-Origin before the status.
    /PreflightMissingAllowOriginHeader/],
    ['preflight without the requested header', 'custom-header', "app.use(require('cors')({ origin: ['PAGE'], allowedHeaders: ['content-type'] }));", /HeaderDisallowedByPreflightResponse/],
    ['Expose-Headers missing', 'expose', "app.use(require('cors')({ origin: ['PAGE'] }));", /page read X-Request-Id=null/],
  ];

  it.each(CASES)('%s', async (_name, scenarioId, snippet, expected) => {
    const client = await openClient();
    const session = await STACK_RUNNERS.find((r) => r.id === 'express')!.open({ dir: join(workDir, 'negative'), upstreamPort, freePort });
    try {
      const verdict = await verifyFix(client, session, scenario(scenarioId), snippet.replace(/PAGE/g, pageOrigin));
      expect(verdict).toMatch(expected);
    } finally {
      await session.close();
      await client.context.close();
    }
  }, 60_000);
});
