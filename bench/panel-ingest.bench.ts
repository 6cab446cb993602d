/**
 * Panel ingest benchmark in the REAL DevTools panel: 10,000 requests handed to the panel's store
 * the way live capture does (addEntries(…, 'live') in batches of 50), diagnosed and rendered.
 * Prints ms per request and the panel page's JS heap before and after (CDP Runtime.getHeapUsage,
 * Performance.getMetrics). Needs a built extension (npx vite build; CORS_LENS_EXTENSION_DIR).
 *
 *   npx tsx bench/panel-ingest.bench.ts [requests]
 */
import { readFileSync } from 'node:fs';
import { launchDevtoolsHarness, pollFor, type CdpTarget } from '../test/e2e/devtools-harness.ts';

const REQUESTS = Number(process.argv[2] ?? 10_000);
const BATCH = 50;
const template = (JSON.parse(readFileSync(new URL('../test/fixtures/chromium/missing-allow-origin.har', import.meta.url), 'utf8')) as
  { log: { entries: Array<{ request: { url: string } }> } }).log.entries.find((e) => e.request.url.includes('/s/'))!;

async function heap(panel: CdpTarget): Promise<{ usedMB: number; totalMB: number; metricMB: number }> {
  await panel.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const { usedSize, totalSize } = await panel.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
  const { metrics } = await panel.send<{ metrics: Array<{ name: string; value: number }> }>('Performance.getMetrics');
  const metric = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024 * 10) / 10;
  return { usedMB: mb(usedSize), totalMB: mb(totalSize), metricMB: mb(metric) };
}

async function main(): Promise<void> {
  const harness = await launchDevtoolsHarness();
  try {
    const panel = harness.panel;
    await pollFor('the panel store', () => panel.evaluate<boolean>('Boolean(window.corsLens?.store)').then((ok) => ok || undefined), 10_000);
    await panel.send('Performance.enable');
    await panel.send('HeapProfiler.enable').catch(() => undefined);
    const before = await heap(panel);
    const result = await panel.evaluate<{ ms: number; diagnoses: number; domRows: number }>(`(async () => {
      const template = ${JSON.stringify(template)};
      const store = window.corsLens.store;
      const base = Date.parse('2026-01-01T00:00:00Z');
      const started = performance.now();
      for (let start = 0; start < ${REQUESTS}; start += ${BATCH}) {
        const entries = [];
        for (let i = start; i < Math.min(start + ${BATCH}, ${REQUESTS}); i++) {
          entries.push({ ...template, startedDateTime: new Date(base + i * 100).toISOString(),
            request: { ...template.request, url: template.request.url + '/n' + i } });
        }
        store.addEntries(entries, 'live');
        // Yield as between network events: the store's batch and renders run in between.
        await new Promise((done) => setTimeout(done, 0));
      }
      store.flush();
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return { ms: performance.now() - started, diagnoses: store.getState().diagnoses.length,
        domRows: document.querySelectorAll('[data-testid=request-row]').length };
    })()`, 300_000);
    const after = await heap(panel);
    if (result.diagnoses !== REQUESTS) throw new Error(`expected ${REQUESTS} diagnoses, the panel holds ${result.diagnoses}`);
    console.log(`panel ingest: ${REQUESTS.toLocaleString('en')} live requests in batches of ${BATCH} (Chromium ${harness.chromiumVersion})`);
    console.log(`  ${result.ms.toFixed(0)} ms in all, ${(result.ms / REQUESTS).toFixed(3)} ms per request; ${result.domRows} rows in the DOM`);
    console.log(`  JS heap used ${before.usedMB} → ${after.usedMB} MB (total ${after.totalMB} MB; Performance.getMetrics JSHeapUsedSize ${after.metricMB} MB), ${((after.usedMB - before.usedMB) * 1024 / REQUESTS).toFixed(2)} KB per request`);
  } finally {
    await harness.close();
  }
}

await main();
