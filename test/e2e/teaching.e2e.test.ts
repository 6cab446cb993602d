/**
 * Teaching mode in the REAL DevTools panel (Debian's Chromium, docs/e2e-recipe.md), the DevTools
 * window at 1280×720 like a projector: the sequence diagram of real lab requests (where the
 * browser stopped, the request never sent, a preflight-cache hit), presentation mode (what is
 * hidden, type size, contrast), and the what-if editor computing verdicts in the panel that
 * match the engine in Node. Screenshots go to test-output/teaching-*.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { blankScenario, type WhatIfScenario } from '../../src/engine/teaching/scenario.ts';
import { scenarioToShareLink } from '../../src/engine/teaching/share.ts';
import { runWhatIf } from '../../src/engine/teaching/what-if.ts';
import { launchDevtoolsHarness, pollFor, type CdpTarget, type DevtoolsHarness } from './devtools-harness.ts';

const OUTPUT_DIR = resolve(__dirname, '../../test-output');
const PROJECTOR = { width: 1280, height: 720 };

let lab: Lab;
let harness: DevtoolsHarness;
let panel: CdpTarget;
const scenarioById = new Map(SCENARIOS.map((s) => [s.id, s]));

async function runInPage(id: string): Promise<void> {
  const scenario: Scenario = scenarioById.get(id)!;
  await harness.page.evaluate(async ([code, urls]) => {
    const AsyncFunction = (async () => {}).constructor as new (arg: string, body: string) => (lab: unknown) => Promise<unknown>;
    try {
      await new AsyncFunction('lab', code)(urls);
    } catch { /* a blocked request throws in the page: that is the point */ }
  }, [scenario.code, lab.labFor(scenario)] as const);
}

async function screenshot(name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  // The panel is its own frame: let it paint what the test just changed (a scroll) first.
  await panel.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))');
  const { data } = await harness.devtools.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
  const file = join(OUTPUT_DIR, name);
  writeFileSync(file, Buffer.from(data, 'base64'));
  return file;
}

/** Opens the detail of a scenario's row and waits for its diagram. */
async function openRow(scenario: string): Promise<void> {
  const path = JSON.stringify(`/s/${scenario}/`);
  await pollFor(`the row of ${scenario}`, () => panel.evaluate<boolean>(`(() => {
    const row = [...document.querySelectorAll('[data-testid=request-row]')].find((r) => r.dataset.url.includes(${path}));
    if (!row) return false;
    row.click();
    return true; })()`).then((found) => found || undefined), 15_000);
  await pollFor(`the diagram of ${scenario}`, () => panel.evaluate<boolean>(`(() => {
    const detail = document.querySelector('[data-testid=detail]');
    return !!detail && detail.querySelector('.detail-url').textContent.includes(${path}) && !!detail.querySelector('[data-testid=sequence-diagram]');
  })()`).then((ok) => ok || undefined), 5_000);
}

interface DiagramFacts {
  stoppedAt: string;
  preflight: string;
  rule: string;
  steps: { kind: string; state: string | null; passed: string | null; tone: string | null; from: string | null; to: string | null }[];
  stopError: string | null;
  stopText: string | null;
  text: string;
  width: number;
}

const diagramFacts = () => panel.evaluate<DiagramFacts>(`(() => {
  const svg = document.querySelector('[data-testid=detail] [data-testid=sequence-diagram]');
  const stop = svg.querySelector('[data-testid=sequence-stop]');
  return {
    stoppedAt: svg.dataset.stoppedAt, preflight: svg.dataset.preflight, rule: svg.dataset.rule,
    steps: [...svg.querySelectorAll('[data-step-kind]')].map((g) => ({ kind: g.dataset.stepKind, state: g.dataset.state ?? null,
      passed: g.dataset.passed ?? null, tone: g.dataset.tone ?? null, from: g.dataset.from ?? null, to: g.dataset.to ?? null })),
    stopError: stop?.dataset.chromiumError ?? null, stopText: stop?.textContent ?? null,
    text: document.querySelector('[data-testid=detail] [data-testid=sequence-text]').textContent,
    width: svg.getBoundingClientRect().width,
  };
})()`);

/** Clicks an element once it is there (toolbar items and sections load on first use). */
const click = (selector: string) => pollFor(`${selector} to click`, () => panel.evaluate<boolean>(`(() => {
  const element = document.querySelector(${JSON.stringify(selector)});
  if (!element) return false;
  element.click();
  return true; })()`).then((done) => done || undefined), 5_000);

/** Sets an input's value as typing would (Preact listens to input events). */
const type = (selector: string, value: string) => panel.evaluate(`(() => {
  const input = document.querySelector(${JSON.stringify(selector)});
  if (!input) throw new Error('no ' + ${JSON.stringify(selector)});
  input.value = ${JSON.stringify(value)};
  input.dispatchEvent(new Event('input', { bubbles: true }));
})()`);

const verdictIn = (root: string) => pollFor(`a what-if verdict in ${root}`, () => panel.evaluate<{ verdict: string; rule: string; chromiumError: string } | null>(`(() => {
  const v = document.querySelector(${JSON.stringify(`${root} [data-testid=whatif-verdict]`)});
  return v ? { verdict: v.dataset.verdict, rule: v.dataset.rule, chromiumError: v.dataset.chromiumError } : null; })()`).then((v) => v ?? undefined), 5_000);

beforeAll(async () => {
  lab = await startLab();
  harness = await launchDevtoolsHarness({ showPanel: false, viewport: PROJECTOR });
  // Undocked, DevTools is the whole 1280×720 window: what a projector shows.
  await harness.devtools.evaluate(`(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    legacy.DockController.DockController.instance().setDockSide('undocked');
  })()`);
  await harness.page.goto(`${lab.pageOrigin}/`, { waitUntil: 'load' });
  for (const id of ['preflight-401-auth-first', 'header-not-allowed', 'preflight-cached', 'redirect-cross-origin-needs-null']) await runInPage(id);
  panel = await harness.showPanel();
  await panel.evaluate(`(() => { const box = document.querySelector('[data-testid=problems-only]'); if (box.checked) box.click(); })()`);
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await lab?.close();
});

describe('teaching mode in the real DevTools panel', () => {
  it('draws the conversation of a blocked PUT: preflight, the failing status check, the PUT never sent', async () => {
    await openRow('preflight-401-auth-first');
    const facts = await diagramFacts();
    expect(facts.rule).toBe('preflight-rejected');
    expect(facts.steps.map((s) => (s.kind === 'message' ? `${s.from}>${s.to}${s.state === 'sent' ? '' : `:${s.state}`}` : s.kind === 'check' ? `check:${s.passed}` : `note:${s.tone}`)))
      .toEqual(['page>browser', 'browser>server', 'server>browser', 'check:false', 'browser>page', 'browser>server:not-sent']);
    expect(facts.stoppedAt).toBe('3');
    expect(facts.stopError).toBe('PreflightInvalidStatus');
    expect(facts.stopText).toMatch(/stopped here/);
    expect(facts.text).toContain('Access-Control-Request-Method: PUT');
    expect(facts.text).toMatch(/server → browser\s+401 Unauthorized/);
    // Big enough to read: the diagram fills the detail pane (DevTools window 1280 wide).
    expect(facts.width).toBeGreaterThan(500);
    // For the picture: the diagram at the top of the detail.
    await panel.evaluate(`(() => { const d = document.querySelector('.detail');
      d.scrollTop = document.querySelector('[data-testid=sequence-section]').getBoundingClientRect().top - d.getBoundingClientRect().top + d.scrollTop - 8; })()`);
    await screenshot('teaching-diagram.png');
  }, 30_000);

  it('marks the second PUT of preflight-cached as a preflight-cache hit, and a redirect whose Origin became null', async () => {
    await openRow('preflight-cached');
    const cached = await diagramFacts();
    expect(cached.preflight).toBe('not-in-log');
    expect(cached.steps.filter((s) => s.kind === 'note').map((s) => s.tone)).toEqual(['cache']);
    expect(cached.stoppedAt).toBe('none');
    expect(cached.text).toContain('⟲');
    await openRow('redirect-cross-origin-needs-null');
    const redirect = await diagramFacts();
    expect(redirect.stopError).toBe('AllowOriginMismatch');
    expect(redirect.text).toContain('Origin: null');
    expect(redirect.steps.filter((s) => s.kind === 'check').map((s) => s.passed)).toEqual(['true', 'false']);
  }, 30_000);

  it('presentation mode at 1280×720: only the request, its explanation and its conversation, large and high-contrast', async () => {
    await openRow('header-not-allowed');
    await click('[data-testid=presentation-toggle]');
    await pollFor('presentation mode', async () => (await panel.evaluate(`document.documentElement.dataset.presentation`)) === 'on' ? true : undefined, 3_000);
    // The curl section loads on first use: wait until it is in the page, so "hidden" means hidden.
    await pollFor('the curl section', async () => (await panel.evaluate(`!!document.querySelector('[data-testid=curl]')`)) ? true : undefined, 5_000);
    const facts = await panel.evaluate<Record<string, unknown>>(`(() => {
      const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
      const q = (s) => document.querySelector(s);
      const summary = q('[data-testid=explanation] .summary');
      const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
      const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const fg = getComputedStyle(summary).color, bg = getComputedStyle(q('.detail')).backgroundColor;
      const bgColor = bg === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.body).backgroundColor : bg;
      const [l1, l2] = [lum(fg), lum(bgColor)].sort((a, b) => b - a);
      return {
        panel: { width: innerWidth, height: innerHeight },
        list: shown(q('[data-testid=request-list]')), filter: shown(q('[data-testid=filter]')), statusBar: shown(q('[data-testid=status-bar]')),
        toggle: shown(q('[data-testid=presentation-toggle]')),
        explanation: shown(q('[data-testid=explanation]')), exchanges: shown(q('.exchanges')), diagram: shown(q('[data-testid=detail] [data-testid=sequence-diagram]')),
        evidence: shown(q('[data-testid=evidence]')), snippets: shown(q('.snippets')), curl: shown(q('[data-testid=curl]')),
        retry: shown(q('[data-testid=retry]')), whatif: shown(q('[data-testid=whatif-section]')),
        detailWidth: q('[data-testid=detail]').getBoundingClientRect().width,
        summaryPx: parseFloat(getComputedStyle(summary).fontSize), bodyPx: parseFloat(getComputedStyle(document.body).fontSize),
        titlePx: parseFloat(getComputedStyle(q('.detail-head h2')).fontSize),
        contrast: (l1 + 0.05) / (l2 + 0.05),
        summaryTop: summary.getBoundingClientRect().top, summaryBottom: summary.getBoundingClientRect().bottom,
      };
    })()`);
    expect(facts.panel).toMatchObject({ width: expect.any(Number) });
    expect((facts.panel as { width: number }).width).toBeLessThanOrEqual(1280);
    expect(facts).toMatchObject({
      list: false, filter: false, statusBar: false, toggle: true,
      explanation: true, exchanges: true, diagram: true,
      evidence: false, snippets: false, curl: false, retry: false, whatif: false,
    });
    expect(facts.detailWidth as number).toBeGreaterThan(1100);
    expect(facts.bodyPx).toBeGreaterThanOrEqual(20);
    expect(facts.summaryPx).toBeGreaterThanOrEqual(24);
    expect(facts.titlePx).toBeGreaterThanOrEqual(28);
    // WCAG AAA for body text is 7:1.
    expect(facts.contrast as number).toBeGreaterThanOrEqual(7);
    // The verdict sentence is on the first screen: not below the fold, not scrolled away.
    expect(facts.summaryTop as number).toBeGreaterThan(0);
    expect(facts.summaryBottom as number).toBeLessThan(PROJECTOR.height - 100);
    await panel.evaluate('document.activeElement?.blur()');
    await screenshot('teaching-presentation.png');
    await panel.evaluate(`(() => { const d = document.querySelector('.detail');
      d.scrollTop = document.querySelector('[data-testid=sequence-section]').getBoundingClientRect().top - d.getBoundingClientRect().top + d.scrollTop - 8; })()`);
    await screenshot('teaching-presentation-diagram.png');
    await panel.evaluate(`document.querySelector('.detail').scrollTop = 0`);

    await click('[data-testid=presentation-toggle]');
    const after = await panel.evaluate<{ presentation: string | null; list: boolean }>(`({ presentation: document.documentElement.dataset.presentation ?? null,
      list: getComputedStyle(document.querySelector('[data-testid=request-list]')).display !== 'none' })`);
    expect(after).toEqual({ presentation: null, list: true });
  }, 30_000);

  it('presentation mode in DevTools\' dark theme: black background, AAA contrast for the text and the diagram', async () => {
    await openRow('preflight-401-auth-first');
    await harness.devtools.evaluate(`(async () => {
      const common = await import('./core/common/common.js');
      common.Settings.Settings.instance().moduleSetting('ui-theme').set('dark');
    })()`);
    await pollFor('the panel to turn dark', async () => (await panel.evaluate('document.documentElement.dataset.theme')) === 'dark' ? true : undefined, 5_000);
    await click('[data-testid=presentation-toggle]');
    const contrast = await panel.evaluate<{ background: string; summary: number; diagramLabel: number; stop: number; toggle: number }>(`(() => {
      const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
      const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const ratio = (a, b) => { const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x); return (l1 + 0.05) / (l2 + 0.05); };
      const background = getComputedStyle(document.body).backgroundColor;
      const svg = document.querySelector('[data-testid=detail] [data-testid=sequence-diagram]');
      const stopBox = getComputedStyle(svg.querySelector('[data-testid=sequence-stop] rect')).fill;
      return {
        background,
        summary: ratio(getComputedStyle(document.querySelector('[data-testid=explanation] .summary')).color, background),
        diagramLabel: ratio(getComputedStyle(svg.querySelector('.seq-label')).fill, background),
        stop: ratio(getComputedStyle(svg.querySelector('[data-testid=sequence-stop] .seq-check-detail')).fill, stopBox),
        toggle: ratio(getComputedStyle(document.querySelector('[data-testid=presentation-toggle]')).color, getComputedStyle(document.querySelector('[data-testid=presentation-toggle]')).backgroundColor),
      };
    })()`);
    expect(contrast.background).toBe('rgb(0, 0, 0)');
    expect(contrast.summary).toBeGreaterThanOrEqual(7);
    expect(contrast.diagramLabel).toBeGreaterThanOrEqual(7);
    expect(contrast.stop).toBeGreaterThanOrEqual(7);
    // WCAG AA for large text at least, on the one button left on screen.
    expect(contrast.toggle).toBeGreaterThanOrEqual(4.5);
    await panel.evaluate(`(() => { const d = document.querySelector('.detail');
      d.scrollTop = document.querySelector('[data-testid=sequence-section]').getBoundingClientRect().top - d.getBoundingClientRect().top + d.scrollTop - 8; })()`);
    await screenshot('teaching-presentation-dark.png');
    await click('[data-testid=presentation-toggle]');
    await harness.devtools.evaluate(`(async () => {
      const common = await import('./core/common/common.js');
      common.Settings.Settings.instance().moduleSetting('ui-theme').set('default');
    })()`);
    await pollFor('the panel to turn light again', async () => (await panel.evaluate('document.documentElement.dataset.theme')) === 'light' ? true : undefined, 5_000);
  }, 30_000);

  it('what-if on a captured request: allowing the header turns the verdict, in the panel, as the engine in Node says', async () => {
    await openRow('header-not-allowed');
    await pollFor('the What if… section', () => panel.evaluate<boolean>(`(() => {
      const d = document.querySelector('[data-testid=whatif-section]');
      if (!d) return false;
      d.open = true;
      return true; })()`).then((done) => done || undefined), 5_000);
    const before = await verdictIn('[data-testid=whatif-section]');
    expect(before).toMatchObject({ verdict: 'blocked', rule: 'header-not-allowed', chromiumError: 'HeaderDisallowedByPreflightResponse' });
    await type('[data-testid=whatif-section] [data-testid=whatif-preflightResponse-headers] [data-header=access-control-allow-headers] .header-value-input', 'Content-Type, X-Api-Key');
    await pollFor('the verdict to change', async () => ((await verdictIn('[data-testid=whatif-section]')).rule !== 'header-not-allowed' ? true : undefined), 5_000);
    // The guessed actual answer echoes the origin without Vary: allowed, with a warning.
    expect(await verdictIn('[data-testid=whatif-section]')).toEqual({ verdict: 'warning', rule: 'vary-origin-missing', chromiumError: '' });
    const diagram = await panel.evaluate<string>(`document.querySelector('[data-testid=whatif-section] [data-testid=sequence-diagram]').dataset.stoppedAt`);
    expect(diagram).toBe('none');
    await panel.evaluate(`(() => { const d = document.querySelector('.detail');
      d.scrollTop = document.querySelector('[data-testid=whatif-section]').getBoundingClientRect().top - d.getBoundingClientRect().top + d.scrollTop - 8; })()`);
    await screenshot('teaching-whatif.png');
  }, 30_000);

  it('what-if lab from scratch: a share link opens in the panel with the verdict Node computes; a damaged one says why', async () => {
    await click('[data-testid=whatif-lab-toggle]');
    expect(await verdictIn('[data-testid=whatif-lab]')).toMatchObject({ verdict: 'blocked', rule: 'missing-allow-origin', chromiumError: 'MissingAllowOriginHeader' });

    const scenario: WhatIfScenario = {
      ...blankScenario(), title: 'Credentialed PUT', method: 'PUT', credentials: 'include',
      preflightResponse: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }] },
    };
    const inNode = runWhatIf(scenario);
    if (!inNode.ok) throw new Error(inNode.errors.join(' '));
    await type('[data-testid=whatif-lab] [data-testid=whatif-paste]', scenarioToShareLink(scenario, 'chrome-extension://x/src/panel/panel.html'));
    await click('[data-testid=whatif-lab] [data-testid=whatif-open]');
    await pollFor('the opened scenario', async () => (await panel.evaluate(`document.querySelector('[data-testid=whatif-lab] [data-testid=whatif-title]').value`)) === 'Credentialed PUT' ? true : undefined, 5_000);
    expect(await verdictIn('[data-testid=whatif-lab]')).toEqual({
      verdict: inNode.result.diagnosis.verdict, rule: inNode.result.diagnosis.ruleId, chromiumError: inNode.result.diagnosis.chromiumError ?? '',
    });
    expect(inNode.result.diagnosis.chromiumError).toBe('PreflightWildcardOriginNotAllowed');
    await screenshot('teaching-whatif-lab.png');

    await type('[data-testid=whatif-lab] [data-testid=whatif-paste]', 'https://example.com/#scenario=eyJmb3JtYXQiOiJjb3Jz');
    await click('[data-testid=whatif-lab] [data-testid=whatif-open]');
    const error = await pollFor('the error message', () => panel.evaluate<string | null>(`document.querySelector('[data-testid=whatif-lab] [data-testid=whatif-message].error')?.textContent ?? null`).then((t) => t ?? undefined), 5_000);
    expect(error).toMatch(/not valid JSON/);
    // The scenario on screen is still the last good one.
    expect(await verdictIn('[data-testid=whatif-lab]')).toMatchObject({ chromiumError: 'PreflightWildcardOriginNotAllowed' });
  }, 30_000);
});
