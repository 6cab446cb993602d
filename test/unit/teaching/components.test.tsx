// @vitest-environment happy-dom
/**
 * The teaching components as a user drives them (happy-dom): the what-if editor follows every
 * edit with the engine's verdict, opens share links and says what is wrong with bad ones, and
 * keeps hostile header values as text; the diagram is SVG text nodes; the presentation toggle
 * flips the document into presentation mode and back.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { blankScenario, type WhatIfScenario } from '../../../src/engine/teaching/scenario.ts';
import { parseScenario, scenarioToJson, scenarioToShareLink } from '../../../src/engine/teaching/share.ts';
import { runWhatIf } from '../../../src/engine/teaching/what-if.ts';
import { PresentationToggle } from '../../../src/panel/teaching/PresentationToggle.tsx';
import { SequenceDiagram } from '../../../src/panel/teaching/SequenceDiagram.tsx';
import { WhatIfEditor } from '../../../src/panel/teaching/WhatIfEditor.tsx';
import { isPresenting, setPresenting } from '../../../src/panel/teaching/presentation.ts';
import { createPanelStore } from '../../../src/panel/store.ts';
import { fakePlatform } from '../panel/fake-platform.ts';

afterEach(() => {
  cleanup();
  setPresenting(false);
});

const HOSTILE = '<img src=x onerror="window.pwned=1">';

function verdict() {
  const element = screen.getByTestId('whatif-verdict');
  return { verdict: element.dataset.verdict, rule: element.dataset.rule, chromiumError: element.dataset.chromiumError };
}

function typeInto(input: HTMLElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

describe('WhatIfEditor', () => {
  it('follows each edit with the engine\'s verdict and diagram', () => {
    const platform = fakePlatform();
    render(<WhatIfEditor initial={blankScenario()} platform={platform} />);
    expect(verdict()).toEqual({ verdict: 'blocked', rule: 'missing-allow-origin', chromiumError: 'MissingAllowOriginHeader' });
    const actual = screen.getByTestId('whatif-actualResponse-headers');
    fireEvent.click(within(actual).getByText('+ Access-Control-Allow-Origin'));
    // The chip fills in the page's origin; an echoed origin without Vary is a warning.
    expect(verdict()).toEqual({ verdict: 'warning', rule: 'vary-origin-missing', chromiumError: '' });
    fireEvent.click(within(actual).getByText('+ Vary'));
    expect(verdict()).toEqual({ verdict: 'ok', rule: 'cors-ok', chromiumError: '' });
    // A PUT needs a preflight, whose answer is empty in the blank scenario.
    typeInto(screen.getByTestId('whatif-method'), 'PUT');
    expect(verdict()).toMatchObject({ verdict: 'blocked', chromiumError: 'PreflightMissingAllowOriginHeader' });
    expect(screen.getByTestId('sequence-diagram').dataset.stoppedAt).toBe('3');
  });

  it('shows what is wrong with a half-typed scenario instead of a verdict, and ignores blank header rows', () => {
    render(<WhatIfEditor initial={blankScenario()} platform={fakePlatform()} />);
    fireEvent.click(within(screen.getByTestId('whatif-request-headers')).getByText('+ other header'));
    expect(verdict().rule).toBe('missing-allow-origin');
    typeInto(screen.getByTestId('whatif-actualResponse-status'), '');
    typeInto(screen.getByTestId('whatif-page-origin'), 'http://localhost:5173/');
    const errors = screen.getByTestId('whatif-errors').textContent!;
    expect(errors).toContain('actualResponse.status: expected an HTTP status from 100 to 599, got no number');
    expect(errors).toContain('pageOrigin');
    expect(screen.queryByTestId('whatif-verdict')).toBeNull();
    typeInto(screen.getByTestId('whatif-actualResponse-status'), '500');
    typeInto(screen.getByTestId('whatif-page-origin'), 'http://localhost:5173');
    expect(verdict()).toMatchObject({ rule: 'error-response-without-cors' });
  });

  it('opens a share link with the verdict the engine gives it, and explains a bad one', async () => {
    render(<WhatIfEditor initial={blankScenario()} platform={fakePlatform()} />);
    const scenario: WhatIfScenario = {
      ...blankScenario(), title: 'Shared', credentials: 'include',
      actualResponse: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
    };
    const expected = runWhatIf(scenario);
    if (!expected.ok) throw new Error('the scenario must run');
    typeInto(screen.getByTestId('whatif-paste'), scenarioToShareLink(scenario, 'chrome-extension://id/panel.html'));
    fireEvent.click(screen.getByTestId('whatif-open'));
    expect((screen.getByTestId('whatif-title') as HTMLInputElement).value).toBe('Shared');
    expect(verdict()).toEqual({ verdict: 'blocked', rule: expected.result.diagnosis.ruleId, chromiumError: 'WildcardOriginNotAllowed' });

    typeInto(screen.getByTestId('whatif-paste'), 'https://example.com/page');
    fireEvent.click(screen.getByTestId('whatif-open'));
    expect(screen.getByRole('alert').textContent).toMatch(/not a scenario link/);
    expect(verdict().chromiumError).toBe('WildcardOriginNotAllowed');
  });

  it('opens a scenario .json file, and refuses a HAR file with a message that says what to do', async () => {
    render(<WhatIfEditor initial={blankScenario()} platform={fakePlatform()} />);
    const input = screen.getByTestId('whatif-file') as HTMLInputElement;
    const choose = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      await act(async () => { fireEvent.change(input); await new Promise((done) => setTimeout(done, 10)); });
    };
    await choose(new File([scenarioToJson({ ...blankScenario(), title: 'From a file', method: 'DELETE' })], 'lesson.json', { type: 'application/json' }));
    expect((screen.getByTestId('whatif-title') as HTMLInputElement).value).toBe('From a file');
    expect((screen.getByTestId('whatif-method') as HTMLInputElement).value).toBe('DELETE');
    await choose(new File(['{"log":{"version":"1.2","entries":[]}}'], 'capture.har'));
    expect(screen.getByRole('alert').textContent).toMatch(/not a CORS Lens scenario.*Open HAR/);
  });

  it('copies a share link with secrets redacted', async () => {
    const platform = fakePlatform();
    render(<WhatIfEditor initial={{ ...blankScenario(), requestHeaders: [{ name: 'Authorization', value: 'Bearer live-secret-123' }] }} platform={platform} />);
    await act(async () => { fireEvent.click(screen.getByTestId('whatif-share')); });
    expect(platform.copied).toHaveLength(1);
    expect(platform.copied[0]).toMatch(/#scenario=[A-Za-z0-9_-]+$/);
    const json = new TextDecoder().decode(Uint8Array.from(atob(platform.copied[0]!.split('=')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    expect(json).not.toContain('live-secret-123');
    expect(screen.getByTestId('whatif-message').textContent).toMatch(/copied/);
  });

  it('shares what runs: a header row being added is left out, and the link opens', async () => {
    const platform = fakePlatform();
    render(<WhatIfEditor initial={{ ...blankScenario(), requestHeaders: [{ name: 'X-Trace', value: '1' }, { name: '', value: '' }] }} platform={platform} />);
    await act(async () => { fireEvent.click(screen.getByTestId('whatif-share')); });
    expect(platform.copied).toHaveLength(1);
    const reopened = parseScenario(platform.copied[0]!);
    expect(reopened.ok && reopened.scenario.requestHeaders).toEqual([{ name: 'X-Trace', value: '1' }]);
  });

  it('a scenario that cannot run is neither copied nor saved, and the message says why', async () => {
    const platform = fakePlatform();
    render(<WhatIfEditor initial={{ ...blankScenario(), requestHeaders: [{ name: 'Bad Name', value: '1' }] }} platform={platform} />);
    await act(async () => { fireEvent.click(screen.getByTestId('whatif-share')); });
    expect(platform.copied).toHaveLength(0);
    expect(screen.getByTestId('whatif-message').textContent).toMatch(/^Fix the scenario before you share it: requestHeaders\[0\]\.name: "Bad Name" is not a header name/);
    await act(async () => { fireEvent.click(screen.getByTestId('whatif-save')); });
    expect(screen.getByTestId('whatif-message').textContent).toMatch(/^Fix the scenario before you save it:/);
  });

  it('keeps hostile header values as text, in the form and in the diagram', () => {
    const { container } = render(<WhatIfEditor initial={{ ...blankScenario(), actualResponse: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: HOSTILE }] } }} platform={fakePlatform()} />);
    expect(container.querySelector('img')).toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(screen.getByTestId('sequence-diagram').textContent).toContain('<img src=x');
    expect(verdict()).toMatchObject({ verdict: 'blocked', chromiumError: 'MultipleAllowOriginValues' });
  });

  it('"Start from scratch" replaces the scenario, and Reset brings the starting one back', () => {
    const start = { ...blankScenario(), method: 'DELETE', title: 'From the log' };
    render(<WhatIfEditor initial={start} platform={fakePlatform()} resetLabel="Reset to the captured request" />);
    fireEvent.click(screen.getByTestId('whatif-scratch'));
    expect((screen.getByTestId('whatif-method') as HTMLInputElement).value).toBe('GET');
    fireEvent.click(screen.getByText('Reset to the captured request'));
    expect((screen.getByTestId('whatif-method') as HTMLInputElement).value).toBe('DELETE');
  });
});

describe('SequenceDiagram', () => {
  it('draws lanes, one group per step, and the stop', () => {
    const outcome = runWhatIf(blankScenario());
    if (!outcome.ok) throw new Error('blank scenario must run');
    const { container } = render(<SequenceDiagram diagram={outcome.result.sequence} />);
    const svg = container.querySelector('svg')!;
    expect([...svg.querySelectorAll('[data-lane]')].map((g) => g.getAttribute('data-lane'))).toEqual(['page', 'browser', 'server']);
    expect(svg.querySelectorAll('[data-step-kind]').length).toBe(outcome.result.sequence.steps.length);
    expect(svg.querySelector('[data-testid=sequence-stop]')!.textContent).toMatch(/stopped here/);
    expect(screen.getByTestId('sequence-text').textContent).toContain('✖ STOPPED HERE: Allow-Origin check [MissingAllowOriginHeader]');
  });
});

describe('PresentationToggle', () => {
  it('turns presentation mode on and off, on the document root and in its own label', () => {
    const store = createPanelStore();
    render(<PresentationToggle store={store} state={store.getState()} platform={fakePlatform()} />);
    const toggle = screen.getByTestId('presentation-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(isPresenting()).toBe(true);
    expect(document.documentElement.dataset.presentation).toBe('on');
    expect(toggle.textContent).toBe('Exit presentation');
    fireEvent.click(toggle);
    expect(document.documentElement.dataset.presentation).toBeUndefined();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });
});
