/**
 * The CORS lab without a browser: coverage of Chromium's verdicts, topics, the fixed variants
 * (CORS Lens's own fix applied by the server) and the gallery's handling of hostile text.
 * The browser half is test/e2e/live-conformance.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, FIXTURE_DIR, labFixFor, labFixFromHar, type LabFix } from '../../lab/apply-fix.ts';
import { galleryPage, groupByTopic, runnerPage, TOPICS } from '../../lab/gallery.ts';
import { SCENARIOS, type Scenario } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';

const byId = new Map(SCENARIOS.map((s) => [s.id, s]));
const scenario = (id: string) => byId.get(id)!;
const serverFix = (id: string) => {
  const fix = labFixFor(scenario(id));
  if (fix.kind !== 'server') throw new Error(`${id}: expected a server fix, got: ${fix.reason}`);
  return fix;
};

describe('lab scenarios', () => {
  it('has at least 40 scenarios with unique ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(40);
    expect(byId.size).toBe(SCENARIOS.length);
  });

  it('covers every Chromium CorsError the lab can produce (cors-truth.md §1)', () => {
    const covered = new Set(SCENARIOS.map((s) => s.expected.corsError).filter(Boolean));
    // Not produced: InvalidResponse (a service worker answering a CORS request with an opaque
    // response) and RedirectDisallowedScheme (Chromium 156 reports a redirect to ftp: as
    // CorsDisabledScheme and refuses one to data: as ERR_UNSAFE_REDIRECT). Private Network Access
    // codes were removed from Chromium.
    expect([...covered].sort()).toEqual([
      'AllowOriginMismatch', 'CorsDisabledScheme', 'DisallowedByMode', 'HeaderDisallowedByPreflightResponse', 'InvalidAllowCredentials',
      'InvalidAllowHeadersPreflightResponse', 'InvalidAllowMethodsPreflightResponse', 'InvalidAllowOriginValue',
      'MethodDisallowedByPreflightResponse', 'MissingAllowOriginHeader', 'MultipleAllowOriginValues', 'NoCorsRedirectModeNotFollow',
      'PreflightAllowOriginMismatch', 'PreflightDisallowedRedirect', 'PreflightInvalidAllowCredentials',
      'PreflightInvalidAllowOriginValue', 'PreflightInvalidStatus', 'PreflightMissingAllowOriginHeader',
      'PreflightMultipleAllowOriginValues', 'PreflightWildcardOriginNotAllowed', 'RedirectContainsCredentials', 'WildcardOriginNotAllowed',
    ]);
  });

  it('has a recording of every scenario (npm run record:fixtures)', () => {
    const missing = SCENARIOS.filter((s) => labFixFor(s).kind === 'none' && /not recorded/.test((labFixFor(s) as { reason: string }).reason));
    expect(missing.map((s) => s.id)).toEqual([]);
  });

  it('shows every scenario in exactly one gallery group; topics name no unknown scenario', () => {
    const named = TOPICS.flatMap((t) => t.ids);
    expect(new Set(named).size).toBe(named.length);
    expect(named.filter((id) => !byId.has(id))).toEqual([]);
    const shown = groupByTopic(SCENARIOS).flatMap((g) => g.scenarios.map((s) => s.id));
    expect(shown.sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
  });

  it('shows a scenario no topic names under "More" rather than losing it', () => {
    const extra: Scenario = { ...scenario('ok-simple'), id: 'hostile-extra' };
    const groups = groupByTopic([...SCENARIOS, extra]);
    expect(groups.at(-1)).toMatchObject({ title: 'More', scenarios: [extra] });
  });
});

describe('fixed variants come from CORS Lens itself', () => {
  it.each([
    // scenario, what CORS Lens's fix says (from the engine on the recording)
    ['missing-allow-origin', { allowOrigins: ['{pageOrigin}'], allowCredentials: false, answerPreflightBeforeAuth: false }],
    ['preflight-401-auth-first', { allowMethods: ['PUT'], answerPreflightBeforeAuth: true }],
    ['wildcard-with-credentials', { allowOrigins: ['{pageOrigin}'], allowCredentials: true }],
    ['header-not-allowed', { allowHeaders: ['x-api-key'] }],
    ['expose-headers-missing', { exposeHeaders: ['x-request-id'], varyOrigin: true }],
    ['max-age-above-cap', { maxAgeSeconds: 7200 }],
  ] as const)('%s', (id, expected) => {
    expect(serverFix(id).fix).toMatchObject(expected);
  });

  it('applies the client-side half when the fix asks for an upper-case method', () => {
    const fix = serverFix('method-lowercase-patch-listed-upper');
    expect(fix.code).toContain("method: 'PATCH'");
    expect(fix.code).not.toContain("method: 'patch'");
  });

  it.each([
    ['redirect-cross-origin-needs-null', /the fix is in the page.*final URL directly/],
    ['connection-refused', /not a CORS problem/],
    ['same-origin-mode', /before it reached the network/],
    ['ok-simple', /nothing to fix/],
  ])('%s has no server fix, and says why', (id, reason) => {
    const fix = labFixFor(scenario(id));
    expect(fix.kind).toBe('none');
    expect((fix as Extract<LabFix, { kind: 'none' }>).reason).toMatch(reason);
  });

  it('says a scenario is not recorded yet instead of guessing a fix', () => {
    expect(labFixFromHar(scenario('ok-simple'), undefined)).toMatchObject({ kind: 'none', reason: /not recorded yet/ });
  });
});

describe('applyFix: the server behind the middleware CORS Lens generates', () => {
  const page = 'http://localhost:4000';
  const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Map(Object.entries(headers)) });

  it('answers the preflight itself (204) before auth, with the listed method, keeping the route max-age', () => {
    const reply = applyFix(serverFix('preflight-401-auth-first'), page,
      request('OPTIONS', { origin: page, 'access-control-request-method': 'PUT' }),
      { status: 401, headers: [['WWW-Authenticate', 'Bearer'], ['Access-Control-Max-Age', '600']], body: 'Unauthorized\n' });
    expect(reply).toEqual({
      status: 204,
      headers: [['Vary', 'Origin'], ['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '600']],
    });
  });

  it('owns Access-Control-Allow-Origin: a copy sent twice by the route becomes one echo', () => {
    const reply = applyFix(serverFix('allow-origin-sent-twice'), page, request('GET', { origin: page }),
      { status: 200, headers: [['Content-Type', 'text/plain'], ['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Origin', page]], body: 'x' });
    expect(reply.headers).toEqual([['Content-Type', 'text/plain'], ['Vary', 'Origin'], ['Access-Control-Allow-Origin', page]]);
  });

  it('echoes only listed origins (never reflects another)', () => {
    const reply = applyFix(serverFix('missing-allow-origin'), page, request('GET', { origin: 'https://evil.example' }),
      { status: 200, headers: [['Content-Type', 'text/plain']], body: 'x' });
    expect(reply.headers).toEqual([['Content-Type', 'text/plain'], ['Vary', 'Origin']]);
  });

  it('sends cookies cross-site as its note says (SameSite=None; Secure)', () => {
    const fix = serverFix('cookie-without-samesite-none');
    expect(fix.crossSiteCookies).toBe(true);
    const reply = applyFix(fix, 'https://localhost:4001', request('POST', { origin: 'https://localhost:4001' }),
      { status: 200, headers: [['Set-Cookie', 'lab_theme=dark; Path=/; SameSite=Lax; HttpOnly']], body: '' });
    expect(reply.headers).toContainEqual(['Set-Cookie', 'lab_theme=dark; Path=/; HttpOnly; SameSite=None; Secure']);
    expect(reply.headers).toContainEqual(['Access-Control-Allow-Credentials', 'true']);
  });
});

describe('gallery pages keep captured and configured text as data', () => {
  const hostile: Scenario = {
    ...scenario('ok-simple'),
    id: 'x"><img src=x onerror=alert(1)>',
    title: '<script>alert(1)</script>',
    description: '</script><script>alert(2)</script>',
    code: "return '</script><script>alert(3)</script>';",
  };

  it('escapes titles, ids and code in the gallery', () => {
    const html = galleryPage([hostile], new Map(), { pageOrigin: 'http://localhost:1', apiOrigin: 'http://127.0.0.1:2' });
    expect(html).not.toMatch(/<script>alert|<img src=x/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('cannot close the runner page\'s JSON script element', () => {
    const html = runnerPage(hostile, 'original', hostile.code, {}, { routes: [] });
    expect(html).not.toMatch(/<\/script><script>alert/);
    const json = /<script type="application\/json" id="scenario">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json)).toMatchObject({ code: hostile.code });
  });
});

describe('lab server: original and fixed variants on loopback', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ scenarios: SCENARIOS.filter((s) => ['preflight-404-no-cors', 'allow-origin-sent-twice'].includes(s.id)) });
  });
  afterAll(() => lab?.close());

  it('binds to loopback only', () => {
    for (const origin of [lab.pageOrigin, lab.apiOrigin, lab.altApiOrigin]) expect(new URL(origin).hostname).toMatch(/^(localhost|127\.0\.0\.1)$/);
  });

  it('answers the preflight with 404 as written, and with 204 after the fix', async () => {
    const preflight = { method: 'OPTIONS', headers: { Origin: lab.pageOrigin, 'Access-Control-Request-Method': 'PUT' } };
    const original = await fetch(`${lab.labFor(scenario('preflight-404-no-cors')).api}data`, preflight);
    expect(original.status).toBe(404);
    expect(original.headers.get('access-control-allow-origin')).toBeNull();
    const fixed = await fetch(`${lab.labFor(scenario('preflight-404-no-cors'), 'fixed').api}data`, preflight);
    expect(fixed.status).toBe(204);
    expect(fixed.headers.get('access-control-allow-origin')).toBe(lab.pageOrigin);
    expect(fixed.headers.get('access-control-allow-methods')).toBe('PUT');
  });

  it('logs the exchange for the runner page, as the headers went over the wire', async () => {
    await fetch(`${lab.labFor(scenario('allow-origin-sent-twice')).api}data`, { headers: { Origin: lab.pageOrigin } });
    const log = await (await fetch(`${lab.pageOrigin}/exchanges/allow-origin-sent-twice`)).json() as { method: string; status: number; responseHeaders: [string, string][] }[];
    expect(log.at(-1)).toMatchObject({ method: 'GET', status: 200 });
    expect(log.at(-1)!.responseHeaders.filter(([name]) => name === 'Access-Control-Allow-Origin')).toHaveLength(2);
  });

  it('serves the gallery with every scenario, and a clear 404 for a fixed variant that does not exist', async () => {
    const gallery = await (await fetch(`${lab.pageOrigin}/`)).text();
    expect(gallery).toContain('data-scenario="preflight-404-no-cors"');
    const missing = await fetch(`${lab.pageOrigin}/fixed/no-such-scenario`);
    expect(missing.status).toBe(404);
  });

  it('keeps the recordings it derives fixes from next to Chromium\'s verdicts', () => {
    const recording = JSON.parse(readFileSync(`${FIXTURE_DIR}preflight-404-no-cors.chromium.json`, 'utf8')) as { requests: { corsError: string | null }[] };
    expect(recording.requests.map((r) => r.corsError)).toContain('PreflightMissingAllowOriginHeader');
  });
});
