/**
 * Records the lab scenarios in Debian's firefox-esr with its DevTools open:
 *   test/fixtures/firefox/<id>.har           — the HAR Firefox's DevTools hand to extensions
 *                                               (browser.devtools.network.getHAR), entries of the run only
 *   test/fixtures/firefox/<id>.firefox.json  — Firefox's own CORS console errors for the run, each
 *                                               named by its reason (CORSMissingAllowOrigin, …)
 * Firefox runs under its own Xvfb display, driven over Marionette (test/e2e/firefox-harness.ts).
 * Scenarios that need the Chromium recorder's ad-blocker extension are left out.
 *
 *   npx tsx scripts/record-firefox-fixtures.ts [scenario-id …]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../lab/scenarios.ts';
import type { Lab } from '../lab/server.ts';
import { scenariosFromArgs, startLabOnFixedPorts, runBounded } from './recorder-args.ts';
import { launchFirefoxHarness, pollFor, type FirefoxConsoleCors, type FirefoxHarness } from '../test/e2e/firefox-harness.ts';

const OUT_DIR = fileURLToPath(new URL('../test/fixtures/firefox/', import.meta.url));
const SCENARIO_TIMEOUT_MS = 15_000;

export interface FirefoxRecording {
  scenario: string;
  title: string;
  firefoxVersion: string;
  /** What the scenario's code returned in the page. */
  pageResult: unknown;
  /** Firefox's CORS console errors during the run, in order. */
  console: FirefoxConsoleCors[];
}

async function main(): Promise<number> {
  const selected = scenariosFromArgs(process.argv.slice(2));
  if (!selected) return 2;
  const scenarios = selected.filter((s) => !s.blockedByExtension);
  mkdirSync(OUT_DIR, { recursive: true });
  // The Chromium recordings' ports: the same URLs and Origin headers in both browsers' fixtures.
  const lab = await startLabOnFixedPorts();
  let harness: FirefoxHarness | undefined;
  let failed = 0;
  // Interrupted: still stop Firefox and Xvfb.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void Promise.all([harness?.close(), lab.close()]).finally(() => process.exit(130)));
  }
  try {
    harness = await launchFirefoxHarness();
    console.log(`Firefox ${harness.firefoxVersion} on ${harness.display}, lab ${lab.pageOrigin} → ${lab.apiOrigin}`);
    await setLabCookie(harness, lab);
    await harness.navigate('about:blank');
    await harness.openToolbox('netmonitor');
    for (const scenario of scenarios) {
      try {
        const { recording, entries } = await recordScenario(harness, lab, scenario);
        const reasons = recording.console.map((c) => c.reason).join(', ') || '-';
        console.log(`${scenario.id.padEnd(40)} ${String(entries).padStart(2)} entries  ${reasons}`);
      } catch (error) {
        failed++;
        console.log(`${scenario.id.padEnd(40)} FAILED: ${String(error)}`);
      }
    }
  } finally {
    await harness?.close();
    await lab.close();
  }
  console.log(`${scenarios.length - failed} of ${scenarios.length} scenarios recorded in ${OUT_DIR}`);
  return failed === 0 ? 0 : 1;
}

async function recordScenario(harness: FirefoxHarness, lab: Lab, scenario: Scenario): Promise<{ recording: FirefoxRecording; entries: number }> {
  const pageUrl = lab.pageUrl(scenario.id);
  // Navigating clears the network monitor (persist log is off): each HAR starts with the page.
  await harness.navigate(pageUrl);
  await harness.takeConsoleCors();
  const runStartedMs = Date.now();
  await harness.inPage(`document.querySelector('#run').click();`);
  const pageResult = await pollFor('the scenario to finish', () => harness.inPage<string | null>(
    `const out = document.querySelector('#result[data-done]'); return out ? out.textContent : null;`,
  ).then((text) => (text === null ? undefined : JSON.parse(text) as unknown)), SCENARIO_TIMEOUT_MS, 100);
  const log = await stableHar(harness, runStartedMs);
  const recording: FirefoxRecording = {
    scenario: scenario.id,
    title: scenario.title,
    firefoxVersion: harness.firefoxVersion,
    pageResult,
    console: await harness.takeConsoleCors(),
  };
  const pages = (log.pages ?? []).filter((p) => (p as { title?: unknown }).title === pageUrl);
  const name = join(OUT_DIR, scenario.id);
  writeFileSync(`${name}.har`, `${JSON.stringify({ log: { version: log.version, creator: log.creator, browser: log.browser, pages, entries: log.entries } }, null, 2)}\n`);
  writeFileSync(`${name}.firefox.json`, `${JSON.stringify(recording, null, 2)}\n`);
  return { recording, entries: log.entries.length };
}

/**
 * The lab's fake session cookie on the API origin (as the Chromium recorder sets it), so
 * credentialed requests visibly carry a Cookie. Set by the API origin's own document; the
 * profile allows third-party cookies.
 */
async function setLabCookie(harness: FirefoxHarness, lab: Lab): Promise<void> {
  await harness.navigate(`${lab.apiOrigin}/`);
  // No SameSite attribute: Firefox then treats it as None; "SameSite=None" without Secure is refused.
  await harness.inPage(`document.cookie = 'lab_session=fake-session-for-the-cors-lab; path=/';`);
  const cookie = await harness.inPage<string>('return document.cookie;');
  if (!cookie.includes('lab_session=')) console.warn('Firefox refused the lab cookie: credentialed requests will carry no Cookie header.');
}

/**
 * The run's entries, once they have stopped changing for 500 ms (bounded): Firefox fills an
 * entry in (status, headers) after it first appears.
 */
async function stableHar(harness: FirefoxHarness, sinceMs: number) {
  let previous = '';
  let stableSince = Date.now();
  let last: Awaited<ReturnType<FirefoxHarness['getHar']>> | undefined;
  try {
    return await pollFor('a complete, stable HAR from Firefox', async () => {
      const log = await harness.getHar();
      const entries = log.entries.filter((entry) => Date.parse(String(entry.startedDateTime)) >= sinceMs) as unknown as HarShape[];
      last = { ...log, entries: entries as unknown as Array<Record<string, unknown>> };
      const signature = JSON.stringify(entries.map(({ request, response }) =>
        [request.method, request.url, request.headers.length, response.status, response.headers.length]));
      if (signature !== previous) {
        previous = signature;
        stableSince = Date.now();
        return undefined;
      }
      // Firefox lists a request before its status is filled in: wait for the status of every
      // response that has headers, and for at least one request.
      const complete = entries.length > 0 && entries.every(({ response }) => response.status !== 0 || response.headers.length === 0);
      return complete && Date.now() - stableSince >= 700 ? last : undefined;
    }, 10_000, 100);
  } catch (error) {
    if (!last) throw error;
    console.warn(`  (${String(error)}: keeping the last HAR, ${last.entries.length} entries)`);
    return last;
  }
}

interface HarShape { request: { method: string; url: string; headers: unknown[] }; response: { status: number; headers: unknown[] } }

runBounded('record-firefox-fixtures', main);
