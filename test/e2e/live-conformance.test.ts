/**
 * Live proof that CORS Lens decides what Chromium decides. Every lab scenario runs in Debian's
 * Chromium with the extension loaded and the real DevTools open on the CORS Lens panel, in one
 * browser and one DevTools session. For each request Chromium's own verdict (CDP
 * Network.loadingFailed.corsErrorStatus.corsError, or none) must equal
 *  - the engine's chromiumError on the HAR the panel received (chrome.devtools.network.getHAR), and
 *  - what the panel SHOWS: its row is "blocked" exactly when Chromium has a corsError, and the
 *    row's detail names the same Chromium error.
 * Then every fixed variant (the lab server after the fix CORS Lens suggests, lab/apply-fix.ts)
 * must pass in Chromium and show as ok in the panel. Prints both tables and the agreement figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labFixFor } from '../../lab/apply-fix.ts';
import { SCENARIOS } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { compareLive, describePanel, formatConformanceTable, type ConformanceRow } from '../support/conformance.ts';
import { launchDevtoolsHarness, pollFor, type DevtoolsHarness } from './devtools-harness.ts';
import {
  FIXED_PORTS, FIXTURE_DIR, labHarnessOptions, panelVerdicts, runScenario, setLabCookie, setPanelFilter, showAllRequestsInPanel, writeFixture,
} from './run-scenario.ts';

/**
 * CORS_LENS_RECORD_FIXTURES=1: this run also re-records test/fixtures/chromium (on the fixed ports,
 * so URLs stay comparable); any other value names the directory to record into instead.
 */
const RECORD = process.env.CORS_LENS_RECORD_FIXTURES;
const RECORD_DIR = RECORD === '1' ? FIXTURE_DIR : RECORD;

let lab: Lab;
let harness: DevtoolsHarness;
const table: { scenario: string; row: ConformanceRow }[] = [];
const fixedTable: { scenario: string; row: ConformanceRow }[] = [];
const notOnNetwork: string[] = [];
const startedMs = Date.now();

beforeAll(async () => {
  lab = RECORD_DIR ? await startLab(FIXED_PORTS).catch(() => startLab()) : await startLab();
  harness = await launchDevtoolsHarness(labHarnessOptions(SCENARIOS));
  await setLabCookie(harness, lab);
  await showAllRequestsInPanel(harness);
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await lab?.close();
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  if (table.length > 0) {
    console.log(`\nCORS Lens vs Chromium ${harness?.chromiumVersion ?? ''} (live, real DevTools panel)\n${formatConformanceTable(table)}`);
    if (notOnNetwork.length > 0) {
      console.log(`not compared (refused by the renderer before the network: no HAR entry, no panel row): ${notOnNetwork.join(', ')}`);
    }
  }
  if (fixedTable.length > 0) console.log(`\nFixed variants (the server after CORS Lens's fix)\n${formatConformanceTable(fixedTable)}`);
  console.log(`live conformance: ${seconds} s`);
});

/** Scenarios that send the same PUT twice: the second must reuse the cached preflight. */
const PREFLIGHT_CACHE = new Set(['preflight-cached', 'max-age-above-cap']);

/** Chromium sent one OPTIONS for the two PUTs: the second used its preflight cache. */
function expectOnePreflightForTwoPuts(requests: readonly { method: string; resourceType: string | null }[]): void {
  expect(requests.filter((r) => r.resourceType === 'preflight').length, 'OPTIONS on the wire').toBe(1);
  expect(requests.filter((r) => r.method === 'PUT').length, 'PUTs on the wire').toBe(2);
}

/** The part of a URL all of one scenario's requests share (its routes live under it). */
const basePath = (url: string) => new URL(url).pathname;

describe('live: what the panel shows equals Chromium, scenario by scenario', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.id, async () => {
      const { recording, har } = await runScenario(harness, lab, scenario);
      if (RECORD_DIR) writeFixture(scenario, recording, har, RECORD_DIR);
      const sent = recording.requests.filter((r) => r.resourceType !== 'preflight');
      const base = basePath(lab.labFor(scenario).api);
      if (scenario.expected.issueOnly) {
        // Chromium refused it in the renderer: it says so only as a DevTools issue, never to the network log.
        expect(sent, 'no request reached the network').toEqual([]);
        expect(recording.issues.map((i) => [i.code, i.corsError ?? null])).toContainEqual([scenario.expected.issueOnly, scenario.expected.corsError]);
        await setPanelFilter(harness, base);
        await expect(pollFor('a quiet panel', () => harness.panel.evaluate<number>(
          `document.querySelectorAll('[data-testid=request-row]').length`).then((n) => (n === 0 ? n : undefined)), 2_000)).resolves.toBe(0);
        notOnNetwork.push(`${scenario.id} (${scenario.expected.issueOnly}${scenario.expected.corsError ? ` ${scenario.expected.corsError}` : ''})`);
        return;
      }
      expect(sent.length, 'the scenario made a request').toBeGreaterThan(0);
      // The lab's expectation was measured in Chromium; a change here means Chromium changed.
      for (const request of sent) expect(request.corsError, `${request.method} ${request.url}`).toBe(scenario.expected.corsError);
      if (PREFLIGHT_CACHE.has(scenario.id)) expectOnePreflightForTwoPuts(recording.requests);
      const shown = await panelVerdicts(harness, base, 1);
      const rows = compareLive({ log: har }, recording.requests, shown);
      table.push(...rows.map((row) => ({ scenario: scenario.id, row })));
      for (const row of rows) {
        expect(row, `${row.request}: Chromium ${row.chromium}, engine ${row.engine}, panel ${row.panel}`).toMatchObject({ agree: true });
      }
    }, 30_000);
  }
});

describe('live: every fixed variant passes in Chromium and shows as ok', () => {
  // CORS Lens's fixes, from the recordings (the lab computes the same ones when it starts).
  const fixable = SCENARIOS.filter((s) => labFixFor(s).kind === 'server');
  it('has a server fix for every scenario whose failure is a CORS policy', () => {
    const withFix = SCENARIOS.filter((s) => lab.fixes.get(s.id)?.kind === 'server').map((s) => s.id);
    // Every blocked scenario has one, except where CORS Lens's remedy is in the page or not CORS at all.
    const blockedWithout = SCENARIOS.filter((s) => s.expected.corsError && !s.expected.issueOnly && !withFix.includes(s.id)).map((s) => s.id);
    expect(blockedWithout).toEqual(['redirect-cross-origin-needs-null', 'redirect-with-credentials-in-url', 'redirect-to-ftp']);
    expect(withFix.length).toBeGreaterThanOrEqual(35);
  });

  for (const scenario of fixable) {
    it(`${scenario.id} (fixed)`, async () => {
      const { recording, har } = await runScenario(harness, lab, scenario, 'fixed');
      const sent = recording.requests.filter((r) => r.resourceType !== 'preflight');
      expect(sent.length, 'the fixed scenario made a request').toBeGreaterThan(0);
      for (const request of recording.requests) {
        expect({ corsError: request.corsError, netError: request.netError }, `${request.method} ${request.url}`).toEqual({ corsError: null, netError: null });
      }
      // The fix keeps (or sets) a max-age: the cache still works after it.
      if (PREFLIGHT_CACHE.has(scenario.id)) expectOnePreflightForTwoPuts(recording.requests);
      const shown = await panelVerdicts(harness, basePath(lab.labFor(scenario, 'fixed').api), 1);
      const rows = compareLive({ log: har }, recording.requests, shown).map((row) => {
        const panelRow = shown.find((s) => row.panel === describePanel(s));
        return { ...row, agree: row.agree && panelRow?.verdict === 'ok' };
      });
      fixedTable.push(...rows.map((row) => ({ scenario: scenario.id, row })));
      for (const row of rows) expect(row, `${row.request}: panel ${row.panel}`).toMatchObject({ agree: true });
    }, 30_000);
  }
});

describe('live: the gallery runs a scenario for a person', () => {
  it('Run on the gallery runs the scenario, shows what the page saw and what went over the wire', async () => {
    const { page } = harness;
    await page.goto(`${lab.pageOrigin}/`, { waitUntil: 'domcontentloaded' });
    const card = page.locator('[data-scenario="preflight-404-no-cors"]');
    await expect(card.locator('[data-testid=run-fixed]').count()).resolves.toBe(1);
    await card.locator('[data-testid=run]').click();
    await page.waitForSelector('#result[data-done]', { timeout: 10_000 });
    expect(JSON.parse(await page.locator('#result').textContent() ?? 'null')).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    await page.click('#show-exchange');
    await page.waitForSelector('#exchange[data-done]', { timeout: 10_000 });
    const wire = await page.locator('#exchange').textContent();
    expect(wire).toMatch(/→ OPTIONS \/s\/preflight-404-no-cors\/data[\s\S]*← 404/);
    // And the panel diagnoses the request the gallery made.
    const shown = await panelVerdicts(harness, '/s/preflight-404-no-cors/', 1);
    expect(shown.map((s) => [s.verdict, s.chromiumError])).toEqual([['blocked', 'PreflightMissingAllowOriginHeader']]);

    // One click to the fixed variant: same code, the server after CORS Lens's fix.
    await page.click('[data-testid=switch-variant]');
    await page.waitForURL(/\/fixed\/preflight-404-no-cors$/);
    await page.click('#run');
    await page.waitForSelector('#result[data-done]', { timeout: 10_000 });
    expect(JSON.parse(await page.locator('#result').textContent() ?? 'null')).toMatchObject({ ok: true, value: { status: 200 } });
  }, 30_000);
});
