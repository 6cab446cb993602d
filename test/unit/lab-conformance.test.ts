/**
 * The rules the live conformance run judges the panel by (test/support/conformance.ts): the
 * panel agrees with Chromium only if its row is "blocked" exactly when Chromium has a CORS error,
 * naming the same error; rows are matched to Chromium's requests one by one.
 */
import { describe, expect, it } from 'vitest';
import { panelAgrees, panelRowFor, type ChromiumRequest, type PanelVerdict } from '../support/conformance.ts';

const row = (verdict: string, chromiumError: string | null, url = 'http://127.0.0.1:1/s/x/data', method = 'GET'): PanelVerdict =>
  ({ verdict, rule: 'some-rule', method, url, chromiumError });
const request = (url: string, method = 'GET', urls?: string[]): ChromiumRequest =>
  ({ url, method, resourceType: 'fetch', corsError: null, netError: null, ...(urls ? { urls } : {}) });

describe('panelAgrees', () => {
  it.each([
    [null, row('ok', null), true],
    [null, row('warning', null), true],
    [null, row('not-cors', null), true],
    [null, row('blocked', 'MissingAllowOriginHeader'), false],
    ['MissingAllowOriginHeader', row('blocked', 'MissingAllowOriginHeader'), true],
    ['MissingAllowOriginHeader', row('blocked', 'AllowOriginMismatch'), false],
    ['MissingAllowOriginHeader', row('blocked', null), false],
    ['MissingAllowOriginHeader', row('not-cors', null), false],
    ['MissingAllowOriginHeader', undefined, false],
    [null, undefined, false],
  ] as const)('Chromium %s, panel %j → %s', (chromium, shown, agrees) => {
    expect(panelAgrees(chromium, shown)).toBe(agrees);
  });
});

describe('panelRowFor', () => {
  it('takes two rows for two identical requests, in order', () => {
    const rows = [row('warning', null), row('ok', null)];
    const used = new Set<PanelVerdict>();
    expect(panelRowFor(request(rows[0]!.url), rows, used)).toBe(rows[0]);
    expect(panelRowFor(request(rows[0]!.url), rows, used)).toBe(rows[1]);
  });

  it('lets one collapsed problem row stand for its repeats', () => {
    const rows = [row('blocked', 'MissingAllowOriginHeader')];
    const used = new Set<PanelVerdict>();
    expect(panelRowFor(request(rows[0]!.url), rows, used)).toBe(rows[0]);
    expect(panelRowFor(request(rows[0]!.url), rows, used)).toBe(rows[0]);
  });

  it('finds a redirected request by its first URL and method, and nothing for another method', () => {
    const rows = [row('blocked', 'AllowOriginMismatch', 'http://127.0.0.1:1/s/r/start')];
    expect(panelRowFor(request('http://localhost:2/s/r/final', 'GET', ['http://127.0.0.1:1/s/r/start', 'http://localhost:2/s/r/final']), rows)).toBe(rows[0]);
    expect(panelRowFor(request('http://127.0.0.1:1/s/r/start', 'PUT'), rows)).toBeUndefined();
  });
});
