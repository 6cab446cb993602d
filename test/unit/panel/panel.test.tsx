// @vitest-environment happy-dom
/**
 * The panel as a user drives it, over a fake NetworkSource fed real Chromium HAR entries:
 * capture (backfill + live), list, keyboard, detail, snippets, curl, retry, hostile values.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { render as preactRender } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain/index.ts';
import { curlScript } from '../../../src/engine/export/curl.ts';
import { snippetGenerators } from '../../../src/engine/snippets/index.ts';
import { App } from '../../../src/panel/App.tsx';
import { connectCapture } from '../../../src/panel/connect.ts';
import type { PanelPlatform } from '../../../src/panel/platform.ts';
import { detailEnd, lazySlot, toolbarItems, type DetailSlotProps } from '../../../src/panel/slots.ts';
import { createPanelStore, type PanelStore } from '../../../src/panel/store.ts';
import { VALUE_DISPLAY_CHARS } from '../../../src/panel/HeaderValue.tsx';
import type { HarEntry } from '../../../src/platform/network-source.ts';
import { fakeInspectedPage, fakeNetwork, fakePlatform, type FakeNetwork, type FakePage } from './fake-platform.ts';
import { allFixtureEntries, fixtureEntries, fixtureNames } from './fixtures.ts';

afterEach(cleanup);

/** The page origin of the recorded fixtures (scripts/record-fixtures.ts uses fixed ports). */
const LAB_PAGE_ORIGIN = 'http://localhost:47310';

interface Mounted {
  store: PanelStore;
  network: FakeNetwork;
  platform: PanelPlatform & { copied: string[] };
}

/** Mounts the panel as main.tsx does, with diagnosis batches run synchronously. */
function mount(platformOverrides: Partial<PanelPlatform> = {}, store = createPanelStore({ schedule: (run) => run() })): Mounted {
  const network = fakeNetwork();
  const platform = fakePlatform({ network, ...platformOverrides });
  connectCapture(store, network);
  render(<App store={store} platform={platform} />);
  return { store, network, platform };
}

const rows = () => screen.queryAllByTestId('request-row');
const grid = () => screen.getByTestId('request-list');
async function settle(): Promise<void> {
  await act(async () => { await new Promise((done) => setTimeout(done, 0)); });
}
async function backfill(m: Mounted, entries: HarEntry[]): Promise<void> {
  await act(async () => { m.network.answerBackfill(entries); await Promise.resolve(); });
  await settle();
}
async function openRow(index = 0): Promise<HTMLElement> {
  await act(async () => { fireEvent.click(rows()[index]!); });
  return screen.getByTestId('detail');
}

describe('capture', () => {
  it('tells the user what to do while nothing is captured', async () => {
    const m = mount();
    expect(screen.getByTestId('empty-state').textContent).toMatch(/Reading the requests/);
    await backfill(m, []);
    const empty = screen.getByTestId('empty-state').textContent!;
    expect(empty).toMatch(/Reload the page/);
    expect(empty).toMatch(/npm run lab/);
  });

  it('does not miss a backfill that answers between the first render and the subscription', async () => {
    const network = fakeNetwork();
    network.answerBackfill([]);
    const store = createPanelStore({ schedule: (run) => run() });
    connectCapture(store, network);
    // Preact's own render, as main.tsx does: effects (the subscription) run after paint, while
    // the answered backfill settles in a microtask, before them.
    const root = document.createElement('div');
    document.body.appendChild(root);
    try {
      preactRender(<App store={store} platform={fakePlatform({ network })} />, root);
      await new Promise((done) => setTimeout(done, 200));
      expect(store.getState().loading).toBe(false);
      expect(root.querySelector('[data-testid=empty-state]')!.textContent).toMatch(/Reload the page/);
    } finally {
      preactRender(null, root);
      root.remove();
    }
  });

  it('lists requests recorded before the panel opened (backfill) and after (live), once each', async () => {
    const m = mount();
    const before = fixtureEntries('missing-allow-origin');
    // A request that finished while getHAR was answering arrives both ways.
    act(() => m.network.finish(before[before.length - 1]!));
    await backfill(m, before);
    for (const entry of fixtureEntries('method-not-allowed')) act(() => m.network.finish(entry));
    await settle();
    expect(rows().map((r) => ({ ...r.dataset }))).toEqual([
      expect.objectContaining({ verdict: 'blocked', rule: 'missing-allow-origin', method: 'GET', count: '1' }),
      expect.objectContaining({ verdict: 'blocked', rule: 'method-not-allowed', method: 'PUT', count: '1' }),
    ]);
    expect(rows()[0]!.dataset.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/missing-allow-origin\//);
  });

  it('says which verdicts may still change while DevTools has not attached a response', async () => {
    const m = mount();
    await backfill(m, []);
    const recorded = fixtureEntries('preflight-redirect');
    const preflight = recorded.find((e) => e.request.method === 'OPTIONS')!;
    // As DevTools hands a preflight over under load: logged, its response not attached yet.
    const early = { ...preflight, response: { ...preflight.response, status: 0, statusText: '', headers: [], redirectURL: '' } };
    for (const entry of recorded) act(() => m.network.finish(entry === preflight ? early : entry));
    await settle();
    expect(screen.getByTestId('awaiting-notice').textContent)
      .toBe('Waiting for DevTools to attach the response of 2 requests: their verdicts may still change.');
    expect(rows().map((r) => r.dataset.rule)).toEqual(['failure-not-explained']);
    // The log read again (connectCapture's re-read) has the preflight's response.
    act(() => { m.store.completeLive(recorded); });
    await settle();
    expect(screen.queryByTestId('awaiting-notice')).toBeNull();
    expect(rows().map((r) => r.dataset.rule)).toEqual(['preflight-redirect']);
  });

  it('says so when the backfill fails, and keeps capturing live', async () => {
    const m = mount();
    await backfill(m, new Error('getHAR did not answer within 10000 ms') as unknown as HarEntry[]);
    expect(screen.getByRole('alert').textContent).toMatch(/getHAR did not answer/);
    for (const entry of fixtureEntries('missing-allow-origin')) act(() => m.network.finish(entry));
    await settle();
    expect(rows()).toHaveLength(1);
  });

  it('clears on navigation unless Preserve log is checked', async () => {
    const m = mount();
    await backfill(m, fixtureEntries('missing-allow-origin'));
    act(() => m.network.navigate('http://localhost/other'));
    await settle();
    expect(rows()).toHaveLength(0);
    fireEvent.click(screen.getByTestId('preserve-log'));
    for (const entry of fixtureEntries('missing-allow-origin')) act(() => m.network.finish(entry));
    act(() => m.network.navigate('http://localhost/again'));
    await settle();
    expect(rows()).toHaveLength(1);
  });
});

describe('toolbar', () => {
  it('problems only (on by default), text filter and clear', async () => {
    const m = mount();
    await backfill(m, allFixtureEntries());
    const listed = () => Number(grid().getAttribute('aria-rowcount')) - 1;
    const problems = listed();
    expect(problems).toBe(m.store.getState().rows.length);
    expect(m.store.getState().rows.every((r) => r.verdict !== 'ok')).toBe(true);
    expect((screen.getByTestId('problems-only') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('problems-only'));
    await settle();
    expect(listed()).toBeGreaterThan(problems);
    expect(m.store.getState().rows.some((r) => r.verdict === 'ok')).toBe(true);
    fireEvent.input(screen.getByTestId('filter'), { target: { value: 'wildcard-with' } });
    await settle();
    expect(rows().map((r) => r.dataset.rule)).toEqual(['header-wildcard-with-credentials', 'wildcard-with-credentials', 'wildcard-with-credentials']);
    fireEvent.click(screen.getByTestId('clear'));
    await settle();
    expect(rows()).toHaveLength(0);
  });
});

describe('keyboard', () => {
  it('arrow keys select, Enter opens the detail with focus in it, Escape returns to the list', async () => {
    const m = mount();
    await backfill(m, allFixtureEntries());
    const list = grid();
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    await settle();
    const selected = rows().filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
    expect(selected[0]).toBe(rows()[1]);
    expect(list.getAttribute('aria-activedescendant')).toBe(selected[0]!.id);
    fireEvent.keyDown(list, { key: 'Enter' });
    await settle();
    const detail = screen.getByTestId('detail');
    expect(detail.dataset.rule).toBe(selected[0]!.dataset.rule);
    expect(document.activeElement).toBe(within(detail).getByRole('heading', { level: 2 }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await settle();
    expect(screen.queryByTestId('detail')).toBeNull();
    expect(document.activeElement).toBe(grid());
    fireEvent.keyDown(grid(), { key: 'End' });
    await settle();
    expect(rows().find((r) => r.getAttribute('aria-selected') === 'true')?.dataset.rule).toBe(m.store.getState().rows.at(-1)!.ruleId);
  });
});

describe('detail', () => {
  it('explains in plain language, as the engine does', async () => {
    const m = mount();
    await backfill(m, fixtureEntries('missing-allow-origin'));
    const detail = await openRow();
    expect(detail.dataset).toMatchObject({ verdict: 'blocked', rule: 'missing-allow-origin' });
    const text = explain(m.store.getState().rows[0]!.diagnosis);
    const explanation = screen.getByTestId('explanation').textContent!;
    expect(explanation).toContain(text.summary);
    expect(explanation).toContain(text.whatHappened);
    expect(explanation).toContain(text.fix);
    expect(detail.textContent).toContain('MissingAllowOriginHeader');
  });

  it('highlights the decisive header: present in the preflight answer, or absent where it should be', async () => {
    const m = mount();
    await backfill(m, fixtureEntries('header-not-allowed'));
    await openRow();
    const preflight = screen.getByTestId('exchange-preflight');
    const decisive = [...preflight.querySelectorAll('[data-decisive]')].map((el) => el.querySelector('dt')!.textContent!.toLowerCase());
    expect(decisive).toContain('access-control-allow-headers');
    cleanup();

    const m2 = mount();
    await backfill(m2, fixtureEntries('missing-allow-origin'));
    await openRow();
    const missing = screen.getByTestId('exchange-request').querySelector('[data-missing]')!;
    expect(missing.querySelector('dt')!.textContent).toBe('access-control-allow-origin');
    expect(missing.textContent).toMatch(/absent/);
  });

  it('on every recorded scenario, each header the verdict rests on is highlighted where it was seen, or shown as absent', async () => {
    let checked = 0;
    for (const name of fixtureNames) {
      const m = mount();
      await backfill(m, fixtureEntries(name));
      fireEvent.click(screen.getByTestId('problems-only'));
      await settle();
      for (let i = 0; i < m.store.getState().rows.length; i++) {
        await openRow(i);
        const { diagnosis } = m.store.getState().rows[i]!;
        const { transaction: tx } = diagnosis;
        for (const e of diagnosis.finding.evidence) {
          const side = e.on.startsWith('preflight') ? 'preflight' : e.on === 'request' || e.on === 'response' ? 'request' : null;
          const exchange = side === 'preflight' ? tx.preflight : tx.actualRequest;
          if (!side || !exchange) continue;
          const headers = e.on.endsWith('request') ? exchange.requestHeaders : exchange.responseHeaders;
          const present = headers.some((h) => h.name.toLowerCase() === e.label);
          const column = screen.getByTestId(`exchange-${side}`);
          const decisive = [...column.querySelectorAll('[data-decisive] dt')].map((dt) => dt.textContent!.toLowerCase());
          if (present || e.value === null) {
            expect(decisive, `${name}: ${e.on} ${e.label}`).toContain(e.label);
            checked++;
          }
        }
      }
      cleanup();
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('notes a preflight that came from the cache', async () => {
    const m = mount();
    await backfill(m, fixtureEntries('preflight-cached'));
    fireEvent.click(screen.getByTestId('problems-only'));
    await settle();
    const cachedRow = m.store.getState().rows.findIndex((r) => r.diagnosis.transaction.preflightState === 'not-in-log');
    expect(cachedRow).toBeGreaterThanOrEqual(0);
    await openRow(cachedRow);
    expect(screen.getByTestId('preflight-note').textContent).toMatch(/preflight cache/);
  });

  it('has a tab per snippet stack in the engine registry; the chosen stack is remembered', async () => {
    const m = mount();
    await backfill(m, fixtureEntries('method-not-allowed'));
    await openRow();
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((t) => t.dataset.stack)).toEqual(snippetGenerators.map((g) => g.id));
    const fix = m.store.getState().rows[0]!.diagnosis.finding.fix!;
    const last = snippetGenerators[snippetGenerators.length - 1]!;
    fireEvent.click(tabs[tabs.length - 1]!);
    await settle();
    expect(screen.getByTestId('snippet').textContent).toBe(last.render(fix));
    expect(screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')!.dataset.stack).toBe(last.id);
    fireEvent.click(screen.getByTestId('copy-snippet'));
    await settle();
    expect(m.platform.copied).toEqual([last.render(fix)]);
    // Arrow keys move between tabs.
    fireEvent.keyDown(screen.getByRole('tablist'), { key: 'ArrowRight' });
    await settle();
    expect(screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')!.dataset.stack).toBe(snippetGenerators[0]!.id);
    fireEvent.keyDown(screen.getByRole('tablist'), { key: 'ArrowLeft' });
    cleanup();

    // A new panel (same preferences) opens on the stack chosen last.
    const again = mount({ preferences: m.platform.preferences });
    await backfill(again, fixtureEntries('method-not-allowed'));
    await openRow();
    expect(screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')!.dataset.stack).toBe(last.id);
  });

  it('gives the curl commands that replay the preflight and the request', async () => {
    const m = mount();
    await backfill(m, fixtureEntries('method-not-allowed'));
    await openRow();
    const curl = (await screen.findByTestId('curl')).textContent!;
    expect(curl).toBe(curlScript(m.store.getState().rows[0]!.diagnosis.transaction));
    expect(curl).toMatch(/-X OPTIONS/);
    expect(curl).toMatch(/Access-Control-Request-Method: PUT/);
  });

  it('links to learn more', async () => {
    const m = mount();
    await backfill(m, fixtureEntries('missing-allow-origin'));
    const detail = await openRow();
    const links = [...detail.querySelectorAll('.links a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(explain(m.store.getState().rows[0]!.diagnosis).links);
    expect(links.length).toBeGreaterThan(0);
  });
});

describe('retry from the page', () => {
  it('sends the request from the page with its method, headers and credentials, and shows what the page got', async () => {
    const page: FakePage = { origin: LAB_PAGE_ORIGIN, sent: [], respond: async () => { throw new TypeError('Failed to fetch'); } };
    const m = mount({ inspectedPage: fakeInspectedPage(page) });
    await backfill(m, fixtureEntries('header-not-allowed'));
    await openRow();
    await act(async () => { fireEvent.click(screen.getByTestId('retry')); });
    const result = await screen.findByTestId('retry-result');
    expect(result.dataset.outcome).toBe('network-error');
    expect(result.textContent).toMatch(/Still blocked.*Failed to fetch/);
    const tx = m.store.getState().rows[0]!.diagnosis.transaction;
    expect(page.sent).toHaveLength(1);
    expect(page.sent[0]!.url).toBe(tx.actualRequest.url);
    expect(page.sent[0]!.init).toMatchObject({ method: tx.actualRequest.method, mode: 'cors' });
    const sentNames = (page.sent[0]!.init.headers as string[][]).map(([name]) => name!.toLowerCase());
    // The page's own custom header goes again; headers the browser adds itself do not.
    expect(sentNames).toContain('x-api-key');
    expect(sentNames).not.toContain('origin');
    expect(sentNames).not.toContain('user-agent');

    page.respond = async () => new Response('{}', { status: 200 });
    await act(async () => { fireEvent.click(screen.getByTestId('retry')); });
    await settle();
    await act(async () => { await new Promise((done) => setTimeout(done, 50)); });
    expect(screen.getByTestId('retry-result').dataset.outcome).toBe('response');
    expect(screen.getByTestId('retry-result').textContent).toMatch(/HTTP 200/);
  });

  it('a result belongs to its row: another row starts without one, the retried request joins its row', async () => {
    const page: FakePage = { origin: LAB_PAGE_ORIGIN, sent: [], respond: async () => { throw new TypeError('Failed to fetch'); } };
    const m = mount({ inspectedPage: fakeInspectedPage(page) });
    await backfill(m, [...fixtureEntries('missing-allow-origin'), ...fixtureEntries('method-not-allowed')]);
    await openRow(0);
    await act(async () => { fireEvent.click(screen.getByTestId('retry')); });
    await screen.findByTestId('retry-result');
    // The page's retried request shows up live and joins the same row (same rule and endpoint).
    const retried = fixtureEntries('missing-allow-origin').map((e) => ({ ...e, startedDateTime: new Date(Date.parse(e.startedDateTime) + 60_000).toISOString() }));
    for (const entry of retried) act(() => m.network.finish(entry));
    await settle();
    expect(rows()[0]!.dataset.count).toBe('2');
    expect(screen.getByTestId('retry-result').dataset.outcome).toBe('network-error');
    await openRow(1);
    expect(screen.getByTestId('detail').dataset.rule).toBe('method-not-allowed');
    expect(screen.queryByTestId('retry-result')).toBeNull();
  });

  it('refuses when the page has navigated to another origin (the browser would judge another request)', async () => {
    const page: FakePage = { origin: 'https://elsewhere.example', sent: [], respond: async () => new Response('') };
    const m = mount({ inspectedPage: fakeInspectedPage(page) });
    await backfill(m, fixtureEntries('missing-allow-origin'));
    await openRow();
    await act(async () => { fireEvent.click(screen.getByTestId('retry')); });
    const result = await screen.findByTestId('retry-result');
    expect(result.dataset.outcome).toBe('not-run');
    expect(result.textContent).toContain(`now at https://elsewhere.example, but the request was made from ${LAB_PAGE_ORIGIN}`);
    expect(page.sent).toEqual([]);
  });

  it('is disabled for an imported capture (the inspected page may be another site)', async () => {
    const m = mount({ inspectedPage: fakeInspectedPage({ origin: LAB_PAGE_ORIGIN, sent: [], respond: async () => new Response('') }) });
    await backfill(m, []);
    act(() => { m.store.importHar('saved.har', JSON.stringify({ log: { entries: fixtureEntries('missing-allow-origin') } })); });
    await openRow();
    expect((screen.getByTestId('retry') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('hostile values', () => {
  function withHeader(name: string, value: string): HarEntry[] {
    return fixtureEntries('missing-allow-origin').map((entry) => entry.request.method === 'GET' && entry.request.url.includes('/s/')
      ? { ...entry, response: { ...entry.response, headers: [...entry.response.headers, { name, value }] } }
      : entry);
  }

  it('shows header values as text, never as HTML', async () => {
    const m = mount();
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await backfill(m, withHeader('X-Evil', payload));
    const detail = await openRow();
    expect(detail.querySelector('img, script')).toBeNull();
    expect(detail.textContent).toContain(payload);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('a 1 MB header value shows its start, and all of it on request', async () => {
    const m = mount();
    const huge = 'a'.repeat(1024 * 1024);
    await backfill(m, withHeader('X-Huge', huge));
    const started = performance.now();
    const detail = await openRow();
    expect(performance.now() - started).toBeLessThan(2_000);
    const value = [...detail.querySelectorAll('.header')].find((h) => h.querySelector('dt')!.textContent === 'X-Huge')!;
    expect(value.querySelector('dd')!.textContent!.length).toBeLessThan(VALUE_DISPLAY_CHARS + 100);
    fireEvent.click(within(value as HTMLElement).getByRole('button', { name: /show all 1,048,576 characters/ }));
    await settle();
    expect(value.querySelector('dd')!.textContent).toBe(huge);
  });
});

describe('virtualized list', () => {
  it('10,000 requests: only the rows in view are in the DOM, and scrolling brings others', async () => {
    const template = fixtureEntries('missing-allow-origin').filter((e) => e.request.url.includes('/s/'))[0]!;
    const base = Date.parse('2026-01-01T00:00:00Z');
    // 10,000 different endpoints, so none collapse.
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      ...template, startedDateTime: new Date(base + i * 100).toISOString(),
      request: { ...template.request, url: `${template.request.url}/${i}` },
    }));
    const m = mount();
    await backfill(m, entries);
    expect(m.store.getState().rows).toHaveLength(10_000);
    expect(rows().length).toBeLessThan(80);
    expect(grid().getAttribute('aria-rowcount')).toBe('10001');
    expect(rows()[0]!.dataset.url).toMatch(/\/0$/);
    const body = grid().querySelector('.grid-body')!;
    body.scrollTop = 22 * 5000;
    fireEvent.scroll(body);
    await settle();
    expect(rows().length).toBeLessThan(80);
    expect(rows().some((r) => r.dataset.url!.endsWith('/5000'))).toBe(true);
  });
});

describe('a broken part never blanks the panel', () => {
  it('a snippet generator that throws: a message in its tab, the other tabs and the detail still work', async () => {
    snippetGenerators.push({ id: 'broken-stack', label: 'Broken stack', language: 'text', render: () => { throw new Error('unsupported fix'); } });
    try {
      const m = mount();
      await backfill(m, fixtureEntries('method-not-allowed'));
      await openRow();
      fireEvent.click(screen.getAllByRole('tab').find((t) => t.dataset.stack === 'broken-stack')!);
      await settle();
      expect(within(screen.getByRole('tabpanel')).getByRole('alert').textContent).toMatch(/Could not write the Broken stack snippet: unsupported fix/);
      expect(screen.getByTestId('explanation').textContent).toMatch(/PUT/);
      fireEvent.click(screen.getAllByRole('tab')[0]!);
      await settle();
      expect(screen.getByTestId('snippet').textContent).toBe(snippetGenerators[0]!.render(m.store.getState().rows[0]!.diagnosis.finding.fix!));
    } finally {
      snippetGenerators.splice(snippetGenerators.findIndex((g) => g.id === 'broken-stack'), 1);
    }
  });

  it('a detail section or toolbar item that throws is replaced by a message; the list and detail stay', async () => {
    const Broken = () => { throw new Error('section exploded'); };
    detailEnd.push(Broken);
    toolbarItems.push(Broken);
    try {
      const m = mount();
      await backfill(m, fixtureEntries('missing-allow-origin'));
      await openRow();
      const errors = screen.getAllByTestId('render-error').map((e) => e.textContent);
      expect(errors).toEqual([expect.stringMatching(/this toolbar item: section exploded/), expect.stringMatching(/this section: section exploded/)]);
      expect(screen.getByTestId('detail').dataset.rule).toBe('missing-allow-origin');
      expect(rows()).toHaveLength(1);
    } finally {
      detailEnd.splice(detailEnd.indexOf(Broken), 1);
      toolbarItems.splice(toolbarItems.indexOf(Broken), 1);
    }
  });
});

describe('lazy slots', () => {
  it('loads a section\'s code on first use and renders it; a failed load becomes a message', async () => {
    let loads = 0;
    const Section = ({ diagnosis }: DetailSlotProps) => <p data-testid="lazy-section">lazy for {diagnosis.ruleId}</p>;
    const lazy = lazySlot(async () => { loads++; return Section; });
    const broken = lazySlot<DetailSlotProps>(() => Promise.reject(new Error('chunk missing')));
    detailEnd.push(lazy, broken);
    try {
      const m = mount();
      await backfill(m, allFixtureEntries());
      expect(loads).toBe(0);
      await openRow(0);
      await settle();
      expect((await screen.findByTestId('lazy-section')).textContent).toBe(`lazy for ${m.store.getState().rows[0]!.ruleId}`);
      expect((await screen.findByTestId('render-error')).textContent).toMatch(/chunk missing/);
      await openRow(1);
      await settle();
      expect(screen.getByTestId('lazy-section').textContent).toBe(`lazy for ${m.store.getState().rows[1]!.ruleId}`);
      expect(loads).toBe(1);
    } finally {
      detailEnd.splice(detailEnd.indexOf(lazy), 2);
    }
  });
});
