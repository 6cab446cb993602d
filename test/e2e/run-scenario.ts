/**
 * Runs one lab scenario in the real DevTools session and returns what Chromium decided (CDP) and
 * the HAR the CORS Lens panel received. Shared by scripts/record-fixtures.ts and the live
 * conformance test, so both observe the browser the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../lab/scenarios.ts';
import type { Lab, Variant } from '../../lab/server.ts';
import type { PanelVerdict } from '../support/conformance.ts';
import { pollFor, type DevtoolsHarness, type HarnessOptions, type ObservedIssue, type ObservedRequest, type PanelHarLog } from './devtools-harness.ts';

/** Fixed ports keep re-recorded fixtures comparable (URLs and Origin headers stay the same). */
export const FIXED_PORTS = { pagePort: 47310, apiPort: 47311, altApiPort: 47312, closedPort: 47313, securePagePort: 47314, secureApiPort: 47315 };
export const SCENARIO_TIMEOUT_MS = 15_000;
/** A fake session cookie on the API origin, so credentialed requests visibly carry a Cookie. */
const LAB_COOKIE = { name: 'lab_session', value: 'fake-session-for-the-cors-lab' };

/** Where recordings live: the unit tests and the lab's fixed variants read them. */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/chromium/', import.meta.url));

/**
 * Saves one run as test/fixtures/chromium/<id>.har (the HAR as the panel received it) and
 * <id>.chromium.json (Chromium's own verdicts). Used by scripts/record-fixtures.ts, and by the
 * live conformance run when CORS_LENS_RECORD_FIXTURES=1.
 */
export function writeFixture(scenario: Scenario, recording: Recording, har: PanelHarLog, dir = FIXTURE_DIR): void {
  mkdirSync(dir, { recursive: true });
  const name = join(dir, scenario.id);
  writeFileSync(`${name}.har`, `${JSON.stringify({ log: har }, null, 2)}\n`);
  writeFileSync(`${name}.chromium.json`, `${JSON.stringify(recording, null, 2)}\n`);
}

export interface RecordedRequest {
  url: string;
  /** Every hop, first to last (a redirected request keeps one id). */
  urls: string[];
  method: string;
  resourceType: string | null;
  corsError: string | null;
  failedParameter: string | null;
  netError: string | null;
  /** CDP's blockedReason (csp, inspector, …): why a request never reached the network. */
  blockedReason: string | null;
}

export interface Recording {
  scenario: string;
  title: string;
  chromiumVersion: string;
  requests: RecordedRequest[];
  /**
   * The DevTools issues Chromium raised (Audits domain). For a request refused before it reached
   * the network (onNetwork false) an issue is Chromium's only verdict: it has no HAR entry at all.
   */
  issues: ObservedIssue[];
  /** What the scenario's code returned in the page (e.g. "TypeError: Failed to fetch"). */
  pageResult: unknown;
}

/**
 * How the lab's browser is launched: third-party cookies on (as in Chrome), the ad blocker for the
 * scenarios that need one, and the https pair's self-signed certificate accepted.
 */
export function labHarnessOptions(scenarios: readonly Scenario[]): HarnessOptions {
  return {
    allowThirdPartyCookies: true,
    blockUrlFilters: scenarios.flatMap((scenario) => scenario.blockedByExtension ?? []),
    args: ['--ignore-certificate-errors'],
  };
}

export async function setLabCookie(harness: DevtoolsHarness, lab: Lab): Promise<void> {
  // SameSite=None (which requires Secure): the API (127.0.0.1) is another site than the page
  // (localhost). Chromium accepts Secure cookies for loopback http, a potentially trustworthy origin.
  const { success } = await harness.network.session.send('Network.setCookie', {
    ...LAB_COOKIE, url: `${lab.apiOrigin}/`, path: '/', sameSite: 'None', secure: true, httpOnly: true,
  });
  if (!success) console.warn('Chromium refused the lab cookie: credentialed requests will carry no Cookie header.');
}

export async function runScenario(harness: DevtoolsHarness, lab: Lab, scenario: Scenario,
  variant: Variant = 'original'): Promise<{ recording: Recording; har: PanelHarLog }> {
  const { page, network } = harness;
  // Navigating also clears DevTools' network log (Preserve log is off): each HAR starts empty.
  // DOMContentLoaded: runner.js (the last element) has run and wired the button; nothing else loads.
  await page.goto(lab.pageUrl(scenario.id, variant), { waitUntil: 'domcontentloaded', timeout: SCENARIO_TIMEOUT_MS });
  network.clear();
  const runStartedMs = Date.now();
  // Click Run like a person would (a real mouse event), so the requests' initiator is the page's
  // own code only; without Playwright's actionability waits, which cost ~0.3 s a scenario.
  const button = await page.locator('#run').boundingBox({ timeout: SCENARIO_TIMEOUT_MS });
  if (!button) throw new Error(`${scenario.id}: the Run button is not on screen`);
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
  const result = await page.waitForSelector('#result[data-done]', { timeout: SCENARIO_TIMEOUT_MS });
  const pageResult = JSON.parse(await result.textContent() ?? 'null') as unknown;
  // The page awaited every response: the network is settled already, or within a moment.
  await network.waitForIdle(SCENARIO_TIMEOUT_MS, 100);
  const observed = network.all();
  const har = await stableHar(harness, runStartedMs, lab.pageUrl(scenario.id, variant), observed.length);

  const recording: Recording = {
    scenario: scenario.id,
    title: scenario.title,
    chromiumVersion: harness.chromiumVersion,
    requests: observed.map(toRecordedRequest),
    issues: network.issues(),
    pageResult,
  };
  return { recording, har };
}

/**
 * The panel's HAR for this run: entries that started after the run began. DevTools receives the
 * network events on its own session, so poll until it has as many entries as Chromium reported
 * requests, or (a request DevTools leaves out of its HAR) until the count has stopped changing.
 */
async function stableHar(harness: DevtoolsHarness, sinceMs: number, pageUrl: string, expected: number): Promise<PanelHarLog> {
  let previous = -1;
  let stableSince = Date.now();
  return pollFor('a stable HAR from the panel', async () => {
    const log = await harness.getHarFromPanel();
    const entries = log.entries.filter((entry) => Date.parse(entry.startedDateTime) >= sinceMs);
    if (entries.length !== previous) {
      previous = entries.length;
      stableSince = Date.now();
      if (entries.length < expected) return undefined;
    } else if (Date.now() - stableSince < 400) return undefined;
    // The scenario's page, even when no request reached the network (CSP, mode 'same-origin').
    const pages = (log.pages ?? []).filter((p) => (p as { title?: unknown }).title === pageUrl);
    return { version: log.version, creator: log.creator, pages, entries };
  }, 10_000, 50);
}

function toRecordedRequest(request: ObservedRequest): RecordedRequest {
  return {
    url: request.url,
    urls: request.urls,
    method: request.method,
    resourceType: request.resourceType,
    corsError: request.corsError,
    failedParameter: request.failedParameter,
    netError: request.netError,
    blockedReason: request.blockedReason,
  };
}

/** Makes the panel list every request (not only problems): the conformance run reads ok rows too. */
export async function showAllRequestsInPanel(harness: DevtoolsHarness): Promise<void> {
  await harness.panel.evaluate(`(() => {
    const box = document.querySelector('[data-testid=problems-only]');
    if (!box) throw new Error('no problems-only checkbox in the panel');
    if (box.checked) box.click();
  })()`);
}

/** Types into the panel's filter box the way a person would (Preact listens to input events). */
export async function setPanelFilter(harness: DevtoolsHarness, text: string): Promise<void> {
  await harness.panel.evaluate(`(() => {
    const input = document.querySelector('[data-testid=filter]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(text)});
    input.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
}

interface RowAttributes { verdict: string; rule: string; method: string; url: string }

/**
 * What the panel SHOWS for the requests whose URL contains `urlPart` (the filter is set to it):
 * each row's verdict and rule, and the Chromium name its detail view gives. Rows arrive live a
 * moment after the network settles, so wait until their number has stopped changing.
 */
export async function panelVerdicts(harness: DevtoolsHarness, urlPart: string, minRows: number): Promise<PanelVerdict[]> {
  const panel = harness.panel;
  await setPanelFilter(harness, urlPart);
  const readRows = () => panel.evaluate<RowAttributes[]>(`[...document.querySelectorAll('[data-testid=request-row]')]
    .filter((row) => row.dataset.url.includes(${JSON.stringify(urlPart)}))
    .map((row) => ({ verdict: row.dataset.verdict, rule: row.dataset.rule, method: row.dataset.method, url: row.dataset.url }))`);
  // While the panel waits for DevTools to attach a response (its awaiting notice), a verdict may
  // still change (seen: preflight-redirect's PUT shown as failure-not-explained for a second).
  const awaiting = () => panel.evaluate<boolean>(`document.querySelector('[data-testid=awaiting-notice]') !== null`);
  let previous = '';
  let stableSince = Date.now();
  const rows = await pollFor(`${minRows}+ panel rows for ${urlPart}, none awaiting a response`, async () => {
    if (await awaiting()) {
      previous = '';
      return undefined;
    }
    const current = await readRows();
    const key = JSON.stringify(current);
    if (key !== previous) {
      previous = key;
      stableSince = Date.now();
      return undefined;
    }
    return current.length >= minRows && Date.now() - stableSince >= 150 ? current : undefined;
  }, 10_000, 50);

  const shown: PanelVerdict[] = [];
  for (let i = 0; i < rows.length; i++) {
    // Open the row, then read the detail for that row (the list keeps its order while filtered).
    const detail = await pollFor(`the detail of row ${i} for ${urlPart}`, () => panel.evaluate<{ verdict: string; rule: string; chromiumError: string | null } | null>(`(() => {
      const row = [...document.querySelectorAll('[data-testid=request-row]')].filter((r) => r.dataset.url.includes(${JSON.stringify(urlPart)}))[${i}];
      if (!row) return null;
      if (row.getAttribute('aria-selected') !== 'true') { row.click(); return null; }
      const detail = document.querySelector('[data-testid=detail]');
      if (!detail) return null;
      const named = [...detail.querySelectorAll('.ids span')].find((span) => span.textContent.startsWith('Chromium:'));
      return { verdict: detail.dataset.verdict, rule: detail.dataset.rule, chromiumError: named ? named.querySelector('code').textContent : null };
    })()`).then((value) => value ?? undefined), 5_000, 30);
    const row = rows[i]!;
    // The row and its detail must tell the same story.
    if (detail.verdict !== row.verdict || detail.rule !== row.rule) {
      throw new Error(`panel row says ${row.verdict}/${row.rule} but its detail says ${detail.verdict}/${detail.rule} (${row.url})`);
    }
    shown.push({ ...row, chromiumError: detail.chromiumError });
  }
  return shown;
}
