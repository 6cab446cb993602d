/**
 * The platform layer's one code path over the WebExtension API's different answers:
 *  - callbackOrPromise (getHAR: Firefox returns a promise, Chromium calls back);
 *  - inspectedWindow.eval's three answer shapes, as recorded from the real browsers;
 *  - the real webextension-polyfill's wrapper (what Chromium without a native `browser`
 *    namespace gets) over a chrome.devtools double that answers as Chromium 156's does when
 *    called with a callback. Chromium 156 itself (native `browser`, the polyfill steps aside) is
 *    covered by test/e2e/panel.e2e.test.ts, Firefox by test/e2e/firefox-smoke.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackOrPromise } from '../../../src/platform/callback-or-promise.ts';
import { envelopedExpression, evalAnswerValue, evalFailure } from '../../../src/platform/inspected-window.ts';

describe('callbackOrPromise', () => {
  const later = <T>(ms: number, value: T) => new Promise<T>((done) => setTimeout(() => done(value), ms));
  const cases: Array<{ name: string; call: (cb: (value: string) => void) => unknown; expected: string | RegExp }> = [
    { name: 'a callback API (Chromium getHAR: calls back, returns undefined)', call: (cb) => { setTimeout(() => cb('from callback'), 5); return undefined; }, expected: 'from callback' },
    { name: 'a promise API that ignores the callback (Firefox getHAR)', call: () => later(5, 'from promise'), expected: 'from promise' },
    { name: 'both answer: the first wins (callback)', call: (cb) => { setTimeout(() => cb('first'), 1); return later(20, 'second'); }, expected: 'first' },
    { name: 'both answer: the first wins (promise)', call: (cb) => { setTimeout(() => cb('second'), 20); return later(1, 'first'); }, expected: 'first' },
    { name: 'the call throws', call: () => { throw new Error('Expected at most 0 arguments for getHAR(), got 1'); }, expected: /Expected at most 0 arguments/ },
    { name: 'the promise rejects', call: () => Promise.reject(new Error('DevTools closed')), expected: /DevTools closed/ },
    { name: 'nothing answers: bounded', call: () => undefined, expected: /getHAR did not answer within 30 ms/ },
  ];
  for (const { name, call, expected } of cases) {
    it(name, async () => {
      const settled = callbackOrPromise(call, 30, 'getHAR');
      if (typeof expected === 'string') await expect(settled).resolves.toBe(expected);
      else await expect(settled).rejects.toThrow(expected);
    });
  }
});

describe('inspectedWindow.eval answers', () => {
  const envelope = (value: unknown) => (value === undefined ? {} : { corsLensValue: value });
  // Answers as the browsers gave them for an envelopedExpression() (Chromium 156, its callback
  // through the polyfill, firefox-esr 153).
  const boom = { isException: true, value: 'Error: boom\n    at <anonymous>:1:7' };
  const boomFirefox = { isException: true, value: 'Error: boom\n\t@debugger eval called from moz-extension://bd49f8c3-42c8-42c1-8786-5681e9469c19/ - eval code:1:16\n' };
  const denied = { code: 'E_FAILED', description: 'Operation failed: %s', details: ['Permission denied'], isError: true };
  const values: unknown[] = [[1, 2], { status: 200 }, 'http://localhost:1', null, true, undefined];

  for (const value of values) {
    it(`the value ${JSON.stringify(value) ?? 'undefined'} in all three shapes`, () => {
      expect(evalAnswerValue(envelope(value)), 'Chromium native').toEqual(value);
      expect(evalAnswerValue([envelope(value)]), 'Chromium via the polyfill').toEqual(value);
      expect(evalAnswerValue([envelope(value), null]), 'Firefox').toEqual(value);
    });
  }

  it('the page\'s exception: resolved beside the result (Firefox, polyfill) or rejected with (Chromium native)', () => {
    expect(() => evalAnswerValue([null, boom]), 'Chromium via the polyfill').toThrow(/^Error: boom/);
    expect(() => evalAnswerValue([null, boomFirefox]), 'Firefox').toThrow(/^Error: boom/);
    expect(evalFailure(boom).message).toMatch(/^Error: boom/);
  });

  it('a DevTools-side error names its details', () => {
    expect(() => evalAnswerValue([null, denied])).toThrow('Operation failed: Permission denied');
    expect(evalFailure(denied).message).toBe('Operation failed: Permission denied');
  });

  it('an answer without the envelope is an error, not a value', () => {
    expect(() => evalAnswerValue(undefined)).toThrow('The page gave no answer.');
    expect(() => evalAnswerValue([null, null])).toThrow('The page gave no answer.');
  });

  it('the envelope runs the expression as it is', () => {
    // The same indirect eval the fake DevTools below uses: the page's global scope.
    expect((0, eval)(envelopedExpression('(() => [1, 2])()'))).toEqual({ corsLensValue: [1, 2] });
  });
});

describe('through the real webextension-polyfill wrapper (Chromium without a native `browser`)', () => {
  /** A DevTools API double that answers with a callback only, as Chromium's chrome.devtools does. */
  function chromeDevtools() {
    const finished = new Set<(request: object) => void>();
    const entry = { startedDateTime: '2026-11-23T10:00:00.000Z', request: { method: 'GET', url: 'http://127.0.0.1:1/data', headers: [] }, response: { status: 200, headers: [] }, _resourceType: 'fetch' };
    const chrome = {
      runtime: { id: 'cors-lens-test', lastError: undefined },
      devtools: {
        network: {
          getHAR(callback: (log: unknown) => void) { setTimeout(() => callback({ version: '1.2', entries: [entry] }), 1); },
          onRequestFinished: { addListener: (l: (r: object) => void) => finished.add(l), removeListener: (l: (r: object) => void) => finished.delete(l), hasListener: (l: (r: object) => void) => finished.has(l) },
          onNavigated: { addListener() {}, removeListener() {} },
        },
        inspectedWindow: {
          eval(expression: string, callback: (...args: unknown[]) => void) {
            try {
              callback((0, eval)(expression) as unknown);
            } catch (error) {
              callback(null, { isException: true, value: String(error) });
            }
          },
        },
        panels: { themeName: 'dark', setThemeChangeHandler(handler: (name: string) => void) { setTimeout(() => handler('default'), 1); } },
      },
    };
    return { chrome, entry, finish: (request: object) => finished.forEach((listener) => listener(request)), listeners: () => finished.size };
  }

  // Node caches the polyfill (a CommonJS module) once per file: one double for the whole block.
  const fake = chromeDevtools();
  beforeAll(async () => {
    (globalThis as { chrome?: unknown }).chrome = fake.chrome;
    const { browser } = await import('../../../src/platform/extension-api.ts');
    expect(browser, 'the polyfill wraps chrome here (no native browser namespace)').not.toBe(fake.chrome);
  });
  afterAll(() => {
    delete (globalThis as { chrome?: unknown }).chrome;
  });

  it('getHAR (a member the polyfill passes through) backfills through its callback', async () => {
    const { createDevtoolsNetworkSource } = await import('../../../src/platform/devtools-network.ts');
    await expect(createDevtoolsNetworkSource().backfill()).resolves.toEqual([fake.entry]);
  });

  it('a live entry reaches the panel whole, without getContent, though the polyfill hands a Proxy with no own keys', async () => {
    const { createDevtoolsNetworkSource } = await import('../../../src/platform/devtools-network.ts');
    const seen: unknown[] = [];
    let handed: object | undefined;
    // What the polyfill gives listeners, and why toPlainEntry walks it with for…in.
    const { browser } = await import('../../../src/platform/extension-api.ts');
    browser.devtools.network.onRequestFinished.addListener((request) => { handed = request; });
    const unsubscribe = createDevtoolsNetworkSource().subscribe((entry) => seen.push(entry));
    fake.finish({ ...fake.entry, getContent: (cb: (body: string) => void) => cb('') });
    expect(Object.keys(handed!)).toEqual([]);
    expect(seen).toEqual([fake.entry]);
    const before = fake.listeners();
    unsubscribe();
    expect(fake.listeners()).toBe(before - 1);
  });

  it('inspectedWindow.eval: the value, or the page\'s exception as an Error', async () => {
    const { evalInInspectedWindow } = await import('../../../src/platform/inspected-window-eval.ts');
    await expect(evalInInspectedWindow('[1, 2].map((n) => n * 2)')).resolves.toEqual([2, 4]);
    await expect(evalInInspectedWindow('(() => { throw new TypeError("Failed to fetch"); })()')).rejects.toThrow('TypeError: Failed to fetch');
  });

  it('theme: themeName now, and changes through setThemeChangeHandler', async () => {
    const { devtoolsTheme } = await import('../../../src/platform/theme.ts');
    const theme = devtoolsTheme();
    expect(theme.current).toBe('dark');
    await expect(new Promise((done) => theme.onChange(done))).resolves.toBe('light');
  });
});

describe('src reaches the WebExtension API only through src/platform/extension-api.ts', () => {
  const SRC = resolve(__dirname, '../../../src');
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));
  const sources = files(SRC);

  it('only extension-api.ts imports webextension-polyfill', () => {
    const importers = sources.filter((file) => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles
      .some(({ fileName }) => fileName === 'webextension-polyfill'));
    expect(importers.map((file) => relative(SRC, file))).toEqual(['platform/extension-api.ts']);
  });

  it('no code names chrome.* (comments and strings may)', () => {
    const uses = sources.flatMap((file) => {
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'chrome') found.push(`${relative(SRC, file)}: ${node.getText()}`);
        ts.forEachChild(node, visit);
      };
      visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
      return found;
    });
    expect(uses).toEqual([]);
  });
});
