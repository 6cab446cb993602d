/**
 * Hostile header values in the REAL DevTools panel: the lab's hostile-header-values scenario
 * answers with markup, a closing script tag, javascript: URLs, a percent-encoded CRLF, invalid
 * UTF-8 bytes and a 200 KB value. The panel must show them as text: no element injected, no
 * dialog, no console error or exception in the panel page, and it must keep responding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { launchDevtoolsHarness, pollFor, type CdpTarget, type DevtoolsHarness } from './devtools-harness.ts';

const SCENARIO = SCENARIOS.find((s) => s.id === 'hostile-header-values')!;
const MARKUP = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(2)</script>';
const JS_URL = 'javascript:alert(3)';
const CRLF = 'a%0D%0ASet-Cookie: injected=1 \\r\\nX-Injected: 1';
// Chromium hands the HAR invalid UTF-8 bytes one character per byte (latin-1): FF FE C3 28.
const BYTES = 'bad-\u00ff\u00fe\u00c3(-bytes';
const LARGE = 200_000;

let lab: Lab;
let harness: DevtoolsHarness;
let panel: CdpTarget;
const dialogs: unknown[] = [];
const consoleErrors: string[] = [];
const exceptions: string[] = [];

beforeAll(async () => {
  lab = await startLab({ scenarios: [SCENARIO] });
  harness = await launchDevtoolsHarness({ viewport: { width: 1200, height: 800 } });
  panel = harness.panel;
  panel.on('Page.javascriptDialogOpening', (params) => dialogs.push(params));
  panel.on('Runtime.consoleAPICalled', (params) => {
    if (params.type === 'error') consoleErrors.push(JSON.stringify(params.args).slice(0, 300));
  });
  panel.on('Runtime.exceptionThrown', (params) => exceptions.push(JSON.stringify(params.exceptionDetails).slice(0, 300)));
  // A dialog opened in the panel (an out-of-process frame) may be reported by DevTools' own page.
  harness.devtools.on('Page.javascriptDialogOpening', (params) => dialogs.push(params));
  await harness.devtools.send('Page.enable');
  await panel.send('Page.enable');
  await harness.page.goto(`${lab.pageOrigin}/`, { waitUntil: 'load' });
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await lab?.close();
});

describe('hostile header values in the real panel', () => {
  it('shows them as text, injects nothing, opens no dialog, logs no error, and stays responsive', async () => {
    // The observers see what they should: a console.error and an alert() made on purpose.
    await panel.evaluate(`console.error('probe'); setTimeout(() => alert('probe'), 0); true`);
    await pollFor('the probe dialog', () => (dialogs.length > 0 ? true : undefined), 5_000);
    await harness.devtools.send('Page.handleJavaScriptDialog', { accept: true }).catch(() => panel.send('Page.handleJavaScriptDialog', { accept: true }));
    expect(consoleErrors).toHaveLength(1);
    dialogs.length = 0;
    consoleErrors.length = 0;

    const scriptsBefore = await panel.evaluate<number>('document.scripts.length');
    const path = `/s/${SCENARIO.id}/`;
    const runInPage = () => harness.page.evaluate(async ([code, urls]) => {
      const AsyncFunction = (async () => {}).constructor as new (arg: string, body: string) => (lab: unknown) => Promise<unknown>;
      try { return await new AsyncFunction('lab', code)(urls); } catch (error) { return String(error); }
    }, [SCENARIO.code, lab.labFor(SCENARIO)] as const);
    const diagnosedRow = () => panel.evaluate<{ verdict: string; rule: string } | null>(`(() => {
      const row = [...document.querySelectorAll('[data-testid=request-row]')]
        .find((r) => r.dataset.url.includes(${JSON.stringify(path)}) && r.dataset.rule !== 'failure-not-explained');
      return row ? { verdict: row.dataset.verdict, rule: row.dataset.rule } : null;
    })()`).then((r) => r ?? undefined);
    // Under CPU load Chromium sometimes hands DevTools this CORS-failed request without its
    // response (status 0: "failure-not-explained", nothing to render): run it again, at most 3 times.
    let row: { verdict: string; rule: string } | undefined;
    for (let attempt = 1; attempt <= 3 && !row; attempt++) {
      expect(String(await runInPage())).toMatch(/Failed to fetch/);
      row = await pollFor('the hostile row with its response', diagnosedRow, 5_000).catch(() => undefined);
    }
    expect(row, 'a hostile row diagnosed from its response headers').toBeDefined();
    expect(row!.verdict).toBe('blocked');

    await panel.evaluate(`[...document.querySelectorAll('[data-testid=request-row]')].find((r) => r.dataset.url.includes(${JSON.stringify(path)}) && r.dataset.rule === ${JSON.stringify(row!.rule)}).click()`);
    await pollFor('the detail', () => panel.evaluate<boolean>(`Boolean(document.querySelector('[data-testid=detail]'))`).then((ok) => ok || undefined), 5_000);
    // Ask for the whole 200 KB value ("show all … characters").
    // (Polled: under load the detail's exchanges may render a moment after the detail itself.)
    const expanded = await pollFor('the "show all" button', () => panel.evaluate<boolean>(`(() => {
      const button = [...document.querySelectorAll('[data-testid=detail] button')].find((b) => /show all 200,000 characters/.test(b.textContent));
      if (button) button.click();
      return Boolean(button);
    })()`).then((found) => found || undefined), 5_000).catch(async (error: unknown) => {
      const detail = await panel.evaluate<string>(`(() => { const d = document.querySelector('[data-testid=detail]'); return d ? d.outerHTML.replace(/L{1000,}/g, '<LARGE>').slice(0, 3000) : 'no detail'; })()`);
      throw new Error(`${String(error)}\n${detail}`);
    });
    expect(expanded).toBe(true);

    const seen = await pollFor('the detail to show the whole large value', () => panel.evaluate<{
      text: string; largeRun: number; imgs: number; scripts: number; iframes: number; jsLinks: number; handlers: number;
    }>(`(() => {
      const detail = document.querySelector('[data-testid=detail]');
      const text = detail.textContent;
      const run = text.match(/L{1000,}/g) || [];
      return { text: text.replace(/L{1000,}/g, '<LARGE>'), largeRun: Math.max(0, ...run.map((r) => r.length)),
        imgs: document.querySelectorAll('img[src=x], img[onerror]').length,
        scripts: document.scripts.length,
        iframes: document.querySelectorAll('iframe, object, embed').length,
        jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
        handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length };
    })()`).then((s) => (s.largeRun >= LARGE ? s : undefined)), 10_000);

    for (const value of [MARKUP, SCRIPT, JS_URL, CRLF, BYTES]) expect(seen.text, value).toContain(value);
    expect(seen.largeRun).toBe(LARGE);
    expect(seen).toMatchObject({ imgs: 0, scripts: scriptsBefore, iframes: 0, jsLinks: 0, handlers: 0 });

    // Still responsive: the filter narrows the list to nothing, then back, within a bounded time.
    const started = Date.now();
    const counts = await panel.evaluate<number[]>(`(async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const input = document.querySelector('input[data-testid=filter]');
      const type = async (text) => { input.value = text; input.dispatchEvent(new Event('input', { bubbles: true })); await frame(); };
      await type('no-such-request-anywhere');
      const none = document.querySelectorAll('[data-testid=request-row]').length;
      await type('hostile');
      return [none, document.querySelectorAll('[data-testid=request-row]').length];
    })()`, 10_000);
    const filterMs = Date.now() - started;
    console.log(`hostile values: filter round trip ${filterMs} ms; scripts in panel ${seen.scripts}; dialogs ${dialogs.length}; console errors ${consoleErrors.length}; exceptions ${exceptions.length}`);
    // One row, or two when a retry above left a response-less row of the same request.
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBeGreaterThanOrEqual(1);
    expect(filterMs).toBeLessThan(5_000);

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(exceptions).toEqual([]);
  }, 60_000);
});
