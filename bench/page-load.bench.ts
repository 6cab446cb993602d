/**
 * Page-load benchmark with DevTools open: the lab page loads and makes 10 CORS requests (a
 * preflighted PUT each) with the CORS Lens panel shown, and the same with a baseline extension
 * whose DevTools panel is empty (the harness needs a panel to show; the baseline costs DevTools
 * nothing beyond an idle page). Both browsers run in the same process, repetitions alternate,
 * and the ratio of medians is printed. Needs a built extension (npx vite build; CORS_LENS_EXTENSION_DIR).
 *
 *   npx tsx bench/page-load.bench.ts [repetitions]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIOS } from '../lab/scenarios.ts';
import { startLab, type Lab } from '../lab/server.ts';
import { launchDevtoolsHarness, type DevtoolsHarness } from '../test/e2e/devtools-harness.ts';

const REPETITIONS = Math.min(Number(process.argv[2] ?? 10), 50);
const REQUESTS_PER_LOAD = 10;
const SCENARIO = SCENARIOS.find((s) => s.id === 'ok-preflight')!;

/** An extension with an empty DevTools panel, titled as the harness expects. */
function writeBaselineExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Baseline', version: '1.0', devtools_page: 'devtools.html' }));
  writeFileSync(join(dir, 'devtools.html'), '<!doctype html><script src="devtools.js"></script>');
  writeFileSync(join(dir, 'devtools.js'), "chrome.devtools.panels.create('CORS Lens', '', 'panel.html');");
  writeFileSync(join(dir, 'panel.html'), '<!doctype html><title>baseline</title>');
  return dir;
}

async function loadOnce(harness: DevtoolsHarness, lab: Lab): Promise<number> {
  const started = performance.now();
  await harness.page.goto(`${lab.pageOrigin}/?rep=${Math.random()}`, { waitUntil: 'load' });
  await harness.page.evaluate(async ([code, urls, n]) => {
    const AsyncFunction = (async () => {}).constructor as new (arg: string, body: string) => (lab: unknown) => Promise<unknown>;
    for (let i = 0; i < n; i++) await new AsyncFunction('lab', code)(urls);
  }, [SCENARIO.code, lab.labFor(SCENARIO), REQUESTS_PER_LOAD] as const);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'cors-lens-bench-'));
  const lab = await startLab({ scenarios: [SCENARIO] });
  const harnesses: DevtoolsHarness[] = [];
  try {
    const withLens = await launchDevtoolsHarness();
    harnesses.push(withLens);
    const baseline = await launchDevtoolsHarness({ extensionDir: writeBaselineExtension(join(temp, 'baseline')) });
    harnesses.push(baseline);
    // One warm-up each (caches, JIT), then alternate.
    await loadOnce(withLens, lab);
    await loadOnce(baseline, lab);
    const times = { withLens: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < REPETITIONS; i++) {
      times.withLens.push(await loadOnce(withLens, lab));
      times.baseline.push(await loadOnce(baseline, lab));
    }
    const rows = await withLens.panel.evaluate<number>('window.corsLens.store.getState().diagnoses.length');
    const a = median(times.withLens);
    const b = median(times.baseline);
    console.log(`page load with DevTools open: lab page + ${REQUESTS_PER_LOAD} preflighted CORS requests, ${REPETITIONS} alternating repetitions (Chromium ${withLens.chromiumVersion})`);
    console.log(`  with CORS Lens   median ${a.toFixed(0)} ms (${Math.min(...times.withLens).toFixed(0)}–${Math.max(...times.withLens).toFixed(0)}); the panel diagnosed ${rows} transactions`);
    console.log(`  baseline panel   median ${b.toFixed(0)} ms (${Math.min(...times.baseline).toFixed(0)}–${Math.max(...times.baseline).toFixed(0)})`);
    console.log(`  ratio ${(a / b).toFixed(2)}`);
  } finally {
    for (const harness of harnesses) await harness.close();
    await lab.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
