/**
 * Records every lab scenario in real Chromium, with the real DevTools open on the CORS Lens panel:
 *   test/fixtures/chromium/<id>.har            — chrome.devtools.network.getHAR() as the panel receives it
 *   test/fixtures/chromium/<id>.chromium.json  — Chromium's own verdict per request (CDP loadingFailed)
 * Exits 1 when a verdict differs from the scenario's expectation (the files still hold the truth).
 *
 *   npx vite build && npx tsx scripts/record-fixtures.ts [scenario-id …]
 * (The live conformance test saves the same files from its own run with CORS_LENS_RECORD_FIXTURES=1.)
 */
import type { Scenario } from '../lab/scenarios.ts';
import type { Lab } from '../lab/server.ts';
import { scenariosFromArgs, startLabOnFixedPorts, runBounded } from './recorder-args.ts';
import { launchDevtoolsHarness, type DevtoolsHarness } from '../test/e2e/devtools-harness.ts';
import {
  FIXTURE_DIR as OUT_DIR, labHarnessOptions, runScenario, setLabCookie, writeFixture, type Recording,
} from '../test/e2e/run-scenario.ts';

interface Outcome {
  scenario: Scenario;
  /** null when the scenario could not be recorded (its previous files are left as they were). */
  recording: Recording | null;
  harEntries: number;
  mismatches: string[];
}

async function main(): Promise<number> {
  const scenarios = scenariosFromArgs(process.argv.slice(2));
  if (!scenarios) return 2;

  const lab = await startLabOnFixedPorts();
  let harness: DevtoolsHarness | undefined;
  const outcomes: Outcome[] = [];
  try {
    harness = await launchDevtoolsHarness(labHarnessOptions(scenarios));
    console.log(`Chromium ${harness.chromiumVersion}, CORS Lens ${harness.extensionId}, lab ${lab.pageOrigin} → ${lab.apiOrigin}`);
    await setLabCookie(harness, lab);
    for (const scenario of scenarios) {
      // One broken scenario must not cost the others their recording.
      const outcome = await recordScenario(harness, lab, scenario).catch((error: unknown): Outcome => ({
        scenario, recording: null, harEntries: 0, mismatches: [`recording failed: ${String(error)}`],
      }));
      outcomes.push(outcome);
      process.stdout.write(outcome.mismatches.length === 0 ? '.' : 'x');
    }
    process.stdout.write('\n');
  } finally {
    await harness?.close();
    await lab.close();
  }

  printSummary(outcomes);
  const failed = outcomes.filter((o) => o.mismatches.length > 0);
  for (const { scenario, mismatches } of failed) {
    console.error(`\n${scenario.id}: Chromium disagrees with lab/scenarios.ts (the recording keeps Chromium's answer)`);
    for (const line of mismatches) console.error(`  ${line}`);
  }
  console.log(`\n${outcomes.length} scenarios recorded in ${OUT_DIR}; ${failed.length} differ from their expectation.`);
  return failed.length === 0 ? 0 : 1;
}

async function recordScenario(harness: DevtoolsHarness, lab: Lab, scenario: Scenario): Promise<Outcome> {
  const { recording, har } = await runScenario(harness, lab, scenario);
  writeFixture(scenario, recording, har);
  return { scenario, recording, harEntries: har.entries.length, mismatches: compare(scenario, recording) };
}

/** The issues that stand for a request Chromium refused before it reached the network. */
const NOT_SENT_ISSUES = new Set(['CorsIssue', 'ContentSecurityPolicyIssue']);

/**
 * Every request the page made (preflights are judged through their request) must match the
 * expectation; a request that never reached the network is judged by its issue.
 */
function compare(scenario: Scenario, recording: Recording): string[] {
  const { corsError, netError, issueOnly } = scenario.expected;
  const sent = recording.requests.filter((r) => r.resourceType !== 'preflight');
  const notSent = recording.issues.filter((issue) => !issue.onNetwork && NOT_SENT_ISSUES.has(issue.code));
  const diffs: string[] = [];
  if (issueOnly) {
    if (sent.length > 0) diffs.push(`expected no network request (only a ${issueOnly}), Chromium sent ${sent.length}`);
    if (!notSent.some((issue) => issue.code === issueOnly && (issue.corsError ?? null) === corsError)) {
      diffs.push(`expected a ${issueOnly}${corsError ? ` ${corsError}` : ''}, Chromium raised ${notSent.map((i) => `${i.code} ${i.corsError ?? ''}`).join(', ') || 'none'}`);
    }
    return diffs;
  }
  if (sent.length === 0) diffs.push(`expected a request (${corsError} / ${netError}), Chromium reported none on the network`);
  for (const issue of notSent) diffs.push(`unexpected ${issue.code} ${issue.corsError ?? ''} for a request never sent: ${issue.url}`);
  for (const request of sent) {
    const at = `${request.method} ${request.url}`;
    if (request.corsError !== corsError) diffs.push(`${at}: corsError: expected ${corsError}, Chromium ${request.corsError}`);
    if (request.netError !== netError) diffs.push(`${at}: netError: expected ${netError}, Chromium ${request.netError}`);
  }
  return diffs;
}

function printSummary(outcomes: Outcome[]): void {
  const rows = outcomes.map(({ scenario, recording, harEntries, mismatches }) => {
    if (!recording) return ['FAIL', scenario.id, '-', 'not recorded'];
    const requests = recording.requests;
    const verdicts = [
      ...requests.map((r) =>
        `${r.resourceType === 'preflight' ? 'preflight' : r.method} ${r.corsError ?? '-'}${r.netError ? ` ${r.netError}` : ''}${r.blockedReason ? ` [${r.blockedReason}]` : ''}`),
      ...recording.issues.filter((issue) => !issue.onNetwork && NOT_SENT_ISSUES.has(issue.code))
        .map((issue) => `not sent: ${issue.code} ${issue.corsError ?? issue.violatedDirective ?? ''}`),
    ];
    return [mismatches.length === 0 ? 'ok' : 'DIFF', scenario.id, String(harEntries), verdicts.join('; ') || '(no request)'];
  });
  const header = ['', 'scenario', 'HAR', 'Chromium verdicts (CDP)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

runBounded('record-fixtures', main);
