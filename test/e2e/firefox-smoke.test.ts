/**
 * The Firefox build in Debian's firefox-esr: installed as a temporary add-on (what
 * `web-ext run` and about:debugging do), DevTools opened on a lab page, the CORS Lens panel
 * selected; the page makes a request the server answers without Access-Control-Allow-Origin,
 * and the panel must list it as blocked and show the diagnosis with Firefox's reason name next
 * to Chromium's. Screenshot: test-output/firefox/panel.png.
 *
 * What the platform layer does differently in Firefox is each exercised once: getHAR (the
 * request made before the panel opened), onRequestFinished (one made after), inspectedWindow.eval
 * (Retry from the page, whose answer Firefox wraps as [result, exceptionInfo]) and onThemeChanged.
 *
 * The panel runs in Firefox's extension process, as for any user, with the content sandbox at its
 * default level. The test reads the panel's DOM through Firefox's own DevTools protocol, the way
 * about:debugging's "Inspect" reaches an extension's pages: nothing of the test is loaded into the
 * extension process.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/server.ts';
import { GECKO_ID } from '../../scripts/firefox-manifest.ts';
import { assertFirefoxBuild } from '../firefox/build-dir.ts';
import { launchFirefoxHarness, pollFor, type FirefoxHarness } from './firefox-harness.ts';

const SCREENSHOT = resolve(__dirname, '../../test-output/firefox/panel.png');

/**
 * Chrome context: evaluates arguments[1] (an expression giving JSON text) in the CORS Lens panel
 * page, a target of the add-on (arguments[0]) for DevTools' server; null until the panel page is
 * there. One DevTools client for the whole run, kept on the browser window.
 */
const IN_PANEL = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { CommandsFactory } = require('devtools/shared/commands/commands-factory');
  window.corsLensTestCommands ??= CommandsFactory.forAddon(arguments[0]).then(async (commands) => {
    await commands.targetCommand.startListening();
    return commands;
  });
  const commands = await window.corsLensTestCommands;
  const panel = commands.targetCommand.getAllTargets(commands.targetCommand.ALL_TYPES)
    .find((target) => !target.isDestroyed() && String(target.url).endsWith('/src/panel/panel.html'));
  if (!panel) return null;
  const { result, exceptionMessage } = await commands.scriptCommand.execute(arguments[1], { selectedTargetFront: panel });
  if (exceptionMessage) throw new Error(exceptionMessage);
  // Past ~10,000 characters DevTools hands a long string by reference.
  return typeof result?.string === 'function' ? result.string() : result;`;

/** Panel-page expressions; each gives JSON text. */
const PANEL_STATE = `JSON.stringify({
  hasList: !!document.querySelector('[data-testid=request-list]'),
  theme: document.documentElement.dataset.theme ?? null,
  rows: [...document.querySelectorAll('[data-testid=request-row]')].map((row) => ({
    verdict: row.dataset.verdict ?? null, rule: row.dataset.rule ?? null, method: row.dataset.method ?? null, url: row.dataset.url ?? null })),
})`;
const SELECT_BLOCKED = `JSON.stringify((() => {
  const row = [...document.querySelectorAll('[data-testid=request-row]')].find((r) => r.dataset.verdict === 'blocked');
  if (row && row.getAttribute('aria-selected') !== 'true') row.click();
  return !!row;
})())`;
const DETAIL = `JSON.stringify((() => {
  const view = document.querySelector('[data-testid=detail]');
  const explanation = document.querySelector('[data-testid=explanation]');
  return view && explanation ? { verdict: view.dataset.verdict, rule: view.dataset.rule, text: view.textContent, explanation: explanation.textContent } : null;
})())`;
const RETRY_RESULT = `JSON.stringify((() => {
  const result = document.querySelector('[data-testid=retry-result]');
  return result ? { outcome: result.dataset.outcome, text: result.textContent } : null;
})())`;

interface PanelRow { verdict: string | null; rule: string | null; method: string | null; url: string | null }
interface PanelState { hasList: boolean; theme: string | null; rows: PanelRow[] }
interface DetailView { verdict: string; rule: string; text: string; explanation: string }

describe('CORS Lens in firefox-esr', () => {
  let lab: Lab;
  let firefox: FirefoxHarness;
  let addonId: string;

  beforeAll(async () => {
    const dir = assertFirefoxBuild();
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    lab = await startLab();
    firefox = await launchFirefoxHarness();
    addonId = await firefox.installTemporaryAddon(dir);
  }, 90_000);

  afterAll(async () => {
    await firefox?.close();
    await lab?.close();
  });

  it('installs as a temporary add-on under its gecko id', () => {
    expect(addonId).toBe(GECKO_ID);
  });

  it('registers the CORS Lens panel in DevTools', async () => {
    await firefox.navigate(lab.pageUrl('missing-allow-origin'));
    await firefox.openToolbox('netmonitor');
    const tools = await pollFor('the CORS Lens panel to register', async () => {
      const labels = await firefox.inChrome<string[]>(`
        const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
        const toolbox = require('devtools/client/framework/devtools').gDevTools.getToolboxForTab(gBrowser.selectedTab);
        return toolbox ? toolbox.getAdditionalTools().map((t) => t.label) : [];`);
      return labels.includes('CORS Lens') ? labels : undefined;
    }, 20_000, 250);
    expect(tools).toContain('CORS Lens');
    // The page's request happens before the panel is first shown: the panel must get it from
    // Firefox's getHAR() when it opens.
    await firefox.inPage(`document.querySelector('#run').click();`);
    await pollFor('the page to finish', () => firefox.inPage<boolean>(`return !!document.querySelector('#result[data-done]');`)
      .then((done) => done || undefined), 15_000, 100);
  }, 40_000);

  /** Evaluates a panel-page expression (JSON text); null while the panel page is not there. */
  const ask = async <T>(expression: string): Promise<T | null> => {
    const json = await firefox.inChrome<string | null>(IN_PANEL, [addonId, expression]);
    return typeof json === 'string' ? JSON.parse(json) as T : null;
  };

  it('lists the request made before it opened (getHAR) and shows its diagnosis with the Firefox and Chromium names', async () => {
    await firefox.inChrome(`
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      const toolbox = require('devtools/client/framework/devtools').gDevTools.getToolboxForTab(gBrowser.selectedTab);
      await toolbox.selectTool(toolbox.getAdditionalTools().find((t) => t.label === 'CORS Lens').id);`);
    await pollFor('the panel page to render', () => ask<PanelState>(PANEL_STATE).then((state) => (state?.hasList ? state : undefined)), 20_000, 250);

    const state = await pollFor('a blocked row in the panel', () => ask<PanelState>(PANEL_STATE)
      .then((found) => (found?.rows.some((row) => row.verdict === 'blocked') ? found : undefined)), 20_000, 250);
    const apiUrl = `${lab.apiOrigin}/s/missing-allow-origin/data`;
    expect(state.rows).toContainEqual({ verdict: 'blocked', rule: 'missing-allow-origin', method: 'GET', url: apiUrl });

    expect(await ask<boolean>(SELECT_BLOCKED)).toBe(true);
    const detail = await pollFor('the detail view', () => ask<DetailView>(DETAIL).then((view) => view ?? undefined), 15_000, 250);
    expect(detail).toMatchObject({ verdict: 'blocked', rule: 'missing-allow-origin' });
    expect(detail.text).toContain('Firefox: CORSMissingAllowOrigin');
    expect(detail.text).toContain('MissingAllowOriginHeader');
    expect(detail.explanation).toMatch(/Access-Control-Allow-Origin/);

    // Let the panel paint before the screenshot of the whole display.
    await new Promise((done) => setTimeout(done, 500));
    firefox.screenshot(SCREENSHOT);
  }, 60_000);

  it('"Retry from the page" re-sends from the page (inspectedWindow.eval) and shows what the page got', async () => {
    await ask(`JSON.stringify(document.querySelector('[data-testid=retry]').click())`);
    const result = await pollFor('the retry result', () => ask<{ outcome: string; text: string }>(RETRY_RESULT)
      .then((found) => found ?? undefined), 15_000, 250);
    // Still blocked, as fetch() tells page code in Firefox.
    expect(result.outcome).toBe('network-error');
    expect(result.text).toMatch(/NetworkError when attempting to fetch resource/);
  }, 30_000);

  it("follows DevTools' theme (themeName, then onThemeChanged)", async () => {
    expect((await ask<PanelState>(PANEL_STATE))?.theme).toBe('light');
    await firefox.inChrome(`Services.prefs.setCharPref('devtools.theme', 'dark');`);
    const dark = await pollFor('the panel to turn dark', () => ask<PanelState>(PANEL_STATE)
      .then((state) => (state?.theme === 'dark' ? state : undefined)), 10_000, 250);
    expect(dark.theme).toBe('dark');
    await firefox.inChrome(`Services.prefs.setCharPref('devtools.theme', 'light');`);
  }, 30_000);

  it('adds requests live (onRequestFinished) after a navigation', async () => {
    await firefox.navigate(lab.pageUrl('allow-origin-mismatch'));
    await firefox.inPage(`document.querySelector('#run').click();`);
    const apiUrl = `${lab.apiOrigin}/s/allow-origin-mismatch/data`;
    const state = await pollFor('the new blocked row', () => ask<PanelState>(PANEL_STATE)
      .then((found) => (found?.rows.some((row) => row.url === apiUrl) ? found : undefined)), 20_000, 250);
    expect(state.rows).toEqual([{ verdict: 'blocked', rule: 'allow-origin-mismatch', method: 'GET', url: apiUrl }]);
  }, 40_000);
});
