/**
 * QA reports in the REAL DevTools panel (Debian's Chromium, docs/e2e-recipe.md):
 * - import of recorded HARs (test/fixtures/chromium) through the panel's own file input, set with
 *   CDP DOM.setFileInputFiles as a file picker would: same verdicts Chromium reported, marked as
 *   imported; a bad file ends in the engine's message;
 * - export to the clipboard: the panel's Copy buttons, then the system clipboard read back;
 * - a generated 50 MB HAR: parsed in the worker, diagnosed in chunks, and the panel's UI thread is
 *   measured (long tasks and timer gaps) the whole time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeHarText } from '../../src/engine/diagnose.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { launchDevtoolsHarness, pollFor, type CdpTarget, type DevtoolsHarness } from './devtools-harness.ts';
import { bigHarText } from './qa-big-har.ts';

const FIXTURES = resolve(__dirname, '../fixtures/chromium');
const RECORDED_COOKIE = 'fake-session-for-the-cors-lab';

let harness: DevtoolsHarness;
let panel: CdpTarget;
let tempDir: string;
let server: Server;
let lab: Lab;
let clipboardPageUrl = '';

/** Puts `path` in the panel's file input, as choosing it in the file picker does (input + change events). */
async function pickFile(path: string): Promise<void> {
  const { result } = await panel.send<{ result: { objectId: string } }>('Runtime.evaluate', {
    expression: 'document.querySelector("[data-testid=import-file]")',
  });
  await panel.send('DOM.setFileInputFiles', { files: [path], objectId: result.objectId });
}

/** Clicks in the panel with a user gesture, as a real click carries one (the clipboard requires it). */
async function click(selector: string): Promise<void> {
  const reply = await panel.send<{ exceptionDetails?: unknown }>('Runtime.evaluate', {
    expression: `document.querySelector(${JSON.stringify(selector)}).click()`, userGesture: true, awaitPromise: true,
  });
  if (reply.exceptionDetails) throw new Error(`click ${selector}: ${JSON.stringify(reply.exceptionDetails)}`);
}

const text = (selector: string) => panel.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);
const rows = () => panel.evaluate<{ verdict: string; rule: string; url: string }[]>(
  '[...document.querySelectorAll("[data-testid=request-row]")].map((r) => ({ verdict: r.dataset.verdict, rule: r.dataset.rule, url: r.dataset.url }))');

async function waitForImport(name: string, timeoutMs = 10_000): Promise<void> {
  try {
    await pollFor(`import of ${name}`, async () => ((await text('[data-testid=import-status]'))?.startsWith(`Opened ${name}`) ? true : undefined), timeoutMs, 50);
  } catch (error) {
    // Say what the panel showed instead, so a failure in CI can be told apart (never started, stuck, refused).
    const shown = await panel.evaluate<string>(`JSON.stringify({
      status: document.querySelector('[data-testid=import-status]')?.textContent ?? null,
      error: document.querySelector('[data-testid=error]')?.textContent ?? null,
      overlay: Boolean(document.querySelector('[data-testid=drop-overlay]')),
      rows: document.querySelectorAll('[data-testid=request-row]').length })`).catch((e: unknown) => `unreadable: ${String(e)}`);
    throw new Error(`${(error as Error).message}; the panel showed ${shown}`);
  }
}

beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'cors-lens-qa-'));
  server = createServer((_request, response) => response.end('<!doctype html><title>clipboard reader</title>'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  clipboardPageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  lab = await startLab();
  harness = await launchDevtoolsHarness({ viewport: { width: 1360, height: 860 }, allowThirdPartyCookies: true });
  panel = harness.panel;
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await lab?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('import of recorded HARs in the real panel', () => {
  it('shows the verdict Chromium reported for each recording, marked as imported', async () => {
    for (const name of ['credentials-without-allow-credentials', 'preflight-401-auth-first', 'header-not-allowed']) {
      await pickFile(join(FIXTURES, `${name}.har`));
      await waitForImport(`${name}.har`);
      expect(await text('[data-testid=imported-notice]')).toContain(`${name}.har`);
      const chromium = JSON.parse(readFileSync(join(FIXTURES, `${name}.chromium.json`), 'utf8')) as { requests: { corsError: string | null }[] };
      const expectedError = chromium.requests.find((r) => r.corsError)!.corsError;
      const shown = await rows();
      expect(shown).toHaveLength(1);
      expect(shown[0]!.verdict).toBe('blocked');
      // The panel's store holds the same Chromium error the browser itself reported.
      expect(await panel.evaluate('globalThis.corsLens.store.getState().rows[0].diagnosis.chromiumError')).toBe(expectedError);
    }
  });

  it('a truncated file ends in the engine\'s message, and the last import stays in view', async () => {
    await pickFile(join(FIXTURES, 'missing-allow-origin.har'));
    await waitForImport('missing-allow-origin.har');
    const bad = join(tempDir, 'truncated.har');
    const whole = readFileSync(join(FIXTURES, 'ok-simple.har'), 'utf8');
    writeFileSync(bad, whole.slice(0, whole.indexOf('"WebInspector') + 5)); // ends inside a string, as a cut-off download does
    await pickFile(bad);
    const error = await pollFor('the error notice', () => text('[data-testid=error]').then((t) => t ?? undefined), 5_000, 50);
    expect(error).toMatch(/^truncated\.har: The HAR file is truncated/);
    expect(await rows()).toEqual([expect.objectContaining({ verdict: 'blocked', rule: 'missing-allow-origin' })]);
    expect(await text('[data-testid=imported-notice]')).toContain('missing-allow-origin.har');
  });
});

describe('export to the clipboard from the real panel', () => {
  it('copies redacted Markdown of the selected request, confirms it, and the clipboard holds exactly that', async () => {
    await pickFile(join(FIXTURES, 'credentials-without-allow-credentials.har'));
    await waitForImport('credentials-without-allow-credentials.har');
    await click('[data-testid=request-row]');
    // One click, in the detail view of the request.
    await pollFor('the detail view', () => panel.evaluate<boolean>('Boolean(document.querySelector("[data-testid=detail-copy-report]"))').then((v) => v || undefined), 5_000, 20);
    await click('[data-testid=detail-copy-report]');
    const status = await pollFor('the copy confirmation', () => text('[data-testid=detail-export-status]').then((t) => t ?? undefined), 5_000, 50);
    expect(status).toMatch(/^Copied Markdown of 1 request, secrets redacted \([\d,]+ characters\)\.$/);

    const clipboard = await readClipboard();
    const characters = Number(/\(([\d,]+) characters\)/.exec(status)![1]!.replace(/,/g, ''));
    expect(clipboard.length).toBe(characters);
    expect(clipboard).toMatch(/^## 🛑 Blocked: Credentials not allowed by the server/);
    expect(clipboard).toContain('Cookie: lab_session=REDACTED');
    expect(clipboard).not.toContain(RECORDED_COOKIE);
    expect(clipboard).toMatch(/\| Browser \| Chrome( \(headless\))? \d+/);
    expect(clipboard).toContain('| Tool | CORS Lens extension 0.1.0 |');
    expect(clipboard).toContain('| Source | imported HAR credentials-without-allow-credentials.har |');
  });

  it('with "Include secrets" on (Export options), the warning shows and the clipboard holds the cookie', async () => {
    await click('[data-testid=export-button]');
    await click('[data-testid=include-secrets]');
    expect(await text('[data-testid=secrets-warning]')).toMatch(/exactly as captured/);
    if (process.env.QA_SCREENSHOT) {
      const { data } = await harness.devtools.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      writeFileSync(process.env.QA_SCREENSHOT, Buffer.from(data, 'base64'));
    }
    await click('[data-testid=export-copy-json]');
    await pollFor('the JSON copy confirmation', async () => ((await text('[data-testid=export-status]'))?.startsWith('Copied JSON') ? true : undefined), 5_000, 50);
    expect(await text('[data-testid=export-status]')).toMatch(/WITH secrets/);
    const report = JSON.parse(await readClipboard());
    expect(report.redaction).toEqual({ secretsIncluded: true });
    expect(JSON.stringify(report)).toContain(RECORDED_COOKIE);
    await click('[data-testid=include-secrets]'); // off again for what follows
  });
});

describe('a live capture: the HAR DevTools hands the panel is not sanitized, the export is', () => {
  it('a credentialed request with a token in its URL: the copied report names the cookie, never its value or the token', async () => {
    const cookieValue = `qa-live-cookie-${Date.now()}`;
    const token = `qa-live-token-${Date.now()}`;
    const { success } = await harness.network.session.send('Network.setCookie', {
      name: 'qa_session', value: cookieValue, url: `${lab.apiOrigin}/`, path: '/', sameSite: 'None', secure: true, httpOnly: true,
    });
    expect(success).toBe(true);
    await harness.page.goto(`${lab.pageOrigin}/`, { waitUntil: 'load' });
    if (await panel.evaluate('Boolean(document.querySelector("[data-testid=show-live]"))')) await click('[data-testid=show-live]');
    // The lab answers this path without Access-Control-Allow-Credentials: blocked, with the cookie sent.
    await harness.page.evaluate(async (url) => { await fetch(url, { credentials: 'include' }).catch(() => undefined); },
      `${lab.apiOrigin}/s/credentials-without-allow-credentials/data?access_token=${token}`);
    const row = `[data-testid=request-row][data-rule=credentials-not-allowed]`;
    await pollFor('the live row', () => panel.evaluate<boolean>(`Boolean(document.querySelector(${JSON.stringify(row)}))`).then((v) => v || undefined), 10_000, 50);
    // The panel itself got the secrets from DevTools (that is why exports must redact).
    const raw = await panel.evaluate<string>('JSON.stringify(globalThis.corsLens.store.getState().rows.map((r) => r.diagnosis.transaction.actualRequest))');
    expect(raw).toContain(cookieValue);
    expect(raw).toContain(token);
    await click(row);
    await pollFor('the detail view', () => panel.evaluate<boolean>('Boolean(document.querySelector("[data-testid=detail-copy-report]"))').then((v) => v || undefined), 5_000, 20);
    await click('[data-testid=detail-copy-report]');
    await pollFor('the copy confirmation', async () => ((await text('[data-testid=detail-export-status]'))?.startsWith('Copied') ? true : undefined), 5_000, 50);
    const clipboard = await readClipboard();
    expect(clipboard).toMatch(/^## 🛑 Blocked: Credentials not allowed by the server/);
    expect(clipboard).toContain('qa_session=REDACTED');
    expect(clipboard).toContain('access_token=REDACTED');
    expect(clipboard).not.toContain(cookieValue);
    expect(clipboard).not.toContain(token);
    expect(clipboard).toContain('| Source | live capture |');
  });
});

describe('drag and drop, and download, in the real panel', () => {
  it('a HAR file dropped on the panel opens (CDP Input.dispatchDragEvent with a file, as a drag from the desktop)', async () => {
    const file = join(FIXTURES, 'wildcard-with-credentials.har');
    const at = { x: 300, y: 400 };
    const data = { items: [], files: [file], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver']) await panel.send('Input.dispatchDragEvent', { type, ...at, data, modifiers: 0 });
    await pollFor('the drop overlay', () => panel.evaluate<boolean>('Boolean(document.querySelector("[data-testid=drop-overlay]"))').then((v) => v || undefined), 3_000, 20);
    // A real drag keeps sending dragover while the pointer rests; the one after the overlay appeared
    // is over the overlay, which is what the drop then lands on.
    await panel.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data, modifiers: 0 });
    await panel.send('Input.dispatchDragEvent', { type: 'drop', ...at, data, modifiers: 0 });
    await waitForImport('wildcard-with-credentials.har');
    expect(await rows()).toEqual([expect.objectContaining({ verdict: 'blocked', rule: 'wildcard-with-credentials' })]);
  });

  it('Download saves a redacted HAR of the selected request that opens again with the same verdict', async () => {
    const downloads = join(tempDir, 'downloads');
    await harness.network.session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
    await pickFile(join(FIXTURES, 'credentials-without-allow-credentials.har'));
    await waitForImport('credentials-without-allow-credentials.har');
    await click('[data-testid=request-row]');
    if (!(await panel.evaluate('Boolean(document.querySelector("[data-testid=export-menu]"))'))) await click('[data-testid=export-button]');
    await click('[data-testid=export-scope-selected]');
    await click('[data-testid=export-download-har]');
    const status = await pollFor('the download confirmation', async () => {
      const t = await text('[data-testid=export-status]');
      return t?.startsWith('Saved ') ? t : undefined;
    }, 5_000, 50);
    const name = /^Saved (\S+\.har):/.exec(status)![1]!;
    const saved = await pollFor(`${name} on disk`, () => {
      try {
        const content = readFileSync(join(downloads, name), 'utf8');
        return content.endsWith('\n') ? content : undefined;
      } catch {
        return undefined;
      }
    }, 10_000, 100);
    expect(saved).not.toContain(RECORDED_COOKIE);
    expect(saved).toContain('lab_session=REDACTED');
    expect(analyzeHarText(saved).diagnoses.map((d) => d.ruleId)).toEqual(['credentials-not-allowed']);
  });
});

/**
 * Reading what was copied, for real: the browser's clipboard, read with the async Clipboard API
 * in the inspected page (a secure-context page on a loopback server of ours, granted clipboard-read
 * with CDP Browser.grantPermissions through Playwright). Reading it in the panel itself would need
 * focus inside DevTools' extension iframe, which headless Chromium does not give; the clipboard
 * belongs to the browser, so any page reads the same text the panel wrote.
 */
async function readClipboard(): Promise<string> {
  const page = harness.page;
  if (!page.url().startsWith(clipboardPageUrl)) {
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: clipboardPageUrl });
    await page.goto(clipboardPageUrl);
  }
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('a 50 MB HAR stays responsive', () => {
  it('is parsed in the worker and diagnosed in chunks; the UI thread is never blocked for long', async () => {
    const { text: big, entries } = bigHarText(50 * 1024 * 1024);
    const file = join(tempDir, 'big.har');
    writeFileSync(file, big);
    const expected = analyzeHarText(big).diagnoses.length;
    // Long tasks (the browser's own measure of UI-thread blocking) and the largest gap between
    // 10 ms timer ticks, from just before the file is picked until the import is done.
    await panel.evaluate(`(() => {
      const probe = globalThis.qaProbe = { longTasks: [], maxGap: 0, last: performance.now(), timer: 0 };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push(Math.round(e.duration)); })
        .observe({ type: 'longtask', buffered: false });
      probe.timer = setInterval(() => { const now = performance.now(); probe.maxGap = Math.max(probe.maxGap, now - probe.last); probe.last = now; }, 10);
    })()`);
    const started = Date.now();
    await pickFile(file);
    // Progress is visible while it runs.
    const progress = await pollFor('the progress bar', () => panel.evaluate<{ value: number; max: number } | null>(
      '(() => { const p = document.querySelector("[data-testid=import-progress]"); return p ? { value: p.value, max: p.max } : null; })()')
      .then((p) => p ?? undefined), 20_000, 20);
    expect(progress.max).toBe(entries);
    expect(await panel.evaluate('document.querySelector("[data-testid=import-status]").dataset.parsedIn')).toBe('worker');
    await waitForImport('big.har', 120_000);
    const seconds = (Date.now() - started) / 1000;
    const probe = await panel.evaluate<{ longTasks: number[]; maxGap: number }>(
      '(() => { clearInterval(globalThis.qaProbe.timer); return { longTasks: globalThis.qaProbe.longTasks, maxGap: Math.round(globalThis.qaProbe.maxGap) }; })()');
    const longest = Math.max(0, ...probe.longTasks);
    console.log(`50 MB HAR (${entries} entries): imported in ${seconds.toFixed(1)} s; UI thread: ${probe.longTasks.length} long tasks, `
      + `longest ${longest} ms, largest timer gap ${probe.maxGap} ms`);
    expect(await panel.evaluate('globalThis.corsLens.store.getState().diagnoses.length')).toBe(expected);
    // Chunks are sized to ~40 ms each: on a quiet 2-core machine the longest task was 95-145 ms
    // and the largest gap 110-200 ms of a ~5 s import; with a load average of 11 (other browser
    // suites running) 743 ms of a 25 s import. Diagnosing the file in one task would make the
    // longest task most of the import: the bounds are relative to the import's own duration,
    // so a slow machine slows both, plus an absolute ceiling.
    const importMs = seconds * 1000;
    expect(await panel.evaluate('PerformanceObserver.supportedEntryTypes.includes("longtask")')).toBe(true);
    expect(longest).toBeLessThan(Math.min(2_000, importMs / 5));
    expect(probe.maxGap).toBeLessThan(Math.min(3_000, importMs / 4));
  }, 180_000);
});
