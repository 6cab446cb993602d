/**
 * The Firefox build in Debian's firefox-esr: installed as a temporary add-on (what
 * `web-ext run` and about:debugging do), DevTools opened on a lab page, the CORS Lens panel
 * selected; the page makes a request the server answers without Access-Control-Allow-Origin,
 * and the panel must list it as blocked and show the diagnosis with Firefox's reason name next
 * to Chromium's. Screenshot: test-output/firefox/panel.png.
 *
 * The panel runs in Firefox's extension process, as for any user; the test reads its DOM through
 * a small window actor (firefox-probe/) that Firefox loads into that process (the content
 * sandbox is relaxed so that process may read the probe's module file from this checkout).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/server.ts';
import { GECKO_ID } from '../../scripts/firefox-manifest.ts';
import { assertFirefoxBuild } from '../firefox/build-dir.ts';
import { launchFirefoxHarness, pollFor, type FirefoxHarness } from './firefox-harness.ts';

const SCREENSHOT = resolve(__dirname, '../../test-output/firefox/panel.png');
const PROBE_DIR = pathToFileURL(resolve(__dirname, 'firefox-probe')).href + '/';

/** Makes resource://cors-lens-probe/ point at firefox-probe/ and registers the window actor. */
const REGISTER_PROBE = `
  const handler = Services.io.getProtocolHandler('resource').QueryInterface(Ci.nsIResProtocolHandler);
  handler.setSubstitution('cors-lens-probe', Services.io.newURI(arguments[0]));
  ChromeUtils.registerWindowActor('CorsLensProbe', {
    parent: { esModuleURI: 'resource://cors-lens-probe/CorsLensProbeParent.sys.mjs' },
    child: { esModuleURI: 'resource://cors-lens-probe/CorsLensProbeChild.sys.mjs' },
    remoteTypes: ['extension'], allFrames: true,
  });`;

/** Chrome-context: asks the probe in the CORS Lens panel (arguments[0] = query name). */
const ASK_PANEL = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const toolbox = gDevTools.getToolboxForTab(gBrowser.selectedTab);
  const tool = toolbox && toolbox.getAdditionalTools().find((t) => t.label === 'CORS Lens');
  const frame = tool && toolbox.doc.getElementById('toolbox-panel-iframe-' + tool.id);
  const inner = frame && frame.contentDocument && frame.contentDocument.querySelector('browser');
  const global = inner && inner.browsingContext && inner.browsingContext.currentWindowGlobal;
  if (!global || !inner.currentURI.spec.endsWith('/src/panel/panel.html')) return null;
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the panel probe did not answer')), 5000));
  return Promise.race([global.getActor('CorsLensProbe').sendQuery(arguments[0]), timeout]);`;

interface PanelRow { verdict: string | null; rule: string | null; method: string | null; url: string | null }
interface PanelState { url: string; hasList: boolean; rows: PanelRow[] }
interface DetailView { 'data-verdict': string | null; 'data-rule': string | null; text: string; explanation: string }

describe('CORS Lens in firefox-esr', () => {
  let lab: Lab;
  let firefox: FirefoxHarness;
  let addonId: string;

  beforeAll(async () => {
    const dir = assertFirefoxBuild();
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    lab = await startLab();
    // Content sandbox off: the extension process must read the probe module from this checkout.
    firefox = await launchFirefoxHarness({ prefs: { 'security.sandbox.content.level': 0 } });
    addonId = await firefox.installTemporaryAddon(dir);
    await firefox.inChrome(REGISTER_PROBE, [PROBE_DIR]);
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

  const ask = <T>(query: string) => firefox.inChrome<T | null>(ASK_PANEL, [query]);

  it('lists the request made before it opened (getHAR) and shows its diagnosis with the Firefox and Chromium names', async () => {
    await firefox.inChrome(`
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      const toolbox = require('devtools/client/framework/devtools').gDevTools.getToolboxForTab(gBrowser.selectedTab);
      await toolbox.selectTool(toolbox.getAdditionalTools().find((t) => t.label === 'CORS Lens').id);`);
    await pollFor('the panel page to render', () => ask<PanelState>('state').then((state) => (state?.hasList ? state : undefined)), 20_000, 250);

    const state = await pollFor('a blocked row in the panel', () => ask<PanelState>('state')
      .then((found) => (found?.rows.some((row) => row.verdict === 'blocked') ? found : undefined)), 20_000, 250);
    const apiUrl = `${lab.apiOrigin}/s/missing-allow-origin/data`;
    expect(state.rows).toContainEqual({ verdict: 'blocked', rule: 'missing-allow-origin', method: 'GET', url: apiUrl });

    expect(await ask<boolean>('select-blocked')).toBe(true);
    const detail = await pollFor('the detail view', () => ask<DetailView>('detail').then((view) => view ?? undefined), 15_000, 250);
    expect(detail).toMatchObject({ 'data-verdict': 'blocked', 'data-rule': 'missing-allow-origin' });
    expect(detail.text).toContain('Firefox: CORSMissingAllowOrigin');
    expect(detail.text).toContain('MissingAllowOriginHeader');
    expect(detail.explanation).toMatch(/Access-Control-Allow-Origin/);

    // Let the panel paint before the screenshot of the whole display.
    await new Promise((done) => setTimeout(done, 500));
    firefox.screenshot(SCREENSHOT);
  }, 60_000);

  it('adds requests live (onRequestFinished) after a navigation', async () => {
    await firefox.navigate(lab.pageUrl('allow-origin-mismatch'));
    await firefox.inPage(`document.querySelector('#run').click();`);
    const apiUrl = `${lab.apiOrigin}/s/allow-origin-mismatch/data`;
    const state = await pollFor('the new blocked row', () => ask<PanelState>('state')
      .then((found) => (found?.rows.some((row) => row.url === apiUrl) ? found : undefined)), 20_000, 250);
    expect(state.rows).toEqual([{ verdict: 'blocked', rule: 'allow-origin-mismatch', method: 'GET', url: apiUrl }]);
  }, 40_000);
});
