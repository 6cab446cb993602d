/**
 * Live proof that CORS Lens decides what Chromium decides: every lab scenario runs in Debian's
 * Chromium with the extension loaded and the real DevTools open on the CORS Lens panel. For each
 * request, Chromium's own verdict (CDP corsErrorStatus) must equal the engine's chromiumError on
 * the HAR the panel received through chrome.devtools.network.getHAR().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { compareWithChromium, formatConformanceTable, type ConformanceRow } from '../support/conformance.ts';
import { launchDevtoolsHarness, type DevtoolsHarness } from './devtools-harness.ts';
import { runScenario, setLabCookie } from './run-scenario.ts';

let lab: Lab;
let harness: DevtoolsHarness;
const table: { scenario: string; row: ConformanceRow }[] = [];

beforeAll(async () => {
  lab = await startLab();
  harness = await launchDevtoolsHarness({
    allowThirdPartyCookies: true,
    blockUrlFilters: SCENARIOS.flatMap((scenario) => scenario.blockedByExtension ?? []),
  });
  await setLabCookie(harness, lab);
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await lab?.close();
  if (table.length > 0) console.log(`\nEngine vs Chromium ${harness?.chromiumVersion ?? ''} (live)\n${formatConformanceTable(table)}`);
});

describe('live: engine verdicts equal Chromium, scenario by scenario', () => {
  // Scenarios Chromium refuses before the network (CSP, mode 'same-origin') leave no HAR entry to diagnose.
  for (const scenario of SCENARIOS.filter((s) => !s.expected.issueOnly)) {
    it(scenario.id, async () => {
      const { recording, har } = await runScenario(harness, lab, scenario);
      const sent = recording.requests.filter((r) => r.resourceType !== 'preflight');
      expect(sent.length, 'the scenario made a request').toBeGreaterThan(0);
      // The lab's expectation was checked against Chromium when recording; a change here means Chromium changed.
      for (const request of sent) expect(request.corsError, `${request.method} ${request.url}`).toBe(scenario.expected.corsError);
      const rows = compareWithChromium({ log: har }, recording.requests);
      table.push(...rows.map((row) => ({ scenario: scenario.id, row })));
      for (const row of rows) expect(row, `${row.request}: Chromium ${row.chromium}, CORS Lens ${row.engine}`).toMatchObject({ agree: true });
    }, 30_000);
  }
});
