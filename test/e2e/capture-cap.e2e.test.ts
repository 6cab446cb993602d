/**
 * Capture count in the REAL DevTools panel: entries handed to the panel's store the way live
 * capture does (addEntries(…, 'live') in onRequestFinished-sized batches) are all kept below the
 * 20,000 cap, and above it the oldest drop and the dropped notice says how many.
 * panel.e2e.test.ts covers 10,000 through importHar (rendering, scrolling); this covers the live path.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDevtoolsHarness, pollFor, type CdpTarget, type DevtoolsHarness } from './devtools-harness.ts';

let harness: DevtoolsHarness;
let panel: CdpTarget;

const template = (() => {
  const har = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/chromium/missing-allow-origin.har'), 'utf8')) as { log: { entries: Array<{ request: { url: string } }> } };
  return har.log.entries.find((e) => e.request.url.includes('/s/'))!;
})();

interface Counted { diagnoses: number; rows: number; dropped: number; cap: number; notice: string | null; lastUrlEnds: boolean }

/** Feeds `total` distinct live entries in batches of `batch`, then reads the store and the notice. */
function feed(total: number, batch: number, offset: number): Promise<Counted> {
  return panel.evaluate<Counted>(`(async () => {
    const template = ${JSON.stringify(template)};
    const store = window.corsLens.store;
    const base = Date.parse('2026-01-01T00:00:00Z') + ${offset} * 100;
    const entryAt = (i) => ({ ...template, startedDateTime: new Date(base + i * 100).toISOString(),
      request: { ...template.request, url: template.request.url + '/n' + (${offset} + i) } });
    for (let start = 0; start < ${total}; start += ${batch}) {
      const entries = [];
      for (let i = start; i < Math.min(start + ${batch}, ${total}); i++) entries.push(entryAt(i));
      store.addEntries(entries, 'live');
      // Let the store's scheduled batch and the render run, as between network events.
      if (start % 2000 === 0) await new Promise((done) => setTimeout(done, 0));
    }
    store.flush();
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const state = store.getState();
    const notice = document.querySelector('[data-testid=dropped-notice]');
    return { diagnoses: state.diagnoses.length, rows: state.rows.length, dropped: state.dropped, cap: state.cap,
      notice: notice ? notice.textContent : null,
      lastUrlEnds: state.rows.some((row) => row.diagnosis.transaction.actualRequest.url.endsWith('/n' + (${offset} + ${total} - 1))) };
  })()`, 120_000);
}

beforeAll(async () => {
  harness = await launchDevtoolsHarness();
  panel = harness.panel;
  await pollFor('the panel store', () => panel.evaluate<boolean>('Boolean(window.corsLens?.store)').then((ok) => ok || undefined), 10_000);
  await panel.evaluate(`window.corsLens.store.clear()`);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('capture count in the real panel', () => {
  it('keeps every one of 10,000 live requests (below the cap): no notice', async () => {
    const started = Date.now();
    const result = await feed(10_000, 50, 0);
    console.log(`10,000 live entries in batches of 50: ${Date.now() - started} ms; ${result.diagnoses} diagnoses, ${result.rows} rows, dropped ${result.dropped}`);
    expect(result).toMatchObject({ diagnoses: 10_000, rows: 10_000, dropped: 0, cap: 20_000, notice: null, lastUrlEnds: true });
  }, 120_000);

  it('above the cap (20,100 in all) drops exactly the 100 oldest and says so', async () => {
    const result = await feed(10_100, 50, 10_000);
    console.log(`20,100 live entries: ${result.diagnoses} diagnoses kept, dropped ${result.dropped}; notice: ${result.notice}`);
    expect(result).toMatchObject({ diagnoses: 20_000, rows: 20_000, dropped: 100, cap: 20_000, lastUrlEnds: true });
    expect(result.notice).toContain('100 older requests were dropped');
    expect(result.notice).toContain('20,000');
    // The oldest are the ones gone.
    const oldest = await panel.evaluate<boolean>(`window.corsLens.store.getState().rows.some((row) => row.diagnosis.transaction.actualRequest.url.endsWith('/n0'))`);
    expect(oldest).toBe(false);
  }, 120_000);
});
