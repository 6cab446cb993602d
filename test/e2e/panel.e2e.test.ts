/**
 * The CORS Lens panel in the REAL DevTools of Debian's Chromium (docs/e2e-recipe.md): lab
 * scenarios run in the inspected page before the panel is first shown (they reach it through
 * getHAR) and after (onRequestFinished); each failure must appear with the right verdict, rule
 * and explanation, a success as ok, and "Retry from the page" must re-send from the page itself.
 * A screenshot of the panel goes to test-output/panel.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { launchDevtoolsHarness, pollFor, type CdpTarget, type DevtoolsHarness } from './devtools-harness.ts';
import { setLabCookie } from './run-scenario.ts';

const OUTPUT_DIR = resolve(__dirname, '../../test-output');

/** What the panel must say for each scenario: verdict, rule, and words its explanation must use. */
interface Expectation { scenario: string; verdict: string; rule: string; explains: RegExp }

/** Run before the panel is first shown: the panel learns of them only through getHAR. */
const BEFORE_PANEL: Expectation[] = [
  { scenario: 'missing-allow-origin', verdict: 'blocked', rule: 'missing-allow-origin', explains: /did not send Access-Control-Allow-Origin/ },
  { scenario: 'method-not-allowed', verdict: 'blocked', rule: 'method-not-allowed', explains: /PUT/ },
  { scenario: 'header-not-allowed', verdict: 'blocked', rule: 'header-not-allowed', explains: /x-api-key/i },
  { scenario: 'ok-simple', verdict: 'ok', rule: 'cors-ok', explains: /./ },
];
/** Run while the panel is open: they arrive through onRequestFinished. */
const AFTER_PANEL: Expectation[] = [
  { scenario: 'wildcard-with-credentials', verdict: 'blocked', rule: 'wildcard-with-credentials', explains: /\*/ },
  { scenario: 'preflight-redirect', verdict: 'blocked', rule: 'preflight-redirect', explains: /redirect/i },
  { scenario: 'allow-origin-mismatch', verdict: 'blocked', rule: 'allow-origin-mismatch', explains: /Access-Control-Allow-Origin/ },
  { scenario: 'preflight-404-no-cors', verdict: 'blocked', rule: 'preflight-rejected', explains: /404/ },
  { scenario: 'credentials-without-allow-credentials', verdict: 'blocked', rule: 'credentials-not-allowed', explains: /Access-Control-Allow-Credentials/ },
  { scenario: 'connection-refused', verdict: 'not-cors', rule: 'connection-failed', explains: /could not reach the server/ },
  { scenario: 'ok-preflight', verdict: 'ok', rule: 'cors-ok', explains: /./ },
  // Works, but risky: an echoed origin without Vary. The second PUT reuses the cached preflight.
  { scenario: 'preflight-cached', verdict: 'warning', rule: 'vary-origin-missing', explains: /Vary/ },
];

interface RowData { verdict: string; rule: string; method: string; url: string; count: string; selected: string | null }

let lab: Lab;
let harness: DevtoolsHarness;
let panel: CdpTarget;

const scenarioById = new Map(SCENARIOS.map((s) => [s.id, s]));

/** Runs a scenario's page code in the page that is open (one page, so nothing navigates). */
async function runInPage(id: string): Promise<unknown> {
  const scenario: Scenario = scenarioById.get(id)!;
  return harness.page.evaluate(async ([code, urls]) => {
    const AsyncFunction = (async () => {}).constructor as new (arg: string, body: string) => (lab: unknown) => Promise<unknown>;
    try {
      return { ok: true, value: (await new AsyncFunction('lab', code)(urls)) ?? null };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }, [scenario.code, lab.labFor(scenario)] as const);
}

const rowsInPanel = () => panel.evaluate<RowData[]>(`[...document.querySelectorAll('[data-testid=request-row]')].map((row) => ({
  verdict: row.dataset.verdict, rule: row.dataset.rule, method: row.dataset.method, url: row.dataset.url,
  count: row.dataset.count, selected: row.getAttribute('aria-selected') }))`);

const rowFor = (rows: RowData[], scenario: string) => rows.find((row) => row.url.includes(`/s/${scenario}/`));

/**
 * Waits until every scenario's row shows the expected verdict and rule. Live entries arrive one by
 * one (a request and its preflight a moment apart), so a row may change before it settles; on
 * timeout the last rows seen are in the message.
 */
async function waitForRows(expected: readonly Expectation[]): Promise<RowData[]> {
  let last: RowData[] = [];
  try {
    return await pollFor(`rows for ${expected.map((e) => e.scenario).join(', ')}`, async () => {
      last = await rowsInPanel();
      return expected.every((e) => { const row = rowFor(last, e.scenario); return row?.verdict === e.verdict && row.rule === e.rule; }) ? last : undefined;
    }, 15_000, 100);
  } catch (error) {
    throw new Error(`${String(error)}\nrows: ${JSON.stringify(last.map((r) => `${r.verdict} ${r.rule} ${r.method} ${r.url}`), null, 1)}`);
  }
}

async function clickRow(scenario: string): Promise<{ rule: string; verdict: string; explanation: string }> {
  await panel.evaluate(`[...document.querySelectorAll('[data-testid=request-row]')].find((row) => row.dataset.url.includes(${JSON.stringify(`/s/${scenario}/`)})).click()`);
  return pollFor(`the detail of ${scenario}`, () => panel.evaluate<{ rule: string; verdict: string; explanation: string } | null>(`(() => {
    const detail = document.querySelector('[data-testid=detail]');
    if (!detail || !detail.querySelector('.detail-url').textContent.includes(${JSON.stringify(`/s/${scenario}/`)})) return null;
    return { rule: detail.dataset.rule, verdict: detail.dataset.verdict, explanation: detail.querySelector('[data-testid=explanation]').textContent };
  })()`).then((value) => value ?? undefined), 5_000);
}

async function setChecked(testId: string, checked: boolean): Promise<void> {
  await panel.evaluate(`(() => { const box = document.querySelector('[data-testid=${testId}]'); if (box.checked !== ${checked}) box.click(); })()`);
}

async function screenshot(name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const { data } = await harness.devtools.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
  const file = join(OUTPUT_DIR, name);
  writeFileSync(file, Buffer.from(data, 'base64'));
  return file;
}

beforeAll(async () => {
  lab = await startLab();
  harness = await launchDevtoolsHarness({ showPanel: false, allowThirdPartyCookies: true, viewport: { width: 1360, height: 860 } });
  await setLabCookie(harness, lab);
  // DevTools fills the window (undocked), so the screenshot shows the panel at a useful size.
  await harness.devtools.evaluate(`(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    legacy.DockController.DockController.instance().setDockSide('undocked');
  })()`);
  await harness.page.goto(`${lab.pageOrigin}/`, { waitUntil: 'load' });
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await lab?.close();
});

describe('the CORS Lens panel in real DevTools', () => {
  it('shows requests made before it was opened (getHAR backfill), with verdict and rule', async () => {
    for (const { scenario } of BEFORE_PANEL) await runInPage(scenario);
    panel = await harness.showPanel();
    await setChecked('problems-only', false);
    const rows = await waitForRows(BEFORE_PANEL);
    for (const e of BEFORE_PANEL) expect(rowFor(rows, e.scenario), e.scenario).toMatchObject({ verdict: e.verdict, rule: e.rule, count: '1' });
  }, 30_000);

  it('shows requests made while it is open (onRequestFinished), each failure with its own explanation', async () => {
    for (const { scenario } of AFTER_PANEL) await runInPage(scenario);
    const rows = await waitForRows(AFTER_PANEL);
    for (const e of AFTER_PANEL) expect(rowFor(rows, e.scenario), e.scenario).toMatchObject({ verdict: e.verdict, rule: e.rule });
    const failures = [...BEFORE_PANEL, ...AFTER_PANEL].filter((e) => e.verdict !== 'ok');
    expect(new Set(failures.map((e) => e.rule)).size).toBeGreaterThanOrEqual(6);
    for (const e of failures) {
      const detail = await clickRow(e.scenario);
      expect(detail, e.scenario).toMatchObject({ rule: e.rule, verdict: e.verdict });
      expect(detail.explanation, e.scenario).toMatch(e.explains);
    }
  }, 60_000);

  it('collapses a repeated failure into one row with a count', async () => {
    const ran = await runInPage('missing-allow-origin');
    // Failed once in ~15 full runs (count stayed 1, not reproduced alone or under CPU load): on
    // a timeout, say what the page got and every row of that endpoint.
    let seen: RowData[] = [];
    try {
      await pollFor('the missing-allow-origin row to count 2', async () => {
        seen = (await rowsInPanel()).filter((row) => row.url.includes('/s/missing-allow-origin/'));
        return seen[0]?.count === '2' ? true : undefined;
      }, 10_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; the page got ${JSON.stringify(ran)}; rows: ${JSON.stringify(seen)}`);
    }
  }, 20_000);

  it('notes a preflight the browser answered from its cache', async () => {
    // preflight-cached sends PUT twice: one row (same rule and endpoint), the latest without OPTIONS.
    expect(rowFor(await rowsInPanel(), 'preflight-cached')).toMatchObject({ count: '2' });
    await clickRow('preflight-cached');
    const note = await panel.evaluate<string | null>(`document.querySelector('[data-testid=preflight-note]')?.textContent ?? null`);
    expect(note).toMatch(/preflight cache \(Access-Control-Max-Age\)/);
  }, 20_000);

  it('"Retry from the page" re-sends from the inspected page: still blocked, or readable when CORS allows it', async () => {
    /** Clicks Retry on a scenario's row and waits for what the page got. */
    const retry = async (scenario: string) => {
      await clickRow(scenario);
      await panel.evaluate(`document.querySelector('[data-testid=retry]').click()`);
      return pollFor(`the retry result for ${scenario}`, () => panel.evaluate<{ outcome: string; text: string } | null>(`(() => {
        const result = document.querySelector('[data-testid=retry-result]');
        return result ? { outcome: result.dataset.outcome, text: result.textContent } : null; })()`).then((v) => v ?? undefined), 10_000);
    };
    const blocked = await retry('header-not-allowed');
    expect(blocked.outcome).toBe('network-error');
    expect(blocked.text).toMatch(/Failed to fetch/);
    const ok = await retry('ok-simple');
    expect(ok.outcome).toBe('response');
    expect(ok.text).toMatch(/HTTP 200/);
  }, 30_000);

  it('works from the keyboard: arrows move the selection, Enter opens the detail, Escape goes back', async () => {
    await panel.evaluate(`document.querySelector('[data-testid=request-list]').focus()`);
    const press = async (key: string, code: number) => {
      for (const type of ['rawKeyDown', 'keyUp']) {
        await harness.devtools.send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: code, nativeVirtualKeyCode: code });
      }
    };
    await press('Home', 36);
    await press('ArrowDown', 40);
    const state = () => panel.evaluate<{ selected: number; detail: string | null; active: string }>(`(() => {
      const rows = [...document.querySelectorAll('[data-testid=request-row]')];
      return { selected: rows.findIndex((row) => row.getAttribute('aria-selected') === 'true'),
        detail: document.querySelector('[data-testid=detail]')?.dataset.rule ?? null,
        active: document.activeElement?.dataset.testid ?? document.activeElement?.tagName };
    })()`);
    await pollFor('the second row to be selected', async () => ((await state()).selected === 1 ? true : undefined), 3_000);
    const rows = await rowsInPanel();
    await press('Enter', 13);
    await pollFor('the detail to open with focus', async () => {
      const now = await state();
      return now.detail === rows[1]!.rule && now.active === 'H2' ? true : undefined;
    }, 3_000);
    await press('Escape', 27);
    let last = await state();
    await pollFor('the list to have focus again', async () => {
      last = await state();
      return last.detail === null && last.active === 'request-list' ? true : undefined;
    }, 3_000).catch((error: unknown) => { throw new Error(`${String(error)}: ${JSON.stringify(last)}`); });
    // The Esc was the panel's: DevTools did not open its drawer (console) as well.
    expect(await harness.devtools.evaluate(`(async () => {
      const legacy = await import('./ui/legacy/legacy.js');
      return legacy.InspectorView.InspectorView.instance().drawerVisible();
    })()`)).toBe(false);
  }, 20_000);

  it('follows DevTools\' theme, and a screenshot of the panel is saved', async () => {
    await setChecked('problems-only', true);
    await clickRow('header-not-allowed');
    await panel.evaluate('document.activeElement?.blur()');
    expect(await panel.evaluate('document.documentElement.dataset.theme')).toBe('light');
    const file = await screenshot('panel.png');
    expect(file).toMatch(/panel\.png$/);
    // The lower half of the detail: the fix as snippet tabs, curl, retry.
    await panel.evaluate(`(() => { const detail = document.querySelector('.detail');
      detail.scrollTop = document.querySelector('.snippets').getBoundingClientRect().top - detail.getBoundingClientRect().top - 30; })()`);
    await screenshot('panel-fix.png');
    await panel.evaluate(`document.querySelector('.detail').scrollTop = 0`);
    await harness.devtools.evaluate(`(async () => {
      const common = await import('./core/common/common.js');
      common.Settings.Settings.instance().moduleSetting('ui-theme').set('dark');
    })()`);
    await pollFor('the panel to turn dark', async () => (await panel.evaluate('document.documentElement.dataset.theme')) === 'dark' ? true : undefined, 5_000);
    // For the picture: DevTools itself repaints dark a moment later.
    await pollFor('DevTools to turn dark', async () => (await harness.devtools.evaluate<boolean>(
      `document.documentElement.classList.contains('theme-with-dark-background')`)) ? true : undefined, 5_000);
    await screenshot('panel-dark.png');
  }, 30_000);

  it('starts over when the page navigates, unless Preserve log is on', async () => {
    await setChecked('preserve-log', true);
    await harness.page.goto(`${lab.pageOrigin}/?again`, { waitUntil: 'load' });
    await runInPage('allow-origin-trailing-slash');
    const kept = await waitForRows([BEFORE_PANEL[0]!, { scenario: 'allow-origin-trailing-slash', verdict: 'blocked', rule: 'allow-origin-trailing-slash', explains: /./ }]);
    expect(rowFor(kept, 'allow-origin-trailing-slash')).toMatchObject({ verdict: 'blocked', rule: 'allow-origin-trailing-slash' });
    await setChecked('preserve-log', false);
    await harness.page.goto(`${lab.pageOrigin}/?third`, { waitUntil: 'load' });
    await pollFor('the list to empty after navigation', async () => ((await rowsInPanel()).length === 0 ? true : undefined), 5_000);
    expect(await panel.evaluate(`document.querySelector('[data-testid=empty-state]').textContent`)).toMatch(/Reload the page/);
  }, 30_000);

  it('stays smooth with 10,000 requests: only visible rows are in the DOM, scrolling costs a frame', async () => {
    const template = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/chromium/missing-allow-origin.har'), 'utf8')) as { log: { entries: Array<{ request: { url: string } }> } };
    const entry = template.log.entries.find((e) => e.request.url.includes('/s/'))!;
    const measured = await panel.evaluate<{ importMs: number; rows: number; domRows: number; frames: number[] }>(`(async () => {
      const template = ${JSON.stringify(entry)};
      const base = Date.parse('2026-01-01T00:00:00Z');
      // 10,000 different endpoints, so none collapse into one row.
      const entries = Array.from({ length: 10000 }, (_, i) => ({ ...template,
        startedDateTime: new Date(base + i * 100).toISOString(), request: { ...template.request, url: template.request.url + '/' + i } }));
      const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const started = performance.now();
      const result = window.corsLens.store.importHar('ten-thousand.har', JSON.stringify({ log: { entries } }));
      if (!result.ok) throw new Error(result.error);
      await frame();
      const importMs = performance.now() - started;
      const body = document.querySelector('.grid-body');
      const frames = [];
      for (let step = 1; step <= 20; step++) {
        const t = performance.now();
        body.scrollTop = (body.scrollHeight - body.clientHeight) * step / 20;
        await frame();
        frames.push(performance.now() - t);
      }
      return { importMs, rows: window.corsLens.store.getState().rows.length,
        domRows: document.querySelectorAll('[data-testid=request-row]').length, frames };
    })()`, 60_000);
    const sorted = [...measured.frames].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`10,000 requests: import + diagnosis + first render ${measured.importMs.toFixed(0)} ms; ${measured.domRows} rows in the DOM; scroll steps median ${median.toFixed(1)} ms (${sorted[0]!.toFixed(1)}–${sorted[sorted.length - 1]!.toFixed(1)})`);
    expect(measured.rows).toBe(10_000);
    expect(measured.domRows).toBeLessThan(100);
    // Two animation frames per step: ~33 ms is the frame clock, not the panel. The median, since
    // other processes on a 2-core machine can stall any single frame.
    expect(median).toBeLessThan(100);
    const last = await rowsInPanel();
    expect(last.some((row) => row.url.endsWith('/9999'))).toBe(true);
  }, 60_000);
});
