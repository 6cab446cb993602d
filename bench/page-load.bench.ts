/**
 * Page-load overhead of CORS Lens: the lab page loads and makes 10 CORS requests (a preflighted
 * PUT each) with DevTools open, in two Chromiums launched with the same flags:
 *  - with CORS Lens: the extension loaded, its panel shown;
 *  - baseline: no extension at all, DevTools open on its default panel.
 * Both have the DevTools frontend attached and open while the page loads, and the same page-level
 * CDP session (the harness's NetworkObserver). Repetitions alternate after a warm-up; between two
 * loads both browsers are left to settle (the panel has diagnosed the load, then a quiet pause), so
 * the panel's leftover work never runs during the other browser's load. Printed: medians, spread
 * (interquartile range, min–max) and the ratio of medians for three clocks:
 *  - total: goto → the 10 requests answered, measured here (what a user waits for);
 *  - load: the page's own navigation timing, navigation start → loadEventEnd;
 *  - requests: the 10 sequential fetches, timed in the page (performance.now()).
 * Needs a built extension (npx vite build; CORS_LENS_EXTENSION_DIR).
 *
 * Also printed: the median of the paired ratios (each repetition loads once in each browser, back
 * to back), which drifting machine load disturbs less than a ratio of medians.
 *
 *   npx tsx bench/page-load.bench.ts [repetitions] [--baseline-panel=console]
 *   (default 30 repetitions, at most 200; the baseline may show another DevTools panel than its
 *   default one, to see whether the panel it shows matters)
 */
import { SCENARIOS } from '../lab/scenarios.ts';
import { startLab, type Lab } from '../lab/server.ts';
import { launchDevtoolsHarness, pollFor, sleep, type CdpTarget, type DevtoolsHarness } from '../test/e2e/devtools-harness.ts';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const REPETITIONS = Math.max(3, Math.min(Number(positional[0] ?? 30) || 30, 200));
const BASELINE_PANEL = process.argv.find((arg) => arg.startsWith('--baseline-panel='))?.slice('--baseline-panel='.length);
const WARM_UP = 3;
const REQUESTS_PER_LOAD = 10;
const SETTLE_MS = 150;
const SCENARIO = SCENARIOS.find((s) => s.id === 'ok-preflight')!;

interface Sample { total: number; load: number; requests: number }

/** Main-thread busy time of a target so far, in ms (CDP Performance.getMetrics TaskDuration). */
async function busyMs(target: CdpTarget): Promise<number> {
  const { metrics } = await target.send<{ metrics: Array<{ name: string; value: number }> }>('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
}

async function loadOnce(harness: DevtoolsHarness, lab: Lab): Promise<Sample> {
  const started = performance.now();
  await harness.page.goto(`${lab.pageOrigin}/?rep=${Math.random()}`, { waitUntil: 'load' });
  const inPage = await harness.page.evaluate(async ([code, urls, n]) => {
    const AsyncFunction = (async () => {}).constructor as new (arg: string, body: string) => (lab: unknown) => Promise<unknown>;
    const from = performance.now();
    for (let i = 0; i < n; i++) await new AsyncFunction('lab', code)(urls);
    const requests = performance.now() - from;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { requests, load: navigation ? navigation.loadEventEnd - navigation.startTime : NaN };
  }, [SCENARIO.code, lab.labFor(SCENARIO), REQUESTS_PER_LOAD] as const);
  return { total: performance.now() - started, ...inPage };
}

/** Until the panel has diagnosed this load's requests and its count holds still (bounded). */
async function settle(harness: DevtoolsHarness | null): Promise<number> {
  let count = -1;
  if (harness) {
    let last = -1;
    count = await pollFor('the panel to diagnose the load', async () => {
      const now = await harness.panel.evaluate<number>('window.corsLens.store.getState().diagnoses.length');
      const stable = now >= REQUESTS_PER_LOAD && now === last;
      last = now;
      return stable ? now : undefined;
    }, 10_000, 50);
  }
  await sleep(SETTLE_MS);
  return count;
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => {
  const s = sorted(values);
  const at = (s.length - 1) * q;
  const low = Math.floor(at);
  return s[low]! + (s[Math.min(low + 1, s.length - 1)]! - s[low]!) * (at - low);
};
const median = (values: number[]) => quantile(values, 0.5);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const spread = (values: number[]) =>
  `IQR ${quantile(values, 0.25).toFixed(1)}–${quantile(values, 0.75).toFixed(1)}, range ${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;

async function main(): Promise<void> {
  const lab = await startLab({ scenarios: [SCENARIO] });
  const harnesses: DevtoolsHarness[] = [];
  try {
    const withLens = await launchDevtoolsHarness();
    harnesses.push(withLens);
    const baseline = await launchDevtoolsHarness({ extensionDir: null });
    harnesses.push(baseline);
    const defaultPanel = await baseline.devtools.evaluate<string>(`(async () => {
      const legacy = await import('./ui/legacy/legacy.js');
      const view = legacy.InspectorView.InspectorView.instance();
      ${BASELINE_PANEL ? `await view.showPanel(${JSON.stringify(BASELINE_PANEL)});` : ''}
      return view.tabbedPane.selectedTabId ?? '?';
    })()`);
    const runs: Array<{ name: string; harness: DevtoolsHarness; panel: DevtoolsHarness | null; samples: Sample[]; devtoolsBusy: number[]; panelBusy: number[] }> = [
      { name: 'with CORS Lens', harness: withLens, panel: withLens, samples: [], devtoolsBusy: [], panelBusy: [] },
      { name: 'no extension', harness: baseline, panel: null, samples: [], devtoolsBusy: [], panelBusy: [] },
    ];
    // Where the extension's cost would land: the DevTools frontend (it serializes every finished
    // request for extensions) and the panel page, each on its own main thread.
    for (const target of [withLens.devtools, withLens.panel, baseline.devtools]) await target.send('Performance.enable');
    const rowsPerLoad: number[] = [];
    for (let i = 0; i < WARM_UP + REPETITIONS; i++) {
      // Alternate which browser goes first, so neither always follows the other.
      const order = i % 2 === 0 ? runs : [...runs].reverse();
      for (const run of order) {
        const before = [await busyMs(run.harness.devtools), run.panel ? await busyMs(run.panel.panel) : 0];
        const sample = await loadOnce(run.harness, lab);
        const rows = await settle(run.panel);
        if (i < WARM_UP) continue;
        if (run.panel) rowsPerLoad.push(rows);
        run.samples.push(sample);
        run.devtoolsBusy.push(await busyMs(run.harness.devtools) - before[0]!);
        if (run.panel) run.panelBusy.push(await busyMs(run.panel.panel) - before[1]!);
      }
    }
    const [lens, base] = [runs[0]!.samples, runs[1]!.samples];
    console.log(`page load with DevTools open: lab page + ${REQUESTS_PER_LOAD} preflighted CORS requests, ${REPETITIONS} alternating repetitions after ${WARM_UP} warm-ups (Chromium ${withLens.chromiumVersion})`);
    console.log(`  baseline: no extension loaded, DevTools open on ${BASELINE_PANEL ? 'the' : 'its default'} panel (${defaultPanel}); CORS Lens: its panel shown, ${Math.min(...rowsPerLoad)}–${Math.max(...rowsPerLoad)} transactions diagnosed per load`);
    console.log(`  main-thread time per load (load + settling): DevTools frontend ${ms(median(runs[0]!.devtoolsBusy))} with CORS Lens, ${ms(median(runs[1]!.devtoolsBusy))} without; CORS Lens panel ${ms(median(runs[0]!.panelBusy))} (${spread(runs[0]!.panelBusy)})`);
    for (const [clock, label] of [['total', 'goto → 10 requests answered'], ['load', 'navigation → loadEventEnd'], ['requests', '10 requests, in the page']] as const) {
      const a = lens.map((s) => s[clock]);
      const b = base.map((s) => s[clock]);
      console.log(`  ${label}`);
      console.log(`    with CORS Lens  median ${ms(median(a))} (${spread(a)})`);
      console.log(`    no extension    median ${ms(median(b))} (${spread(b)})`);
      const paired = a.map((value, k) => value / b[k]!);
      console.log(`    ratio of medians ${(median(a) / median(b)).toFixed(3)}; paired ratios median ${median(paired).toFixed(3)} (IQR ${quantile(paired, 0.25).toFixed(3)}–${quantile(paired, 0.75).toFixed(3)})`);
    }
  } finally {
    for (const harness of harnesses) await harness.close();
    await lab.close();
  }
}

await main();
