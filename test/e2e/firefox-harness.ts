/**
 * Debian's firefox-esr under its own Xvfb display, driven over Marionette: a fresh profile, the
 * DevTools toolbox opened on the tab (Firefox records the network only while it is open), the
 * HAR exactly as Firefox's DevTools hand it to extensions (toolbox.getHARFromNetMonitor is what
 * browser.devtools.network.getHAR returns), Firefox's own CORS console messages, and a
 * screenshot of the whole display. Never downloads a browser; everything binds to loopback.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marionette, withTimeout } from '../support/marionette.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const START_TIMEOUT_MS = 45_000;

/** A CORS message from Firefox's console: its string key (Firefox's reason name) and text. */
export interface FirefoxConsoleCors {
  /** The security.properties key, e.g. CORSMissingAllowOrigin2. */
  key: string;
  /** The reason name Firefox's docs and "Learn more" link use: the key without its version digit. */
  reason: string;
  message: string;
  /** Request URL quoted in the message, when there is one. */
  url: string | null;
}

export interface FirefoxHarness {
  marionette: Marionette;
  firefoxVersion: string;
  display: string;
  profileDir: string;
  /** Loads a page in the tab (content context) and waits for it. */
  navigate(url: string): Promise<void>;
  /** Runs a function body in the page. */
  inPage<T>(script: string, args?: unknown[]): Promise<T>;
  /** Runs a function body in the browser chrome (privileged). */
  inChrome<T>(script: string, args?: unknown[], timeoutMs?: number): Promise<T>;
  /** Opens DevTools on the tab with `toolId` selected (the network monitor by default). */
  openToolbox(toolId?: string): Promise<void>;
  /** The tab's HAR log as DevTools gives it to extensions. */
  getHar(): Promise<{ version?: string; creator?: unknown; browser?: unknown; pages?: unknown[]; entries: Array<Record<string, unknown>> }>;
  /** CORS errors Firefox wrote to the console since the last call. */
  takeConsoleCors(): Promise<FirefoxConsoleCors[]>;
  /** Installs an unpacked extension directory as a temporary add-on; returns its id. */
  installTemporaryAddon(dir: string): Promise<string>;
  /** PNG of the whole X display (the browser window with DevTools). */
  screenshot(file: string): void;
  close(): Promise<void>;
}

const PREFS: Record<string, string | number | boolean> = {
  'marionette.port': 0, // free port, written to <profile>/MarionetteActivePort
  'devtools.toolbox.host': 'bottom',
  'devtools.toolbox.footer.height': 420,
  'devtools.netmonitor.persistlog': false,
  'devtools.everOpened': true,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.page': 0,
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.auto': false,
  'app.update.disabledForTesting': true,
  // The lab's credentialed scenarios send a cookie to the API origin (another site), like the
  // Chromium recorder which allows third-party cookies.
  'network.cookie.cookieBehavior': 0,
  'extensions.autoDisableScopes': 0,
  'xpinstall.signatures.required': false,
  'ui.prefersReducedMotion': 1,
};

export async function launchFirefoxHarness(options: { prefs?: Record<string, string | number | boolean> } = {}): Promise<FirefoxHarness> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`${FIREFOX_PATH} is missing: apt-get install firefox-esr (or set FIREFOX_PATH)`);
  const profileDir = mkdtempSync(join(tmpdir(), 'cors-lens-firefox-'));
  writeFileSync(join(profileDir, 'user.js'), Object.entries({ ...PREFS, ...options.prefs }).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(''));
  const processes: ChildProcess[] = [];
  const cleanup = async () => {
    for (const child of processes.reverse()) await stop(child);
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const { xvfb, display } = await startXvfb();
    processes.push(xvfb);
    const firefox = spawn(FIREFOX_PATH, ['-profile', profileDir, '-marionette', '-remote-allow-system-access', '-no-remote', '-new-instance', '--width', '1280', '--height', '900', 'about:blank'], {
      env: { ...process.env, DISPLAY: display, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'], detached: true,
    });
    processes.push(firefox);
    let stderr = '';
    firefox.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
    const port = await pollFor('Firefox to open Marionette', () => {
      const file = join(profileDir, 'MarionetteActivePort');
      if (firefox.exitCode !== null) throw new Error(`firefox-esr exited (${firefox.exitCode}): ${stderr}`);
      return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || undefined : undefined;
    }, START_TIMEOUT_MS);
    const marionette = await Marionette.connect(port);
    const caps = await marionette.send<{ capabilities: { browserVersion: string } }>('WebDriver:GetCapabilities').catch(() => null);
    await marionette.setContext('chrome');
    const firefoxVersion = caps?.capabilities.browserVersion
      ?? await marionette.execute<string>('return Services.appinfo.version;');
    await marionette.setContext('content');

    let context: 'chrome' | 'content' = 'content';
    const inContext = async <T>(wanted: 'chrome' | 'content', script: string, args: unknown[] = [], timeoutMs = 30_000) => {
      if (context !== wanted) {
        await marionette.setContext(wanted);
        context = wanted;
      }
      return marionette.execute<T>(script, args, timeoutMs);
    };
    const inChrome = <T>(script: string, args: unknown[] = [], timeoutMs?: number) => inContext<T>('chrome', script, args, timeoutMs);
    const inPage = <T>(script: string, args: unknown[] = []) => inContext<T>('content', script, args);
    let consoleSeen = 0;

    return {
      marionette, firefoxVersion, display, profileDir, inChrome, inPage,
      async navigate(url) {
        if (context !== 'content') {
          await marionette.setContext('content');
          context = 'content';
        }
        await marionette.send('WebDriver:Navigate', { url });
      },
      async openToolbox(toolId = 'netmonitor') {
        await inChrome(`${DEVTOOLS}
          const toolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab, { toolId: arguments[0] });
          await toolbox.selectTool(arguments[0]);`, [toolId]);
      },
      getHar: () => inChrome(`${DEVTOOLS}
        const toolbox = gDevTools.getToolboxForTab(gBrowser.selectedTab);
        if (!toolbox) throw new Error('DevTools are not open on the tab');
        return toolbox.getHARFromNetMonitor();`),
      async takeConsoleCors() {
        const { messages, total } = await inChrome<{ messages: Array<{ key: string; message: string }>; total: number }>(CONSOLE_CORS, [consoleSeen]);
        consoleSeen = total;
        return messages.map(({ key, message }) => ({
          key, reason: key.replace(/\d+$/, ''), message,
          url: /(?:resource at|ressource at) ([^\s]+?)\.? \(/.exec(message)?.[1] ?? /at (\S+?)\.? \(Reason/.exec(message)?.[1] ?? null,
        }));
      },
      async installTemporaryAddon(dir) {
        const { value } = await marionette.send<{ value: string }>('Addon:Install', { path: dir, temporary: true });
        return value;
      },
      screenshot(file) {
        const shot = spawnSync('import', ['-display', display, '-window', 'root', file], { timeout: 20_000 });
        if (shot.status !== 0) throw new Error(`import failed: ${shot.stderr?.toString() ?? shot.error}`);
      },
      async close() {
        marionette.close();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * Firefox's CORS console errors since index arguments[0], each named by the security.properties
 * key whose template it matches (the key is Firefox's reason name plus a version digit).
 */
const CONSOLE_CORS = String.raw`
  const bundle = Services.strings.createBundle('chrome://global/locale/security/security.properties');
  const escape = (text) => text.replace(/[.*+?^$(){}|[\]\\]/g, '\\$&');
  const patterns = [];
  for (const { key, value } of bundle.getSimpleEnumeration()) {
    if (!key.startsWith('CORS')) continue;
    patterns.push({ key, re: new RegExp('^' + value.split(/%\d\$S/).map(escape).join('[\\s\\S]*?') + '$') });
  }
  // Most specific (longest) template first.
  patterns.sort((a, b) => b.re.source.length - a.re.source.length);
  const all = Services.console.getMessageArray() || [];
  const messages = [];
  for (const entry of all.slice(arguments[0])) {
    if (!(entry instanceof Ci.nsIScriptError)) continue;
    const match = patterns.find((p) => p.re.test(entry.errorMessage));
    if (match) messages.push({ key: match.key, message: entry.errorMessage });
  }
  return { messages, total: all.length };`;

/** gDevTools in a chrome-context script. */
const DEVTOOLS = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');`;

/** Xvfb on a free display number (-displayfd), loopback only. */
async function startXvfb(): Promise<{ xvfb: ChildProcess; display: string }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'], detached: true,
  });
  const number = await withTimeout(new Promise<string>((resolve, reject) => {
    let text = '';
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}); is the xvfb package installed?`)));
    xvfb.once('error', reject);
  }), 15_000, 'Xvfb start').catch(async (error: unknown) => {
    await stop(xvfb);
    throw error;
  });
  return { xvfb, display: `:${number}` };
}

/** Stops a process group we started: TERM, then KILL after 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
  await exited;
  clearTimeout(timer);
}

export async function pollFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
