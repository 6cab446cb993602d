/**
 * Privacy in the REAL browser: while the inspected page makes CORS requests and the panel
 * diagnoses them, the extension's own pages (the CORS Lens panel and its devtools page) request
 * nothing outside the extension. Watched two ways, since Network.enable comes after the pages
 * load: CDP Network.requestWillBeSent from then on, and each page's Resource Timing since it began.
 * The manifest must ask for no host permissions and keep the strict CSP.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { launchDevtoolsHarness, pollFor, type CdpTarget, type DevtoolsHarness } from './devtools-harness.ts';

const EXTENSION_DIR = resolve(process.env.CORS_LENS_EXTENSION_DIR ?? resolve(__dirname, '../../dist'));
const RUN = ['missing-allow-origin', 'method-not-allowed', 'ok-preflight', 'wildcard-with-credentials'];

let lab: Lab;
let harness: DevtoolsHarness;
let targets: Array<{ name: string; target: CdpTarget }>;
const requested = new Map<string, string[]>();

/** URLs a page fetched since it began (Resource Timing), outside chrome-extension:. */
const resourcesOutside = (target: CdpTarget) => target.evaluate<string[]>(
  `performance.getEntriesByType('resource').map((e) => e.name).filter((url) => !url.startsWith('chrome-extension://'))`);

beforeAll(async () => {
  lab = await startLab({ scenarios: SCENARIOS.filter((s) => RUN.includes(s.id)) });
  harness = await launchDevtoolsHarness();
  const devtoolsPage = await harness.attach('the CORS Lens devtools page',
    (t) => t.url.startsWith(`chrome-extension://${harness.extensionId}/`) && t.url.includes('devtools.html'));
  targets = [{ name: 'panel', target: harness.panel }, { name: 'devtools page', target: devtoolsPage }];
  for (const { name, target } of targets) {
    requested.set(name, []);
    target.on('Network.requestWillBeSent', (params) => {
      requested.get(name)!.push(String((params.request as { url?: unknown } | undefined)?.url));
    });
    await target.send('Network.enable');
  }
  await harness.page.goto(`${lab.pageOrigin}/`, { waitUntil: 'load' });
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await lab?.close();
});

describe('privacy: the extension sends nothing anywhere', () => {
  it('asks for no host permissions and keeps a strict CSP', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toBeUndefined();
    expect((manifest.permissions as string[] | undefined ?? []).filter((p) => p.includes('://') || p === '<all_urls>')).toEqual([]);
    expect(manifest.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'none'" });
  });

  it('makes zero requests outside the extension while the page makes CORS requests and the panel diagnoses them', async () => {
    for (const id of RUN) {
      const scenario = SCENARIOS.find((s) => s.id === id)!;
      await harness.page.evaluate(async ([code, urls]) => {
        const AsyncFunction = (async () => {}).constructor as new (arg: string, body: string) => (lab: unknown) => Promise<unknown>;
        try { return await new AsyncFunction('lab', code)(urls); } catch (error) { return String(error); }
      }, [scenario.code, lab.labFor(scenario)] as const);
    }
    const panel = harness.panel;
    await panel.evaluate(`(() => { const box = document.querySelector('[data-testid=problems-only]'); if (box.checked) box.click(); })()`);
    await pollFor('a row per scenario', () => panel.evaluate<number>(`document.querySelectorAll('[data-testid=request-row]').length`)
      .then((n) => (n >= RUN.length ? n : undefined)), 15_000);
    // Open each detail and every snippet tab: lazy chunks load, copy buttons render, curl shows.
    await panel.evaluate(`(async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      for (const row of [...document.querySelectorAll('[data-testid=request-row]')]) {
        row.click();
        await new Promise((done) => setTimeout(done, 200));
        for (const tab of [...document.querySelectorAll('[role=tab][data-stack]')]) { tab.click(); await frame(); }
      }
    })()`, 30_000);
    // The page's requests did reach the lab while the extension pages were watched.
    expect(harness.network.all().filter((r) => r.url.startsWith(lab.apiOrigin)).length).toBeGreaterThanOrEqual(RUN.length);

    const outside: Record<string, string[]> = {};
    for (const { name, target } of targets) {
      const viaNetwork = requested.get(name)!.filter((url) => !url.startsWith('chrome-extension://'));
      outside[name] = [...viaNetwork, ...await resourcesOutside(target)];
    }
    const extensionRequests = Object.fromEntries([...requested].map(([name, urls]) => [name, urls.length]));
    console.log(`privacy: requests outside the extension ${JSON.stringify(outside)}; chrome-extension: requests seen ${JSON.stringify(extensionRequests)}`);
    expect(outside).toEqual({ panel: [], 'devtools page': [] });
    // The watchers are live: the panel's lazy chunks were seen, and a request made on purpose
    // from the devtools page (after the verdict above) is seen both ways.
    expect(requested.get('panel')!.length).toBeGreaterThan(0);
    const devtoolsPage = targets[1]!.target;
    await devtoolsPage.evaluate(`fetch(${JSON.stringify(`${lab.apiOrigin}/privacy-probe`)}).catch(() => null).then(() => true)`);
    await pollFor('the probe on the watcher', () => (requested.get('devtools page')!.some((url) => url.endsWith('/privacy-probe')) ? true : undefined), 5_000);
    expect(await resourcesOutside(devtoolsPage)).toEqual([`${lab.apiOrigin}/privacy-probe`]);
  }, 60_000);
});
