/**
 * The what-if model: one edit to a working scenario, and the verdict Chromium would give. The
 * expected values come from Chromium's checks in order (docs: cors-truth.md §2): preflight
 * redirect → Allow-Origin → Allow-Credentials → status → parse ACAM/ACAH → method → headers;
 * then the actual response's Allow-Origin → Allow-Credentials. Not from the model's output.
 */
import { describe, expect, it } from 'vitest';
import type { Header } from '../../../src/engine/types.ts';
import type { WhatIfScenario } from '../../../src/engine/teaching/scenario.ts';
import { methodAsSent, runWhatIf, type WhatIfResult } from '../../../src/engine/teaching/what-if.ts';
import { scenarioFromDiagnosis } from '../../../src/engine/teaching/scenario.ts';
import { analyzeHar } from '../../../src/engine/diagnose.ts';
import { entry, har } from '../../support/har-builder.ts';

const PAGE = 'http://localhost:5173';
const API = 'http://localhost:3000/api/items';

/** A credential-less PUT with a JSON body that every check lets through. */
function base(): WhatIfScenario {
  return {
    title: 'PUT JSON',
    pageOrigin: PAGE,
    url: API,
    method: 'PUT',
    requestHeaders: [{ name: 'Content-Type', value: 'application/json' }],
    credentials: 'same-origin',
    preflightResponse: {
      status: 204,
      headers: [
        { name: 'Access-Control-Allow-Origin', value: PAGE },
        { name: 'Access-Control-Allow-Methods', value: 'PUT' },
        { name: 'Access-Control-Allow-Headers', value: 'Content-Type' },
        { name: 'Vary', value: 'Origin' },
      ],
    },
    actualResponse: {
      status: 200,
      headers: [
        { name: 'Access-Control-Allow-Origin', value: PAGE },
        { name: 'Vary', value: 'Origin' },
        { name: 'Content-Type', value: 'application/json' },
      ],
    },
    preflightCache: 'cold',
  };
}

type Reply = 'preflightResponse' | 'actualResponse';

/** Sets (or with null, removes) a response header on one of the two answers. */
function setHeader(s: WhatIfScenario, reply: Reply, name: string, value: string | null): WhatIfScenario {
  const headers: Header[] = s[reply].headers.filter((h) => h.name.toLowerCase() !== name.toLowerCase());
  if (value !== null) headers.push({ name, value });
  return { ...s, [reply]: { ...s[reply], headers } };
}
const both = (s: WhatIfScenario, name: string, value: string | null) => setHeader(setHeader(s, 'preflightResponse', name, value), 'actualResponse', name, value);
const status = (s: WhatIfScenario, reply: Reply, code: number): WhatIfScenario => ({ ...s, [reply]: { ...s[reply], status: code } });
const credentialed = (s: WhatIfScenario) => ({ ...s, credentials: 'include' as const });

interface Case {
  name: string;
  edit: (s: WhatIfScenario) => WhatIfScenario;
  verdict: 'blocked' | 'warning' | 'ok' | 'not-cors';
  rule: string;
  chromiumError: string | null;
  /** Whether an OPTIONS goes on the wire. */
  preflight?: 'sent' | 'cache-hit' | 'none';
}

const CASES: Case[] = [
  { name: 'unchanged: everything allowed', edit: (s) => s, verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'sent' },
  // Preflight: Allow-Origin is checked before anything else on the OPTIONS answer.
  { name: 'preflight ACAO with a trailing slash', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Origin', `${PAGE}/`), verdict: 'blocked', rule: 'allow-origin-trailing-slash', chromiumError: 'PreflightAllowOriginMismatch' },
  { name: 'preflight ACAO removed (204 answer)', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Origin', null), verdict: 'blocked', rule: 'missing-allow-origin', chromiumError: 'PreflightMissingAllowOriginHeader' },
  { name: 'preflight 401 with its CORS headers (auth first): status is checked after origin', edit: (s) => status(s, 'preflightResponse', 401), verdict: 'blocked', rule: 'preflight-rejected', chromiumError: 'PreflightInvalidStatus' },
  { name: 'preflight 404 with no CORS headers: the missing ACAO is named first', edit: (s) => ({ ...s, preflightResponse: { status: 404, headers: [] } }), verdict: 'blocked', rule: 'preflight-rejected', chromiumError: 'PreflightMissingAllowOriginHeader' },
  { name: 'preflight redirected (301)', edit: (s) => setHeader(status(s, 'preflightResponse', 301), 'preflightResponse', 'Location', `${API}/`), verdict: 'blocked', rule: 'preflight-redirect', chromiumError: 'PreflightDisallowedRedirect' },
  { name: 'ACAM "GET, POST" for a PUT', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Methods', 'GET, POST'), verdict: 'blocked', rule: 'method-not-allowed', chromiumError: 'MethodDisallowedByPreflightResponse' },
  { name: 'ACAM "GET PUT" (space, not comma) does not parse', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Methods', 'GET PUT'), verdict: 'blocked', rule: 'allow-methods-invalid', chromiumError: 'InvalidAllowMethodsPreflightResponse' },
  { name: 'ACAM "*" without credentials covers PUT', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Methods', '*'), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  { name: 'ACAH removed: Content-Type: application/json is not safelisted', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Headers', null), verdict: 'blocked', rule: 'header-not-allowed', chromiumError: 'HeaderDisallowedByPreflightResponse' },
  { name: 'ACAH "Content-Type X-Api-Key" does not parse', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Headers', 'Content-Type X-Api-Key'), verdict: 'blocked', rule: 'allow-headers-invalid', chromiumError: 'InvalidAllowHeadersPreflightResponse' },
  { name: 'ACAH "*" without credentials covers Content-Type', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Headers', '*'), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  {
    name: 'ACAH "*" with credentials is a literal name, not a wildcard',
    edit: (s) => both(setHeader(credentialed(s), 'preflightResponse', 'Access-Control-Allow-Headers', '*'), 'Access-Control-Allow-Credentials', 'true'),
    verdict: 'blocked', rule: 'header-wildcard-with-credentials', chromiumError: 'HeaderDisallowedByPreflightResponse',
  },
  { name: 'ACAH lists content-type in lower case (names compare case-insensitively)', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Allow-Headers', 'content-type'), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  // Credentials.
  { name: 'credentials: include, no ACAC anywhere: the preflight fails first', edit: credentialed, verdict: 'blocked', rule: 'credentials-not-allowed', chromiumError: 'PreflightInvalidAllowCredentials' },
  { name: 'credentials: include, ACAC on the preflight only', edit: (s) => setHeader(credentialed(s), 'preflightResponse', 'Access-Control-Allow-Credentials', 'true'), verdict: 'blocked', rule: 'credentials-not-allowed', chromiumError: 'InvalidAllowCredentials' },
  { name: 'credentials: include, ACAC "TRUE" (only lower-case "true" counts)', edit: (s) => both(credentialed(s), 'Access-Control-Allow-Credentials', 'TRUE'), verdict: 'blocked', rule: 'credentials-not-allowed', chromiumError: 'PreflightInvalidAllowCredentials' },
  { name: 'credentials: include, ACAC "true" on both', edit: (s) => both(credentialed(s), 'Access-Control-Allow-Credentials', 'true'), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  {
    name: 'ACAO "*" with credentials: include',
    edit: (s) => both(both(credentialed(s), 'Access-Control-Allow-Origin', '*'), 'Access-Control-Allow-Credentials', 'true'),
    verdict: 'blocked', rule: 'wildcard-with-credentials', chromiumError: 'PreflightWildcardOriginNotAllowed',
  },
  { name: 'ACAO "*" without credentials', edit: (s) => both(s, 'Access-Control-Allow-Origin', '*'), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  { name: 'credentials: omit is the same as the default for a cross-origin request', edit: (s) => ({ ...s, credentials: 'omit' }), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  // The actual response: Allow-Origin again (the preflight passing is not enough).
  { name: 'actual response without ACAO', edit: (s) => setHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', null), verdict: 'blocked', rule: 'missing-allow-origin', chromiumError: 'MissingAllowOriginHeader' },
  {
    name: 'actual 500 without ACAO: the status is never checked, the missing header is',
    edit: (s) => status(setHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', null), 'actualResponse', 500),
    verdict: 'blocked', rule: 'error-response-without-cors', chromiumError: 'MissingAllowOriginHeader',
  },
  { name: 'actual 500 WITH ACAO: CORS lets the page read the error', edit: (s) => status(s, 'actualResponse', 500), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  { name: 'actual ACAO lists two origins', edit: (s) => setHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', `${PAGE}, http://other.test`), verdict: 'blocked', rule: 'allow-origin-multiple', chromiumError: 'MultipleAllowOriginValues' },
  { name: 'actual ACAO https instead of http', edit: (s) => setHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', 'https://localhost:5173'), verdict: 'blocked', rule: 'allow-origin-scheme-mismatch', chromiumError: 'AllowOriginMismatch' },
  { name: 'actual ACAO on another port', edit: (s) => setHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', 'http://localhost:5174'), verdict: 'blocked', rule: 'allow-origin-port-mismatch', chromiumError: 'AllowOriginMismatch' },
  { name: 'actual ACAO "localhost" is not an origin', edit: (s) => setHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', 'localhost'), verdict: 'blocked', rule: 'allow-origin-invalid', chromiumError: 'InvalidAllowOriginValue' },
  { name: 'actual ACAO "null" for a normal page', edit: (s) => setHeader(s, 'actualResponse', 'Access-Control-Allow-Origin', 'null'), verdict: 'blocked', rule: 'allow-origin-mismatch', chromiumError: 'AllowOriginMismatch' },
  // Method spelling: fetch() upper-cases six methods only, and the list compares byte for byte.
  { name: "method 'patch' with ACAM \"PATCH\"", edit: (s) => setHeader({ ...s, method: 'patch' }, 'preflightResponse', 'Access-Control-Allow-Methods', 'PATCH'), verdict: 'blocked', rule: 'method-case-mismatch', chromiumError: 'MethodDisallowedByPreflightResponse' },
  { name: "method 'patch' with ACAM \"patch\"", edit: (s) => setHeader({ ...s, method: 'patch' }, 'preflightResponse', 'Access-Control-Allow-Methods', 'patch'), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  { name: "method 'put' is sent as PUT", edit: (s) => ({ ...s, method: 'put' }), verdict: 'ok', rule: 'cors-ok', chromiumError: null },
  // Simple requests: no preflight, so its answer does not matter.
  {
    name: 'GET without custom headers skips the (broken) preflight',
    edit: (s) => ({ ...setHeader(s, 'preflightResponse', 'Access-Control-Allow-Origin', null), method: 'GET', requestHeaders: [] }),
    verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'none',
  },
  {
    name: 'POST text/plain is simple, so the preflight answer is never asked for',
    edit: (s) => ({ ...setHeader(s, 'preflightResponse', 'Access-Control-Allow-Methods', null), method: 'POST', requestHeaders: [{ name: 'Content-Type', value: 'text/plain' }] }),
    verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'none',
  },
  {
    name: 'the page tries to set Origin: the browser ignores it',
    edit: (s) => ({ ...s, requestHeaders: [...s.requestHeaders, { name: 'Origin', value: 'http://evil.test' }] }),
    verdict: 'ok', rule: 'cors-ok', chromiumError: null,
  },
  // Warnings on requests that pass.
  { name: 'Vary: Origin removed while the origin is echoed', edit: (s) => both(s, 'Vary', null), verdict: 'warning', rule: 'vary-origin-missing', chromiumError: null },
  { name: 'Access-Control-Max-Age: 86400 (Chromium caps at 7200)', edit: (s) => setHeader(s, 'preflightResponse', 'Access-Control-Max-Age', '86400'), verdict: 'warning', rule: 'max-age-above-cap', chromiumError: null },
  {
    name: 'Authorization allowed only by ACAH "*"',
    edit: (s) => setHeader({ ...s, requestHeaders: [...s.requestHeaders, { name: 'Authorization', value: 'Bearer abc' }] }, 'preflightResponse', 'Access-Control-Allow-Headers', '*'),
    verdict: 'warning', rule: 'authorization-under-wildcard', chromiumError: null,
  },
  { name: 'a sandboxed page (origin "null") allowed by ACAO "null"', edit: (s) => both({ ...s, pageOrigin: 'null' }, 'Access-Control-Allow-Origin', 'null'), verdict: 'warning', rule: 'null-origin-allowed', chromiumError: null },
  // The preflight cache.
  { name: 'warm cache and a preflight that passes: no OPTIONS sent', edit: (s) => ({ ...s, preflightCache: 'warm' }), verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'cache-hit' },
  {
    name: 'warm cache but the preflight would fail: a failed preflight is never cached',
    edit: (s) => setHeader({ ...s, preflightCache: 'warm' }, 'preflightResponse', 'Access-Control-Allow-Methods', 'GET'),
    verdict: 'blocked', rule: 'method-not-allowed', chromiumError: 'MethodDisallowedByPreflightResponse', preflight: 'sent',
  },
  { name: 'warm cache with Access-Control-Max-Age: 0: nothing is kept', edit: (s) => setHeader({ ...s, preflightCache: 'warm' }, 'preflightResponse', 'Access-Control-Max-Age', '0'), verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'sent' },
  // Chromium reads a negative Max-Age as 0 (not cached), and accepts a sign: "+0" is 0 too.
  { name: 'warm cache with Access-Control-Max-Age: -1: nothing is kept', edit: (s) => setHeader({ ...s, preflightCache: 'warm' }, 'preflightResponse', 'Access-Control-Max-Age', '-1'), verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'sent' },
  { name: 'warm cache with Access-Control-Max-Age: +0: nothing is kept', edit: (s) => setHeader({ ...s, preflightCache: 'warm' }, 'preflightResponse', 'Access-Control-Max-Age', '+0'), verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'sent' },
  { name: 'warm cache with Access-Control-Max-Age: "ten": the 5 s default, a hit', edit: (s) => setHeader({ ...s, preflightCache: 'warm' }, 'preflightResponse', 'Access-Control-Max-Age', 'ten'), verdict: 'ok', rule: 'cors-ok', chromiumError: null, preflight: 'cache-hit' },
  {
    name: 'warm cache hit, and the actual response lacks ACAO: still blocked',
    edit: (s) => setHeader({ ...s, preflightCache: 'warm' }, 'actualResponse', 'Access-Control-Allow-Origin', null),
    verdict: 'blocked', rule: 'missing-allow-origin', chromiumError: 'MissingAllowOriginHeader', preflight: 'cache-hit',
  },
  // Not CORS, or stopped before the network.
  { name: 'same origin: no CORS at all', edit: (s) => ({ ...s, url: `${PAGE}/api/items` }), verdict: 'not-cors', rule: 'not-cross-origin', chromiumError: null, preflight: 'none' },
  { name: 'an ftp: URL cannot do CORS', edit: (s) => ({ ...s, url: 'ftp://localhost/items' }), verdict: 'blocked', rule: 'cors-disabled-scheme', chromiumError: 'CorsDisabledScheme', preflight: 'none' },
  {
    name: 'https page calling a plain-http public API: mixed content',
    edit: (s) => ({ ...s, pageOrigin: 'https://shop.example.com', url: 'http://api.example.com/items' }),
    verdict: 'not-cors', rule: 'mixed-content', chromiumError: null, preflight: 'none',
  },
];

function run(s: WhatIfScenario): WhatIfResult {
  const outcome = runWhatIf(s);
  if (!outcome.ok) throw new Error(`scenario rejected: ${outcome.errors.join(' ')}`);
  return outcome.result;
}

describe('what-if: one edit, the engine\'s verdict', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = run(c.edit(base()));
    const { diagnosis } = result;
    expect({ verdict: diagnosis.verdict, rule: diagnosis.ruleId, chromiumError: diagnosis.chromiumError })
      .toEqual({ verdict: c.verdict, rule: c.rule, chromiumError: c.chromiumError });
    if (c.preflight) {
      const onWire = diagnosis.transaction.preflight !== null;
      expect(result.preflightCacheHit ? 'cache-hit' : onWire ? 'sent' : 'none').toBe(c.preflight);
    }
    // The explanation is the engine's own, fully filled.
    expect(result.explanation.missing).toEqual([]);
    expect(result.explanation.summary.length).toBeGreaterThan(10);
  });
});

describe('what-if: what the browser puts on the wire', () => {
  it('the preflight asks for the method and the non-safelisted headers, lower-cased and sorted', () => {
    const s = { ...base(), requestHeaders: [{ name: 'X-Trace', value: '1' }, { name: 'Content-Type', value: 'application/json' }, { name: 'Accept', value: 'text/html' }] };
    const preflight = run(setHeader(s, 'preflightResponse', 'Access-Control-Allow-Headers', 'content-type, x-trace')).diagnosis.transaction.preflight!;
    expect(preflight.method).toBe('OPTIONS');
    expect(preflight.requestHeaders).toEqual(expect.arrayContaining([
      { name: 'Access-Control-Request-Method', value: 'PUT' },
      { name: 'Access-Control-Request-Headers', value: 'content-type,x-trace' },
      { name: 'Origin', value: PAGE },
    ]));
  });

  it('a request stopped at the preflight is logged as Chromium logs it: status 0, no answer', () => {
    const tx = run(setHeader(base(), 'preflightResponse', 'Access-Control-Allow-Methods', 'GET')).diagnosis.transaction;
    expect(tx.actualRequest).toMatchObject({ status: 0, responseHeaders: [], error: 'net::ERR_FAILED', outcome: 'failed' });
  });

  it('a request blocked on its response keeps the answer (status and headers) and is marked failed', () => {
    const tx = run(setHeader(base(), 'actualResponse', 'Access-Control-Allow-Origin', null)).diagnosis.transaction;
    expect(tx.actualRequest.status).toBe(200);
    expect(tx.actualRequest.outcome).toBe('failed');
  });

  it('says what the browser changed or ignored', () => {
    const notes = run({ ...base(), method: 'delete', requestHeaders: [{ name: 'Cookie', value: 'a=1' }] }).notes.join(' ');
    expect(notes).toContain('"delete" as DELETE');
    expect(notes).toContain('cannot set Cookie');
  });

  it.each([
    ['get', 'GET'], ['Put', 'PUT'], ['options', 'OPTIONS'], ['patch', 'patch'], ['PATCH', 'PATCH'], ['purge', 'purge'],
  ])('fetch() sends method %s as %s', (written, sent) => expect(methodAsSent(written)).toBe(sent));
});

describe('what-if: bad scenarios get messages, not a crash', () => {
  it.each([
    ['pageOrigin with a path', { pageOrigin: 'http://localhost:5173/app' }, 'pageOrigin'],
    ['pageOrigin with a trailing slash', { pageOrigin: 'http://localhost:5173/' }, 'pageOrigin'],
    ['relative url', { url: '/api/items' }, 'url: "/api/items" is not an absolute URL'],
    ['method with a space', { method: 'GET PUT' }, 'method'],
    ['unknown credentials mode', { credentials: 'always' }, 'credentials: expected "omit", "same-origin" or "include"'],
    ['status 0', { actualResponse: { status: 0, headers: [] } }, 'actualResponse.status'],
    ['header name with a colon', { requestHeaders: [{ name: 'X-A:', value: '1' }] }, 'requestHeaders[0].name'],
    ['header value with a line break', { preflightResponse: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: 'a\r\nSet-Cookie: x=1' }] } }, 'preflightResponse.headers[0].value: a header value cannot contain a line break'],
    ['cache state misspelt', { preflightCache: 'hot' }, 'preflightCache'],
    ['a forbidden method (fetch throws)', { method: 'CONNECT' }, 'method: fetch() refuses CONNECT'],
    ['a forbidden method in lower case', { method: 'trace' }, 'method: fetch() refuses trace'],
    ['a URL with credentials (fetch throws)', { url: 'http://user:pw@localhost:3000/api' }, 'url: fetch() refuses a URL with a user name or password'],
  ])('%s', (_name, patch, message) => {
    const outcome = runWhatIf({ ...base(), ...patch } as WhatIfScenario);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.join(' ')).toContain(message);
  });
});

describe('what-if: starting from a captured request', () => {
  it('a request stopped before sending has no Origin: the page origin comes from the page, and the verdict survives', () => {
    // Mixed content as Chromium 156 logs it (test/fixtures/chromium/mixed-content.har): no Origin,
    // no response, the page in pages[] and in Referer.
    const blocked = { ...entry({ url: 'http://api.example.com/v1/cart', requestHeaders: { Referer: 'https://shop.example.com/' }, status: 0, error: '' }), pageref: 'page_1' };
    const log = har([blocked], [{ id: 'page_1', title: 'https://shop.example.com/cart' }]);
    const [captured] = analyzeHar(log).diagnoses;
    expect(captured!.ruleId).toBe('mixed-content');
    const { scenario } = scenarioFromDiagnosis(captured!);
    expect(scenario.pageOrigin).toBe('https://shop.example.com');
    expect(run(scenario).diagnosis.ruleId).toBe('mixed-content');
  });
});
