// @vitest-environment happy-dom
/**
 * The panel's Export menu and Open HAR button as a user drives them, over real Chromium
 * recordings: what is copied or downloaded (redacted unless the toggle is on, with its warning),
 * the confirmation, and imports in chunks that end in the same diagnoses as a whole-file import.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/panel/App.tsx';
import type { ExportHost } from '../../../src/panel/export/ExportMenu.tsx';
import { ExportMenu } from '../../../src/panel/export/ExportMenu.tsx';
import { ImportButton } from '../../../src/panel/import/ImportButton.tsx';
import { nextChunkSize } from '../../../src/panel/import/har-document.ts';
import { importHarFile, type ImportProgress } from '../../../src/panel/import/import-har.ts';
import { createPanelStore, type PanelStore } from '../../../src/panel/store.ts';
import { fakePlatform } from '../panel/fake-platform.ts';
import { allFixtureEntries, fixtureEntries, fixtureNames, fixtureText } from '../panel/fixtures.ts';

afterEach(cleanup);

const RECORDED_COOKIE = 'fake-session-for-the-cors-lab';
const syncStore = () => createPanelStore({ schedule: (run) => run() });

function fakeHost(): ExportHost & { downloads: { filename: string; text: string; mimeType: string }[] } {
  const downloads: { filename: string; text: string; mimeType: string }[] = [];
  return {
    downloads,
    download: (filename, text, mimeType) => { downloads.push({ filename, text, mimeType }); return true; },
    browser: () => 'Chrome 156.0.8078.79',
    extensionVersion: () => '0.1.0',
    now: () => new Date('2026-11-23T12:00:05.000Z'),
  };
}

/** Clicks, then lets the menu's lazily loaded report code and the copy settle. */
async function click(testId: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
    await import('../../../src/panel/export/build-export.ts');
    await new Promise((r) => setTimeout(r, 10));
  });
}

function mountExport(store: PanelStore) {
  const platform = fakePlatform();
  const host = fakeHost();
  const view = () => <ExportMenu store={store} state={store.getState()} platform={platform} host={host} />;
  const result = render(view());
  return { platform, host, rerender: () => result.rerender(view()) };
}

describe('Export menu', () => {
  it('copies Markdown of every row shown, redacted, and says what it copied', async () => {
    const store = syncStore();
    store.addEntries([...fixtureEntries('credentials-without-allow-credentials'), ...fixtureEntries('header-not-allowed')], 'live');
    const { platform } = mountExport(store);
    await click('export-button');
    await click('export-copy-markdown');
    expect(platform.copied).toHaveLength(1);
    const markdown = platform.copied[0]!;
    expect(markdown).toMatch(/^## CORS Lens report\n\n2 request\(s\): 2 blocked/);
    expect(markdown).toContain('Cookie: lab_session=REDACTED');
    expect(markdown).not.toContain(RECORDED_COOKIE);
    expect(markdown).toContain('| Browser | Chrome 156.0.8078.79 |');
    expect(markdown).toContain('| Tool | CORS Lens extension 0.1.0 |');
    expect(markdown).toContain('| Source | live capture |');
    expect(screen.getByTestId('export-status').textContent).toBe(`Copied Markdown of 2 requests, secrets redacted (${markdown.length.toLocaleString('en')} characters).`);
  });

  it('includes secrets only while the toggle is on, with a warning shown', async () => {
    const store = syncStore();
    store.addEntries(fixtureEntries('credentials-without-allow-credentials'), 'live');
    const { platform } = mountExport(store);
    await click('export-button');
    expect(screen.queryByTestId('secrets-warning')).toBeNull();
    await act(async () => { fireEvent.click(screen.getByTestId('include-secrets')); });
    expect(screen.getByTestId('secrets-warning').textContent).toMatch(/cookies, credentials and tokens exactly as captured/);
    await click('export-copy-json');
    const report = JSON.parse(platform.copied[0]!);
    expect(report.version).toBe(1);
    expect(report.redaction).toEqual({ secretsIncluded: true });
    expect(platform.copied[0]).toContain(RECORDED_COOKIE);
    expect(screen.getByTestId('export-status').textContent).toMatch(/^Copied JSON of 1 request, WITH secrets/);
    await act(async () => { fireEvent.click(screen.getByTestId('include-secrets')); });
    expect(screen.queryByTestId('secrets-warning')).toBeNull();
    await click('export-copy-json');
    expect(platform.copied[1]).not.toContain(RECORDED_COOKIE);
  });

  it('exports the selected request alone, and downloads a HAR of just its entries', async () => {
    const store = syncStore();
    store.addEntries(allFixtureEntries(), 'live');
    const rows = store.getState().rows;
    const target = rows.find((r) => r.ruleId === 'preflight-rejected')!;
    store.select(target.key, true);
    const { host } = mountExport(store);
    await click('export-button');
    expect((screen.getByTestId('export-scope-selected') as HTMLInputElement).checked).toBe(true);
    await click('export-download-har');
    expect(host.downloads).toHaveLength(1);
    const { filename, text, mimeType } = host.downloads[0]!;
    expect(filename).toBe('cors-lens-preflight-rejected-20261123-120005.har');
    expect(mimeType).toBe('application/json');
    const har = JSON.parse(text);
    expect(har.log.entries.map((e: { request: { method: string } }) => e.request.method).sort()).toEqual(['OPTIONS', target.method].sort());
    expect(screen.getByTestId('export-status').textContent).toMatch(/^Saved cors-lens-preflight-rejected-20261123-120005\.har: HAR of 1 request, secrets redacted/);
    // All shown: one result per row.
    await act(async () => { fireEvent.click(screen.getByTestId('export-scope-shown')); });
    await click('export-download-json');
    expect(JSON.parse(host.downloads[1]!.text).results).toHaveLength(rows.length);
  });

  it('says so when the clipboard refuses', async () => {
    const store = syncStore();
    store.addEntries(fixtureEntries('missing-allow-origin'), 'live');
    const platform = fakePlatform({ copyText: async () => false });
    render(<ExportMenu store={store} state={store.getState()} platform={platform} host={fakeHost()} />);
    await click('export-button');
    await click('export-copy-markdown');
    expect(screen.getByTestId('export-status').textContent).toMatch(/Copy failed.*Use Download instead/);
    expect(screen.getByTestId('export-status').dataset.result).toBe('failed');
  });
});

describe('Export menu when the report cannot be built', () => {
  it('says why, instead of leaving the last status up', async () => {
    const store = syncStore();
    store.addEntries(fixtureEntries('missing-allow-origin'), 'live');
    const host = { ...fakeHost(), browser: () => { throw new RangeError('Invalid string length'); } };
    render(<ExportMenu store={store} state={store.getState()} platform={fakePlatform()} host={host} />);
    await click('export-button');
    await click('export-copy-markdown');
    expect(screen.getByTestId('export-status').textContent).toMatch(/^The report could not be built \(Invalid string length\)\. If CORS Lens was just updated/);
    expect(screen.getByTestId('export-status').dataset.result).toBe('failed');
  });
});

describe('one click', () => {
  it('"Copy report" in the toolbar copies every row shown, or the open request alone', async () => {
    const store = syncStore();
    const platform = fakePlatform();
    render(<App store={store} platform={platform} />);
    await act(async () => { store.addEntries([...fixtureEntries('missing-allow-origin'), ...fixtureEntries('header-not-allowed')], 'live'); });
    await click('export-copy-report');
    expect(platform.copied[0]).toMatch(/^## CORS Lens report\n\n2 request\(s\)/);
    await act(async () => { store.select(store.getState().rows[1]!.key, true); });
    await click('export-copy-report');
    expect(platform.copied[1]).toMatch(/^## 🛑 Blocked: Request header not allowed by the preflight/);
  });

  it('the detail view copies its diagnosis for a bug report, redacted, and confirms it', async () => {
    const store = syncStore();
    const platform = fakePlatform();
    render(<App store={store} platform={platform} />);
    await act(async () => { store.addEntries(fixtureEntries('credentials-without-allow-credentials'), 'live'); });
    await act(async () => { store.select(store.getState().rows[0]!.key, true); });
    await click('detail-copy-report');
    expect(platform.copied[0]).toMatch(/^## 🛑 Blocked: Credentials not allowed by the server/);
    expect(platform.copied[0]).toContain('lab_session=REDACTED');
    expect(platform.copied[0]).not.toContain(RECORDED_COOKIE);
    expect(screen.getByTestId('detail-export-status').textContent).toMatch(/^Copied Markdown of 1 request, secrets redacted/);
  });
});

/** A File as the picker or a drop hands it over. */
const harFile = (name: string, text: string) => new File([text], name, { type: 'application/json' });
const diagnosesOf = (store: PanelStore) => store.getState().diagnoses.map((d) => `${d.verdict} ${d.ruleId} ${d.chromiumError ?? '-'}`);

describe('Import in chunks (the UI-thread path; the worker path runs in the real panel, test/e2e/qa.e2e.test.ts)', () => {
  it('ends in the same diagnoses as importing the whole file at once, for every recording together', async () => {
    const text = JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries: allFixtureEntries() } });
    const whole = syncStore();
    whole.importHar('all.har', text);
    const chunked = syncStore();
    const progress: ImportProgress[] = [];
    const outcome = await importHarFile(harFile('all.har', text), chunked, (p) => progress.push(p), { createWorker: () => null, yieldToUi: async () => undefined });
    expect(outcome).toEqual({ ok: true, entries: allFixtureEntries().length, transactions: whole.getState().diagnoses.length });
    expect(diagnosesOf(chunked)).toEqual(diagnosesOf(whole));
    expect(chunked.getState()).toMatchObject({ origin: 'imported', importedName: 'all.har' });
    expect(progress.map((p) => p.phase)).toEqual(['reading', 'parsing', 'diagnosing', 'diagnosing', 'done']);
    expect(new Set(progress.map((p) => p.parsedIn))).toEqual(new Set(['ui-thread']));
  });

  it('keeps page URLs (pages[]) so requests without an Origin header get the same verdict', async () => {
    for (const name of fixtureNames) {
      const whole = syncStore();
      whole.importHar(`${name}.har`, fixtureText(name));
      const chunked = syncStore();
      await importHarFile(harFile(`${name}.har`, fixtureText(name)), chunked, () => undefined, { createWorker: () => null, yieldToUi: async () => undefined });
      expect(diagnosesOf(chunked), name).toEqual(diagnosesOf(whole));
    }
  });

  it.each([
    ['', /The file is empty/],
    ['<html>', /This is not JSON/],
    ['{"log": {"entries": [', /truncated/],
    ['{"entries": []}', /not a HAR file/],
  ])('a bad file (%j) ends in a clear message in the panel, not a blank panel', async (text, message) => {
    const store = syncStore();
    const platform = fakePlatform();
    render(<App store={store} platform={platform} />);
    const input = screen.getByTestId('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [harFile('bad.har', text)], configurable: true });
    await act(async () => { fireEvent.change(input); });
    const error = await waitFor(() => screen.getByTestId('error'));
    expect(error.textContent).toMatch(/^bad\.har: /);
    expect(error.textContent).toMatch(message);
    expect(store.getState().origin).toBe('live');
    expect(screen.getByTestId('empty-state')).toBeTruthy();
  });

  it('refuses a file over the size limit with a message, before reading it', async () => {
    const store = syncStore();
    const huge = { name: 'huge.har', size: 600 * 1024 * 1024, text: () => { throw new Error('must not be read'); } } as unknown as File;
    const outcome = await importHarFile(huge, store, () => undefined, { createWorker: () => { throw new Error('no worker for this'); } });
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/600 MB; the panel opens HAR files up to 512 MB/) });
    expect(store.getState().error).toMatch(/^huge\.har: the file is 600 MB/);
  });

  it('opens a picked file: progress, then the list marked as imported', async () => {
    const store = syncStore();
    const platform = fakePlatform();
    render(<App store={store} platform={platform} />);
    const input = screen.getByTestId('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [harFile('wildcard.har', fixtureText('wildcard-with-credentials'))], configurable: true });
    await act(async () => { fireEvent.change(input); });
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toBe('Opened wildcard.har: 1 entry'));
    expect(screen.getByTestId('imported-notice').textContent).toContain('wildcard.har');
    expect(screen.getAllByTestId('request-row').map((r) => r.getAttribute('data-rule'))).toEqual(['wildcard-with-credentials']);
  });

  it('opens a file dropped on the panel, with an overlay while it is dragged', async () => {
    const store = syncStore();
    render(<ImportButton store={store} state={store.getState()} platform={fakePlatform()} deps={{ createWorker: () => null }} />);
    const file = harFile('dropped.har', fixtureText('missing-allow-origin'));
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    // happy-dom has no DataTransfer: the event carries a plain object in its place, as a drag from the desktop would.
    const drag = (type: string) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
      document.body.dispatchEvent(event);
      return event;
    };
    await act(async () => { drag('dragenter'); });
    expect(screen.getByTestId('drop-overlay')).toBeTruthy();
    expect(drag('dragover').defaultPrevented).toBe(true); // or the browser would open the file itself
    await act(async () => { drag('drop'); });
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    await waitFor(() => expect(store.getState()).toMatchObject({ origin: 'imported', importedName: 'dropped.har' }));
    await waitFor(() => expect(store.getState().rows).toHaveLength(1));
    expect(store.getState().rows.map((r) => r.ruleId)).toEqual(['missing-allow-origin']);
  });
});

describe('chunk sizing', () => {
  it.each([
    [200, 80, 100], // twice the budget: half the size
    [200, 40, 200], // on budget: the same
    [200, 10, 400], // a quarter: grows, but at most doubles
    [30, 1_000, 25], // never below 25 entries
    [1_500, 1, 2_000], // never above 2,000
  ])('after %i entries took %i ms, the next chunk has %i', (size, spent, expected) => {
    expect(nextChunkSize(size, spent)).toBe(expected);
  });
});

describe('the include-secrets toggle lives only while the menu is open', () => {
  it('turns off when the menu closes, and "Copy report" is always redacted', async () => {
    const store = syncStore();
    store.addEntries(fixtureEntries('credentials-without-allow-credentials'), 'live');
    const { platform } = mountExport(store);
    await click('export-button');
    await act(async () => { fireEvent.click(screen.getByTestId('include-secrets')); });
    await click('export-copy-report');
    expect(platform.copied[0]).not.toContain(RECORDED_COOKIE);
    await click('export-button'); // closes
    await click('export-button'); // opens again
    expect((screen.getByTestId('include-secrets') as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId('secrets-warning')).toBeNull();
  });
});

describe('the panel and the CLI export the same thing (one implementation)', () => {
  it.each(['credentials-without-allow-credentials', 'authorization-under-wildcard', 'redirect-with-credentials-in-url'])('%s: JSON results and the HAR are identical', async (name) => {
    const { runCli } = await import('../../../src/cli/main.ts');
    const { buildExport } = await import('../../../src/panel/export/build-export.ts');
    const { analyzeHarText } = await import('../../../src/engine/diagnose.ts');
    const text = fixtureText(name);
    let stdout = '';
    const files: Record<string, string> = {};
    runCli(['analyze', `${name}.har`, '--json', '--har-out', 'out.har'], {
      stdout: (t) => { stdout += t; }, stderr: () => undefined, readInput: () => text, isTTY: false, writeFile: (p, t) => { files[p] = t; },
    });
    const diagnoses = analyzeHarText(text).diagnoses.filter((d) => d.transaction.crossOrigin);
    const context = { includeSecrets: false, stack: 'express', browser: null, extensionVersion: '0.1.0', source: 'live capture', now: new Date() };
    const panelJson = JSON.parse(buildExport('json', diagnoses, context).text);
    expect(panelJson.results).toEqual(JSON.parse(stdout).results);
    // The HAR: the CLI keeps the file's own entries, the panel rebuilds them; the same requests and headers either way.
    const headersOf = (har: string) => JSON.parse(har).log.entries.map((e: { request: { method: string; url: string; headers: unknown[] }; response: { status: number; headers: unknown[] } }) =>
      [e.request.method, e.request.url, e.request.headers, e.response.status, e.response.headers]);
    expect(headersOf(buildExport('har', diagnoses, context).text)).toEqual(headersOf(files['out.har']!));
  });
});
