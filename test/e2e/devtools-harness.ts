/**
 * Launches Debian's Chromium with the built extension, opens the REAL DevTools for a page and
 * shows the CORS Lens panel (docs/e2e-recipe.md). Gives tests and the fixture recorder:
 *  - `page`: the inspected page (Playwright);
 *  - `network`: a page-level CDP session that records Chromium's own CORS verdicts;
 *  - `panel`: Runtime.evaluate inside the panel page, where chrome.devtools.* exists.
 * Opening DevTools relies on DevTools-frontend internals: they live here and nowhere else.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import WebSocket from 'ws';

const DEFAULT_TIMEOUT_MS = 15_000;

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    const found = execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
    if (found) return found;
  } catch { /* reported below */ }
  throw new Error('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH');
}

// ---------------------------------------------------------------------------------------------
// Bounded waiting

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function pollFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// A minimal raw CDP client over the browser websocket (flat sessions). Playwright's own CDP
// sessions cannot reach the DevTools frontend or the panel: those targets belong to DevTools.

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as CdpMessage));
    socket.on('close', () => {
      for (const { reject } of this.pending.values()) reject(new Error('CDP connection closed'));
      this.pending.clear();
    });
  }

  static async connect(url: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CdpConnection> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await withTimeout(new Promise<void>((ready, fail) => {
      socket.once('open', () => ready());
      socket.once('error', fail);
    }), timeoutMs, `CDP websocket ${url}`);
    return new CdpConnection(socket);
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string,
    timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
    return withTimeout(reply, timeoutMs, `CDP ${method}`).finally(() => this.pending.delete(id)) as Promise<T>;
  }

  close(): void {
    this.socket.close();
  }

  /** Listeners for events (messages without an id), e.g. CdpTarget.on. */
  readonly eventListeners = new Set<(message: CdpMessage) => void>();

  private onMessage(message: CdpMessage): void {
    if (message.id === undefined) {
      for (const listener of this.eventListeners) listener(message);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    if (message.error) waiter.reject(new Error(`CDP error: ${message.error.message}`));
    else waiter.resolve(message.result ?? {});
  }
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** One attached target (DevTools frontend, panel page) where we can evaluate JavaScript. */
export class CdpTarget {
  constructor(private readonly cdp: CdpConnection, readonly sessionId: string, readonly url: string) {}

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, timeoutMs?: number): Promise<T> {
    return this.cdp.send<T>(method, params, this.sessionId, timeoutMs);
  }

  /** Evaluates an expression (awaiting promises) and returns its JSON value. */
  async evaluate<T = unknown>(expression: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    const reply = await this.send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, timeoutMs);
    if (reply.exceptionDetails) {
      throw new Error(`Evaluation failed in ${this.url}: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    }
    return reply.result.value as T;
  }

  /** Calls `listener` with the params of every `method` event of this target; returns an unsubscribe. */
  on(method: string, listener: (params: Record<string, unknown>) => void): () => void {
    const forward = (message: CdpMessage) => {
      if (message.method === method && message.sessionId === this.sessionId) listener(message.params ?? {});
    };
    this.cdp.eventListeners.add(forward);
    return () => { this.cdp.eventListeners.delete(forward); };
  }

  async waitUntilLoaded(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await pollFor(`${this.url} to load`, async () =>
      (await this.evaluate<string>('document.readyState', 2_000)) === 'complete' ? true : undefined, timeoutMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium's verdicts, as seen by a page-level CDP session

export interface ObservedRequest {
  requestId: string;
  /** URL of the last hop (redirects keep one requestId and update the URL). */
  url: string;
  urls: string[];
  method: string;
  /** CDP resource type in HAR spelling (fetch, xhr, preflight, …). */
  resourceType: string | null;
  initiatorType: string | null;
  wallTimeMs: number;
  state: 'pending' | 'finished' | 'failed';
  status: number | null;
  corsError: string | null;
  failedParameter: string | null;
  netError: string | null;
  blockedReason: string | null;
}

/**
 * An issue from the Audits domain (DevTools' Issues tab), reduced to what says why a request
 * failed or will. For a request the renderer refused before it reached the network (fetch mode
 * 'same-origin', CSP connect-src) the issue is Chromium's only trace: there is no Network event.
 */
export interface ObservedIssue {
  /** Audits.InspectorIssueCode: CorsIssue, ContentSecurityPolicyIssue, DeprecationIssue, CookieIssue, … */
  code: string;
  /** The request the issue is about, when it names one. */
  url: string | null;
  /** Whether the Network domain saw that request. */
  onNetwork: boolean;
  /** CorsIssue */
  corsError?: string;
  failedParameter?: string;
  isWarning?: boolean;
  /** ContentSecurityPolicyIssue */
  violatedDirective?: string;
  /** DeprecationIssue (e.g. AuthorizationCoveredByWildcard) */
  deprecationType?: string;
  /** CookieIssue: exclusion and warning reasons */
  cookieReasons?: string[];
  /** GenericIssue (e.g. ResponseWasBlockedByORB) */
  errorType?: string;
}

interface IssueAdded {
  issue: { code: string; details: Record<string, Record<string, unknown> | undefined> };
}

/** Pulls the fields of ObservedIssue out of one issue's details (all typed unknown by CDP here). */
function describeIssue({ code, details }: IssueAdded['issue']): Omit<ObservedIssue, 'onNetwork'> & { requestId: string | null } {
  const detail = Object.values(details).find((value) => value && typeof value === 'object') ?? {};
  const request = detail.request as { requestId?: string; url?: string } | undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const issue: Omit<ObservedIssue, 'onNetwork'> & { requestId: string | null } = {
    code,
    url: text(request?.url) ?? text(detail.blockedURL) ?? text(detail.cookieUrl) ?? null,
    requestId: text(request?.requestId) ?? null,
  };
  const cors = detail.corsErrorStatus as { corsError?: string; failedParameter?: string } | undefined;
  if (cors) Object.assign(issue, { corsError: cors.corsError, failedParameter: cors.failedParameter, isWarning: detail.isWarning === true });
  if (text(detail.violatedDirective)) issue.violatedDirective = text(detail.violatedDirective);
  if (code === 'DeprecationIssue' && text(detail.type)) issue.deprecationType = text(detail.type);
  if (code === 'GenericIssue' && text(detail.errorType)) issue.errorType = text(detail.errorType);
  if (code === 'CookieIssue') {
    issue.cookieReasons = [...(detail.cookieExclusionReasons as string[] | undefined ?? []), ...(detail.cookieWarningReasons as string[] | undefined ?? [])];
  }
  return issue;
}

interface RequestWillBeSent {
  requestId: string;
  wallTime: number;
  type?: string;
  request: { url: string; method: string };
  initiator?: { type?: string };
}
interface ResponseReceived {
  requestId: string;
  response: { status: number };
}
interface LoadingFailed {
  requestId: string;
  errorText: string;
  blockedReason?: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

/** Records every request the page makes and how Chromium ended it (Network.loadingFailed). */
export class NetworkObserver {
  private readonly requests = new Map<string, ObservedRequest>();
  private observedIssues: Array<ReturnType<typeof describeIssue>> = [];

  private constructor(readonly session: CDPSession) {}

  static async attach(context: BrowserContext, page: Page): Promise<NetworkObserver> {
    const session = await context.newCDPSession(page);
    const observer = new NetworkObserver(session);
    session.on('Network.requestWillBeSent', (event) => observer.onRequest(event as unknown as RequestWillBeSent));
    session.on('Network.responseReceived', (event) => observer.onResponse(event as unknown as ResponseReceived));
    session.on('Network.loadingFinished', (event) => observer.settle(event.requestId, 'finished'));
    session.on('Network.loadingFailed', (event) => observer.onFailed(event as unknown as LoadingFailed));
    session.on('Audits.issueAdded', (event) => observer.observedIssues.push(describeIssue((event as unknown as IssueAdded).issue)));
    await withTimeout(session.send('Network.enable'), DEFAULT_TIMEOUT_MS, 'Network.enable');
    await withTimeout(session.send('Audits.enable'), DEFAULT_TIMEOUT_MS, 'Audits.enable');
    return observer;
  }

  /** Forgets everything seen so far (call before each scenario). */
  clear(): void {
    this.requests.clear();
    this.observedIssues = [];
  }

  all(): ObservedRequest[] {
    return [...this.requests.values()].sort((a, b) => a.wallTimeMs - b.wallTimeMs);
  }

  issues(): ObservedIssue[] {
    return this.observedIssues.map(({ requestId, ...issue }) => ({ ...issue, onNetwork: requestId !== null && this.requests.has(requestId) }));
  }

  /** Waits until every request seen has finished or failed, and nothing new started for `quietMs`. */
  async waitForIdle(timeoutMs = 10_000, quietMs = 300): Promise<void> {
    let lastCount = -1;
    let quietSince = Date.now();
    const pending = () => this.all().filter((r) => r.state === 'pending').map((r) => `${r.resourceType} ${r.method} ${r.url}`);
    await pollFor(`network to go idle (pending: ${pending().join(', ') || 'none yet'})`, () => {
      const all = this.all();
      if (all.length !== lastCount) {
        lastCount = all.length;
        quietSince = Date.now();
      }
      const settled = all.every((r) => r.state !== 'pending');
      return settled && Date.now() - quietSince >= quietMs ? true : undefined;
    }, timeoutMs, 50);
  }

  private onRequest(event: RequestWillBeSent): void {
    const known = this.requests.get(event.requestId);
    if (known) {
      // A redirect hop: same request, next URL.
      known.url = event.request.url;
      known.urls.push(event.request.url);
      return;
    }
    const initiatorType = event.initiator?.type ?? null;
    this.requests.set(event.requestId, {
      requestId: event.requestId,
      url: event.request.url,
      urls: [event.request.url],
      method: event.request.method,
      resourceType: initiatorType === 'preflight' ? 'preflight' : (event.type?.toLowerCase() ?? null),
      initiatorType,
      wallTimeMs: event.wallTime * 1000,
      state: 'pending',
      status: null,
      corsError: null,
      failedParameter: null,
      netError: null,
      blockedReason: null,
    });
  }

  private onResponse(event: ResponseReceived): void {
    const request = this.requests.get(event.requestId);
    if (request) request.status = event.response.status;
  }

  private onFailed(event: LoadingFailed): void {
    const request = this.requests.get(event.requestId);
    if (!request) return;
    request.netError = event.errorText || null;
    request.blockedReason = event.blockedReason ?? null;
    request.corsError = event.corsErrorStatus?.corsError ?? null;
    request.failedParameter = event.corsErrorStatus ? event.corsErrorStatus.failedParameter : null;
    request.state = 'failed';
  }

  private settle(requestId: string, state: 'finished'): void {
    const request = this.requests.get(requestId);
    if (request) request.state = state;
  }
}

// ---------------------------------------------------------------------------------------------
// The harness

export interface HarnessOptions {
  /**
   * The built extension (default: CORS_LENS_EXTENSION_DIR, else dist/ at the repository root).
   * null: no extension at all (a baseline for benchmarks); DevTools stays on its default panel and
   * there is no CORS Lens panel to show.
   */
  extensionDir?: string | null;
  /** Where the inspected page starts (default about:blank). */
  url?: string;
  /** Make the DevTools window this large (a virtualized list renders only what fits). */
  viewport?: { width: number; height: number };
  /** Extra Chromium switches. */
  args?: string[];
  /** Show the CORS Lens panel right away (default true); otherwise call harness.showPanel(). */
  showPanel?: boolean;
  /**
   * Send third-party cookies, as Chrome does by default. Debian's Chromium starts a new profile
   * blocking them ("UserPreferences"), so a credentialed cross-site request would carry no Cookie.
   */
  allowThirdPartyCookies?: boolean;
  /**
   * Also load a tiny ad-blocker extension whose declarativeNetRequest rules block URLs containing
   * these urlFilter patterns: the real ERR_BLOCKED_BY_CLIENT, not CDP's own URL blocking.
   */
  blockUrlFilters?: readonly string[];
}

export interface DevtoolsHarness {
  context: BrowserContext;
  /** The inspected page. */
  page: Page;
  network: NetworkObserver;
  /** DevTools frontend of the inspected page. */
  devtools: CdpTarget;
  /** The CORS Lens panel page, inside DevTools (chrome.devtools.* available). Throws until shown. */
  readonly panel: CdpTarget;
  /**
   * Shows the panel (DevTools loads its page on first show) and returns it; idempotent. Requests
   * made before this reach the panel only through getHAR (its backfill), later ones live.
   */
  showPanel(): Promise<CdpTarget>;
  /** The CORS Lens extension's id ('' when launched without it). */
  extensionId: string;
  chromiumVersion: string;
  /** chrome.devtools.network.getHAR() as the panel receives it (shows the panel if needed). */
  getHarFromPanel(timeoutMs?: number): Promise<PanelHarLog>;
  /** Attaches to another target (e.g. the extension's devtools page) once one matches. */
  attach(what: string, match: (target: { url: string; type: string }) => boolean): Promise<CdpTarget>;
  close(): Promise<void>;
}

export interface PanelHarLog {
  version?: string;
  creator?: unknown;
  pages?: unknown[];
  entries: Array<Record<string, unknown> & { startedDateTime: string; request: { url: string; method: string } }>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PANEL_TITLE = 'CORS Lens';

export async function launchDevtoolsHarness(options: HarnessOptions = {}): Promise<DevtoolsHarness> {
  // CORS_LENS_EXTENSION_DIR: a private build, so parallel work never loads a half-written dist/.
  const extensionDir = options.extensionDir === null ? null
    : resolve(options.extensionDir ?? process.env.CORS_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'dist'));
  if (extensionDir !== null && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npx vite build\` first`);
  }
  const tempRoot = mkdtempSync(join(tmpdir(), 'cors-lens-chromium-'));
  const userDataDir = join(tempRoot, 'profile');
  let context: BrowserContext | undefined;
  let cdp: CdpConnection | undefined;
  const cleanup = async () => {
    cdp?.close();
    if (context) await withTimeout(context.close(), 10_000, 'closing Chromium').catch(() => undefined);
    rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const extensions = extensionDir === null ? [] : [extensionDir];
    if (options.blockUrlFilters?.length) extensions.push(writeBlockerExtension(join(tempRoot, 'blocker'), options.blockUrlFilters));
    const extensionArgs = extensions.length === 0 ? []
      : [`--disable-extensions-except=${extensions.join(',')}`, `--load-extension=${extensions.join(',')}`];
    mkdirSync(join(userDataDir, 'Default'), { recursive: true });
    if (options.allowThirdPartyCookies) {
      // 0 = allow all cookies (the pref behind chrome://settings/cookies).
      writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
    }
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: true,
      timeout: 30_000,
      args: [
        ...extensionArgs,
        '--remote-debugging-port=0',
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ...(options.args ?? []),
      ],
    });
    const page = context.pages()[0] ?? await context.newPage();
    if (options.url) await page.goto(options.url, { timeout: DEFAULT_TIMEOUT_MS });
    const network = await NetworkObserver.attach(context, page);

    // Our own browser-level websocket, next to Playwright's pipe (DevToolsActivePort: port, path).
    const activePort = await pollFor('DevToolsActivePort', () => {
      const file = join(userDataDir, 'DevToolsActivePort');
      const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
      return lines.length >= 2 && lines[0] && lines[1] ? lines : undefined;
    });
    cdp = await CdpConnection.connect(`ws://127.0.0.1:${activePort[0]}${activePort[1]}`);
    const { product } = await cdp.send<{ product: string }>('Browser.getVersion');
    const chromiumVersion = product.replace(/^[^/]*\//, '');

    const { targetInfo } = await network.session.send('Target.getTargetInfo') as unknown as { targetInfo: TargetInfo };
    await cdp.send('Target.openDevTools', { targetId: targetInfo.targetId });
    const devtools = await attachWhenPresent(cdp, 'the DevTools frontend', (t) => t.url.startsWith('devtools://devtools/'));
    await devtools.waitUntilLoaded();
    if (options.viewport) {
      await devtools.send('Emulation.setDeviceMetricsOverride', { ...options.viewport, deviceScaleFactor: 1, mobile: false });
    }

    // DevTools registers extension panels as tabs shortly after it loads: the tab id is the
    // extension origin followed by the panel title without spaces.
    const tabSuffix = PANEL_TITLE.replaceAll(' ', '');
    const panelTabId = extensionDir === null ? null : await pollFor(`the ${PANEL_TITLE} tab in DevTools`, () => devtools.evaluate<string | null>(`(async () => {
      const legacy = await import('./ui/legacy/legacy.js');
      const ids = legacy.InspectorView.InspectorView.instance().tabbedPane.tabIds();
      return ids.find((id) => id.startsWith('chrome-extension://') && id.endsWith(${JSON.stringify(tabSuffix)})) ?? null;
    })()`).then((id) => id ?? undefined));
    const extensionId = panelTabId === null ? '' : new URL(panelTabId.slice(0, -tabSuffix.length)).host;
    if (panelTabId === null) {
      // Without a panel to wait for: until DevTools shows its default one (asking for the
      // InspectorView instance earlier would create it before DevTools has its locale data).
      await pollFor('DevTools to show its default panel', () => devtools.evaluate<string | null>(`(async () => {
        const legacy = await import('./ui/legacy/legacy.js');
        return legacy.InspectorView.InspectorView.maybeGetInspectorViewInstance()?.tabbedPane.selectedTabId ?? null;
      })()`).then((id) => id ?? undefined));
    }

    const connection = cdp;
    let panel: CdpTarget | undefined;
    const showPanel = async (): Promise<CdpTarget> => {
      if (panel) return panel;
      if (panelTabId === null) throw new Error(`Launched without an extension (extensionDir: null): there is no ${PANEL_TITLE} panel`);
      await devtools.evaluate(`(async () => {
        const legacy = await import('./ui/legacy/legacy.js');
        await legacy.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelTabId)});
      })()`);
      const shown = await attachWhenPresent(connection, `the ${PANEL_TITLE} panel page`,
        (t) => t.url.startsWith(`chrome-extension://${extensionId}/`) && t.url.includes('panel.html'));
      await shown.waitUntilLoaded();
      panel = shown;
      return shown;
    };
    if (extensionDir !== null && (options.showPanel ?? true)) await showPanel();

    return {
      context, page, network, devtools, extensionId, chromiumVersion, showPanel,
      get panel(): CdpTarget {
        if (!panel) throw new Error(`The ${PANEL_TITLE} panel has not been shown yet: call showPanel()`);
        return panel;
      },
      getHarFromPanel: async (timeoutMs = DEFAULT_TIMEOUT_MS) =>
        (await showPanel()).evaluate<PanelHarLog>('new Promise((resolve) => chrome.devtools.network.getHAR(resolve))', timeoutMs),
      attach: (what, match) => attachWhenPresent(connection, what, match),
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** An unpacked MV3 extension that blocks requests the way ad blockers do (declarativeNetRequest). */
function writeBlockerExtension(dir: string, urlFilters: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3,
    name: 'Lab ad blocker',
    version: '1.0',
    permissions: ['declarativeNetRequest'],
    declarative_net_request: { rule_resources: [{ id: 'lab-rules', enabled: true, path: 'rules.json' }] },
  }));
  writeFileSync(join(dir, 'rules.json'), JSON.stringify(urlFilters.map((urlFilter, i) => ({
    id: i + 1, priority: 1, action: { type: 'block' }, condition: { urlFilter },
  }))));
  return dir;
}

/**
 * Attaches (flat session) to the first target matching `match`. The panel is an out-of-process
 * iframe inside DevTools, so iframe targets count too.
 */
async function attachWhenPresent(cdp: CdpConnection, what: string, match: (target: TargetInfo) => boolean): Promise<CdpTarget> {
  const target = await pollFor(what, async () => {
    const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    return targetInfos.find(match);
  });
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  const attached = new CdpTarget(cdp, sessionId, target.url);
  await attached.send('Runtime.enable');
  return attached;
}
