import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeHarText } from '../../src/engine/diagnose.ts';
import type { CorsPolicyFix } from '../../src/engine/types.ts';
import { describe as describeValue, jsString, nginxString, planFix, pyString } from '../../src/engine/snippets/common.ts';
import { expressCors } from '../../src/engine/snippets/express-cors.ts';
import { expressMiddleware } from '../../src/engine/snippets/express-middleware.ts';
import { flask } from '../../src/engine/snippets/flask.ts';
import { renderSnippets, snippetGenerators } from '../../src/engine/snippets/index.ts';
import { NGINX_SERVER_PART, nginx } from '../../src/engine/snippets/nginx.ts';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';

const base: CorsPolicyFix = {
  allowOrigins: [APP],
  allowMethods: [],
  allowHeaders: [],
  allowCredentials: false,
  exposeHeaders: [],
  maxAgeSeconds: null,
  answerPreflightBeforeAuth: false,
  varyOrigin: true,
  path: '/api/items',
  notes: [],
};

/** Fixes as the rules emit them for typical failures. */
const FIXES: Record<string, CorsPolicyFix> = {
  'missing ACAO on a simple GET': { ...base },
  'credentials with a cookie': { ...base, allowCredentials: true, path: '/api/me' },
  'PUT with X-Api-Key and credentials': {
    ...base, allowMethods: ['PUT'], allowHeaders: ['content-type', 'x-api-key'], allowCredentials: true,
    exposeHeaders: ['X-Request-Id'], maxAgeSeconds: 600, answerPreflightBeforeAuth: true,
  },
  'PATCH with JSON': { ...base, allowMethods: ['PATCH'], allowHeaders: ['content-type'], answerPreflightBeforeAuth: true, path: '/api/items/42' },
  'preflight rejected by auth': {
    ...base, allowOrigins: ['http://localhost:5173'], allowMethods: ['DELETE'], allowHeaders: ['authorization'],
    allowCredentials: true, answerPreflightBeforeAuth: true, notes: ['Your auth middleware answered the preflight with 401.'],
  },
  'expose X-Request-Id': { ...base, exposeHeaders: ['X-Request-Id', 'X-RateLimit-Remaining'] },
  'preflight max-age': { ...base, allowMethods: ['PUT'], allowHeaders: ['content-type'], maxAgeSeconds: 7200, answerPreflightBeforeAuth: true },
  'origins unchanged, PATCH only': { ...base, allowOrigins: [], allowMethods: ['PATCH'], allowHeaders: ['content-type'], answerPreflightBeforeAuth: true },
  'public data, any origin': { ...base, allowOrigins: ['*'], varyOrigin: false, path: '/public/data.json' },
  'IPv6 literal origin': { ...base, allowOrigins: ['http://[::1]:8080'], allowMethods: ['PUT'], answerPreflightBeforeAuth: true },
};

const HOSTILE_ORIGINS = [
  `${APP}'); process.exit(1); ('`,
  `${APP}"\nimport os\nx = "`,
  'https://${process.exit(1)}.example.com',
  `${APP}\\`,
  `${APP}</script><script>alert(1)</script>`,
  '$http_host',
  `${APP}\u2028alert(1)`,
  `${APP}/`,
  'null',
  '*',
];
const HOSTILE_HEADERS = ["x-api-key'\n", 'x-evil"; add_header X $host;', 'x-$foo', 'x\r\nSet-Cookie: a=b', '${x}', '</script>', 'x-b\\'];
const HOSTILE_FIX: CorsPolicyFix = {
  allowOrigins: [...HOSTILE_ORIGINS, APP],
  allowMethods: ['PUT', "PUT'+x+'", 'GE T', 'DELETE\n}'],
  allowHeaders: [...HOSTILE_HEADERS, 'x-api-key'],
  allowCredentials: true,
  exposeHeaders: ['x-a"b', 'X-Request-Id'],
  maxAgeSeconds: Number.NaN,
  answerPreflightBeforeAuth: true,
  varyOrigin: true,
  path: "/api/o'brien/${x}\"; }\n",
  notes: ['line one\nline two */ </script> ${y} \u2028 end'],
};
/** Substrings that must never reach any snippet verbatim (a trailing "\\" reappears as "[U+005C]"). */
const HOSTILE_SUBSTRINGS = [
  ...HOSTILE_ORIGINS.filter((o) => o.length > 4 && o !== `${APP}/` && !o.endsWith('\\')),
  ...HOSTILE_HEADERS.filter((h) => !h.endsWith('\\')),
  "PUT'+x", 'DELETE\n', 'x-a"b', "o'brien", '</script', '\u2028', '$host',
];

const tmp = mkdtempSync(join(tmpdir(), 'cors-lens-snippets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let fileCount = 0;
function tempFile(ext: string, text: string): string {
  const file = join(tmp, `snippet-${++fileCount}.${ext}`);
  writeFileSync(file, text);
  return file;
}

// The first Python that has Flask and flask-cors (pyenv's, or Debian's python3-flask that `npm test` installs).
const PYTHON = [process.env.PYTHON, 'python3', '/usr/bin/python3']
  .filter((p): p is string => Boolean(p))
  .find((p) => spawnSync(p, ['-c', 'import flask, flask_cors']).status === 0) ?? 'python3';
const hasPython = spawnSync(PYTHON, ['--version']).status === 0;
const hasFlask = hasPython && spawnSync(PYTHON, ['-c', 'import flask, flask_cors']).status === 0;
const hasNginx = spawnSync('nginx', ['-v']).status === 0;

// ---- Running the Express snippets against a stand-in app -------------------------------

interface FakeResponse { status: number | null; headers: Record<string, string>; ended: boolean; nextCalled: boolean }

/** Evaluates the cors-package snippet with a stub cors() that records its options. */
function loadExpressCors(snippet: string): { calls: [string, string][]; options: Record<string, unknown>[] } {
  const calls: [string, string][] = [];
  const options: Record<string, unknown>[] = [];
  const app = {
    options: (path: string) => void calls.push(['options', path]),
    use: (path: string) => void calls.push(['use', path]),
  };
  const requireStub = (name: string) => {
    expect(name).toBe('cors');
    return (opts: Record<string, unknown>) => {
      options.push(opts);
      return () => undefined;
    };
  };
  new Function('app', 'require', snippet)(app, requireStub);
  return { calls, options };
}

/** Evaluates the hand-written middleware and runs one request through it. */
function runMiddleware(snippet: string, method: string, requestHeaders: Record<string, string>): FakeResponse {
  let handler: ((req: unknown, res: unknown, next: () => void) => void) | undefined;
  const app = { use: (_path: string, fn: typeof handler) => { handler = fn; } };
  new Function('app', snippet)(app);
  const out: FakeResponse = { status: null, headers: {}, ended: false, nextCalled: false };
  const lower = Object.fromEntries(Object.entries(requestHeaders).map(([k, v]) => [k.toLowerCase(), v]));
  const req = { method, get: (name: string) => lower[name.toLowerCase()] };
  const res = {
    setHeader: (name: string, value: string) => { out.headers[name.toLowerCase()] = value; },
    vary: (field: string) => { out.headers.vary = out.headers.vary ? `${out.headers.vary}, ${field}` : field; },
    status(code: number) { out.status = code; return res; },
    end: () => { out.ended = true; },
  };
  handler?.(req, res, () => { out.nextCalled = true; });
  return out;
}

// ---- Flask: real flask-cors when installed ---------------------------------------------

const FLASK_HARNESS = `
import json, sys
from flask import Flask, request, abort
app = Flask(__name__)
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), {"app": app})

@app.before_request
def auth():
    if request.method == "OPTIONS":
        return None
    if not request.headers.get("Authorization"):
        abort(401)

@app.route("/<path:p>", methods=["GET", "PUT", "PATCH", "DELETE"])
def anything(p):
    return "ok", 200, {"X-Request-Id": "42"}

client = app.test_client()
out = []
for method, path, headers in json.loads(sys.argv[2]):
    r = client.open(path, method=method, headers=headers)
    out.append({"status": r.status_code, "headers": {k.lower(): ", ".join(r.headers.getlist(k)) for k in r.headers.keys()}})
print(json.dumps(out))
`;

function runFlask(snippet: string, requests: [string, string, Record<string, string>][]): { status: number; headers: Record<string, string> }[] {
  const harness = tempFile('py', FLASK_HARNESS);
  const out = execFileSync(PYTHON, [harness, tempFile('py', snippet), JSON.stringify(requests)], { encoding: 'utf8' });
  return JSON.parse(out) as { status: number; headers: Record<string, string> }[];
}

// ---- nginx: nginx -t when installed, else a structural check ---------------------------

/** Tokenizes the config enough to prove it is well formed: quotes close, braces balance, statements end. */
function checkNginxStructure(config: string): { variables: string[] } {
  let depth = 0;
  let pending = '';
  const variables: string[] = [];
  const endStatement = (at: number, what: string) => {
    if (pending.trim() === '') throw new Error(`${what} without a directive at ${at}`);
    variables.push(...(pending.match(/\$\w+/g) ?? []));
    pending = '';
  };
  for (let i = 0; i < config.length; i++) {
    const c = config[i];
    if (c === '#') {
      while (i + 1 < config.length && config[i + 1] !== '\n') i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < config.length && config[j] !== '"') {
        if (config[j] === '\n') throw new Error(`line break inside a quoted string at ${i}`);
        j += config[j] === '\\' ? 2 : 1;
      }
      if (j >= config.length) throw new Error(`unterminated string at ${i}`);
      pending += config.slice(i, j + 1);
      i = j;
    } else if (c === '{') {
      endStatement(i, 'block');
      depth++;
    } else if (c === '}') {
      if (pending.trim() !== '') throw new Error(`unterminated statement before } at ${i}: ${pending.trim()}`);
      if (--depth < 0) throw new Error(`unbalanced } at ${i}`);
    } else if (c === ';') {
      endStatement(i, ';');
    } else {
      pending += c;
    }
  }
  if (depth !== 0) throw new Error(`unbalanced braces: depth ${depth} at the end`);
  if (pending.trim() !== '') throw new Error(`unterminated statement at the end: ${pending.trim()}`);
  return { variables };
}

function checkNginx(snippet: string): void {
  const { variables } = checkNginxStructure(snippet);
  // Only the variables the snippet means to use: a "$" from a captured value would be one more.
  for (const v of variables) expect(['$http_origin', '$cors_origin', '$request_method']).toContain(v);
  if (!hasNginx) return;
  const split = snippet.indexOf(NGINX_SERVER_PART);
  const config = [
    'pid nginx.pid;', 'error_log stderr;', 'events {}', 'http {', snippet.slice(0, split),
    'server {', 'listen 127.0.0.1:18080;', snippet.slice(split), '}', '}',
  ].join('\n');
  const file = tempFile('conf', config);
  const result = spawnSync('nginx', ['-t', '-p', tmp, '-c', file], { encoding: 'utf8' });
  expect(result.stderr, result.stderr).toMatch(/syntax is ok/);
}

// ---- Tests -----------------------------------------------------------------------------

describe('registry', () => {
  it('lists the generators in order, with unique ids', () => {
    expect(snippetGenerators.map((g) => g.id)).toEqual([
      'express', 'express-middleware', 'fastify', 'koa', 'next-route', 'next-middleware',
      'flask', 'fastapi', 'django', 'nginx', 'apache', 'caddy', 'php', 'go', 'rack', 'spring', 'aspnet',
    ]);
    expect(new Set(snippetGenerators.map((g) => g.id)).size).toBe(snippetGenerators.length);
    for (const g of snippetGenerators) expect(g.label).not.toBe('');
  });

  it('renders every stack, keyed by id, deterministically', () => {
    const fix = FIXES['PUT with X-Api-Key and credentials']!;
    const first = renderSnippets(fix);
    expect(Object.keys(first)).toEqual(snippetGenerators.map((g) => g.id));
    expect(renderSnippets(structuredClone(fix))).toEqual(first);
    for (const text of Object.values(first)) expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  });
});

describe.each(Object.entries(FIXES))('%s', (_name, fix) => {
  const plan = planFix(fix);
  const snippets = renderSnippets(fix);
  const express = snippets.express!;
  const middleware = snippets['express-middleware']!;
  const flaskText = snippets.flask!;
  const nginxText = snippets.nginx!;
  const exact = fix.allowOrigins.filter((o) => o !== '*');

  it('parses: node --check, python ast, nginx', () => {
    for (const js of [express, middleware]) execFileSync(process.execPath, ['--check', tempFile('cjs', js)]);
    {
      execFileSync(PYTHON, ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', tempFile('py', flaskText)]);
    }
    checkNginx(nginxText);
  });

  it('lists exactly the failing origin, never a wildcard with credentials', () => {
    for (const origin of exact) {
      expect(express).toContain(jsString(origin));
      expect(middleware).toContain(jsString(origin));
      expect(nginxText).toContain(`${nginxString(origin)} $http_origin;`);
      if (!origin.includes('[')) expect(flaskText).toContain(pyString(origin));
    }
    if (exact.length > 0) for (const text of Object.values(snippets)) expect(text).toMatch(/add your other front-end origins/);
    if (fix.allowCredentials) {
      for (const text of Object.values(snippets)) expect(text).not.toMatch(/['"]\*['"]/);
    }
  });

  it('says where it goes and that CORS comes before auth', () => {
    expect(express).toMatch(/before your auth middleware/);
    expect(middleware).toMatch(/before your auth middleware/);
    expect(flaskText).toMatch(/before your auth hooks/);
    expect(nginxText).toMatch(/In your server \{ \} block/);
    if (fix.answerPreflightBeforeAuth) {
      expect(express.indexOf(`app.options(${jsString(plan.path)}`)).toBeGreaterThan(-1);
      expect(express.indexOf('app.options(')).toBeLessThan(express.indexOf('yourAuthMiddleware'));
      expect(flaskText).toMatch(/if request\.method == "OPTIONS":/);
      expect(nginxText).toMatch(/if \(\$request_method = OPTIONS\) \{[^}]*return 204;\n {4}\}/);
    } else {
      expect(express).not.toContain('app.options(');
    }
  });

  it('configures the cors package with exactly the needed options', () => {
    const { calls, options } = loadExpressCors(express);
    expect(calls).toEqual([...(fix.answerPreflightBeforeAuth ? [['options', plan.path]] : []), ['use', plan.path]]);
    const expected: Record<string, unknown> = { origin: plan.anyOrigin ? '*' : exact };
    if (fix.allowCredentials) expected.credentials = true;
    if (fix.allowMethods.length > 0) expected.methods = fix.allowMethods;
    if (fix.allowHeaders.length > 0) expected.allowedHeaders = fix.allowHeaders;
    if (fix.exposeHeaders.length > 0) expected.exposedHeaders = fix.exposeHeaders;
    if (fix.maxAgeSeconds !== null) expected.maxAge = fix.maxAgeSeconds;
    for (const opts of options) expect(opts).toEqual(expected);
  });

  it('hand-written middleware echoes listed origins only, with Vary, and answers the preflight itself', () => {
    const origin = exact[0] ?? APP;
    const preflightHeaders = {
      Origin: origin,
      'Access-Control-Request-Method': fix.allowMethods[0] ?? 'GET',
      ...(fix.allowHeaders.length > 0 ? { 'Access-Control-Request-Headers': fix.allowHeaders.join(',') } : {}),
    };
    const actual = runMiddleware(middleware, fix.allowMethods[0] ?? 'GET', { Origin: origin });
    const evil = runMiddleware(middleware, 'GET', { Origin: EVIL });
    const preflight = runMiddleware(middleware, 'OPTIONS', preflightHeaders);

    expect(actual.nextCalled).toBe(true);
    expect(evil.nextCalled).toBe(true);
    expect(evil.headers['access-control-allow-origin']).toBe(plan.anyOrigin ? '*' : undefined);
    if (plan.anyOrigin) expect(actual.headers['access-control-allow-origin']).toBe('*');
    else expect(actual.headers['access-control-allow-origin']).toBe(exact.length > 0 ? origin : undefined);
    expect(actual.headers.vary).toBe(fix.varyOrigin || !plan.anyOrigin ? 'Origin' : undefined);
    if (exact.length > 0 || plan.anyOrigin) {
      expect(actual.headers['access-control-allow-credentials']).toBe(fix.allowCredentials ? 'true' : undefined);
      expect(actual.headers['access-control-expose-headers']).toBe(fix.exposeHeaders.length > 0 ? fix.exposeHeaders.join(', ') : undefined);
    }

    if (plan.handlesPreflight) {
      expect(preflight).toMatchObject({ status: 204, ended: true, nextCalled: false });
      expect(preflight.headers['access-control-allow-methods']).toBe(fix.allowMethods.length > 0 ? fix.allowMethods.join(', ') : undefined);
      expect(preflight.headers['access-control-allow-headers']).toBe(fix.allowHeaders.length > 0 ? fix.allowHeaders.join(', ') : undefined);
      expect(preflight.headers['access-control-max-age']).toBe(fix.maxAgeSeconds === null ? undefined : String(fix.maxAgeSeconds));
    } else {
      expect(middleware).not.toContain("'OPTIONS'");
      expect(preflight.nextCalled).toBe(true);
    }
  });

  it('flask-cors call has exactly the needed options', () => {
    expect(flaskText.includes('supports_credentials=True')).toBe(fix.allowCredentials);
    expect(flaskText.includes('methods=')).toBe(fix.allowMethods.length > 0);
    expect(flaskText.includes('allow_headers=')).toBe(fix.allowHeaders.length > 0);
    expect(flaskText.includes('expose_headers=')).toBe(fix.exposeHeaders.length > 0);
    expect(flaskText.includes('max_age=')).toBe(fix.maxAgeSeconds !== null);
    if (fix.allowMethods.length > 0) expect(flaskText).toContain(`methods=[${fix.allowMethods.map(pyString).join(', ')}],`);
    if (fix.allowHeaders.length > 0) expect(flaskText).toContain(`allow_headers=[${fix.allowHeaders.map(pyString).join(', ')}],`);
    if (fix.exposeHeaders.length > 0) expect(flaskText).toContain(`expose_headers=[${fix.exposeHeaders.map(pyString).join(', ')}],`);
    expect(flaskText.includes('response.vary.add("Origin")')).toBe(!plan.anyOrigin || fix.varyOrigin);
  });

  it('flask-cors, run for real, answers as the browser needs', () => {
    expect(hasFlask, 'Flask and flask-cors are needed: npm test installs python3-flask python3-flask-cors').toBe(true);
    const origin = exact[0] ?? APP;
    const method = fix.allowMethods[0] ?? 'GET';
    const path = plan.path === '/' ? '/x' : `${plan.path}/1`;
    const preflightHeaders: Record<string, string> = { Origin: origin, 'Access-Control-Request-Method': method };
    if (fix.allowHeaders.length > 0) preflightHeaders['Access-Control-Request-Headers'] = fix.allowHeaders.join(',');
    const [preflight, unauthorized, evil] = runFlask(flaskText, [
      ['OPTIONS', path, preflightHeaders],
      [method, path, { Origin: origin }],
      ['GET', path, { Origin: EVIL }],
    ]);
    const allowed = plan.anyOrigin ? '*' : exact.length > 0 ? origin : undefined;
    expect(preflight!.status).toBe(200);
    expect(preflight!.headers['access-control-allow-origin']).toBe(allowed);
    expect(unauthorized!.status).toBe(401);
    expect(unauthorized!.headers['access-control-allow-origin']).toBe(allowed);
    expect(evil!.headers['access-control-allow-origin']).toBe(plan.anyOrigin ? '*' : undefined);
    if (allowed === undefined) return;
    expect(preflight!.headers['access-control-allow-credentials']).toBe(fix.allowCredentials ? 'true' : undefined);
    if (!plan.anyOrigin) expect(unauthorized!.headers.vary).toMatch(/Origin/);
    if (fix.allowMethods.length > 0) expect(preflight!.headers['access-control-allow-methods']).toBe(fix.allowMethods.join(', '));
    if (fix.allowHeaders.length > 0) expect(preflight!.headers['access-control-allow-headers']).toBe([...fix.allowHeaders].sort().join(', '));
    if (fix.exposeHeaders.length > 0) expect(unauthorized!.headers['access-control-expose-headers']).toBe([...fix.exposeHeaders].sort().join(', '));
    if (fix.maxAgeSeconds !== null) expect(preflight!.headers['access-control-max-age']).toBe(String(fix.maxAgeSeconds));
  });

  it('nginx: exact-origin map, always, Vary, and the preflight headers', () => {
    if (plan.anyOrigin) {
      expect(nginxText).not.toContain('map $http_origin');
      expect(nginxText).toContain('add_header Access-Control-Allow-Origin "*" always;');
    } else {
      expect(nginxText).toContain('map $http_origin $cors_origin {\n    default "";\n');
      expect(nginxText).not.toMatch(/^\s*~/m);
      expect(nginxText).toContain('add_header Access-Control-Allow-Origin $cors_origin always;');
      expect(nginxText).toContain('add_header Vary Origin always;');
    }
    for (const line of nginxText.split('\n')) if (/^\s*add_header/.test(line)) expect(line).toMatch(/ always;$/);
    const has = (name: string, value: string) => nginxText.includes(`add_header ${name} ${nginxString(value)} always;`);
    expect(has('Access-Control-Allow-Credentials', 'true')).toBe(fix.allowCredentials);
    expect(has('Access-Control-Allow-Methods', fix.allowMethods.join(', '))).toBe(fix.allowMethods.length > 0);
    expect(has('Access-Control-Allow-Headers', fix.allowHeaders.join(', '))).toBe(fix.allowHeaders.length > 0);
    expect(has('Access-Control-Expose-Headers', fix.exposeHeaders.join(', '))).toBe(fix.exposeHeaders.length > 0);
    expect(has('Access-Control-Max-Age', String(fix.maxAgeSeconds))).toBe(fix.maxAgeSeconds !== null);
    expect(nginxText.includes('$request_method = OPTIONS')).toBe(plan.handlesPreflight);
  });

  it('leaves empty options out and carries the notes', () => {
    for (const text of Object.values(snippets)) {
      expect(text).not.toMatch(/\[\]|""\s*always|, \)/);
      for (const note of fix.notes) expect(text).toContain(`Note: ${note}`);
    }
  });
});

describe('specific fixes', () => {
  it('keeps method case exactly as the request sent it', () => {
    const snippets = renderSnippets(FIXES['PATCH with JSON']!);
    expect(snippets.express).toContain("methods: ['PATCH']");
    expect(snippets['express-middleware']).toContain("'Access-Control-Allow-Methods', 'PATCH'");
    expect(snippets.flask).toContain('methods=["PATCH"]');
    expect(snippets.nginx).toContain('add_header Access-Control-Allow-Methods "PATCH" always;');
  });

  it('with no origins to change, fails closed and says to list the current ones', () => {
    const snippets = renderSnippets(FIXES['origins unchanged, PATCH only']!);
    expect(snippets.express).toContain("const allowedOrigins = [\n  // 'https://app.example.com',\n];");
    expect(snippets['express-middleware']).toContain("new Set([\n  // 'https://app.example.com',\n]);");
    expect(snippets.flask).toContain('ALLOWED_ORIGINS = [\n    # "https://app.example.com",\n]');
    expect(snippets.nginx).toContain('    # "https://app.example.com" $http_origin;\n}');
    for (const text of Object.values(snippets)) expect(text).toMatch(/does not change origins/);
  });

  it('a public resource gets a literal * and no echo', () => {
    const snippets = renderSnippets(FIXES['public data, any origin']!);
    expect(snippets.express).toContain("origin: '*',");
    expect(snippets.express).not.toContain('allowedOrigins');
    expect(snippets.flask).toContain('origins="*"');
    expect(snippets.flask).toContain('send_wildcard=True');
  });

  it('refuses "*", "null" and non-origins, keeping the valid origin', () => {
    const plan = planFix({ ...base, allowCredentials: true, allowOrigins: ['*', 'null', `${APP}/`, 'HTTPS://App.Example.com', APP] });
    expect(plan.origins).toEqual([APP]);
    expect(plan.anyOrigin).toBe(false);
    expect(plan.refused.map((r) => r.value)).toEqual(['*', 'null', `${APP}/`]);
    const text = expressCors.render({ ...base, allowCredentials: true, allowOrigins: ['*'] });
    expect(text).toMatch(/Left out origin "\*": a wildcard is not allowed with credentials/);
    expect(text).toMatch(/No usable origin in this fix/);
    expect(loadExpressCors(text).options[0]!.origin).toEqual([]);
  });

  it('trims an unsafe path to its safe prefix and drops the query', () => {
    expect(planFix({ ...base, path: '/api/items?id=1' }).path).toBe('/api/items');
    expect(planFix({ ...base, path: '/api/items?id=1' }).refused).toEqual([]);
    expect(planFix({ ...base, path: "/api/users/o'brien" }).path).toBe('/api/users/');
    expect(planFix({ ...base, path: '/api/:id(.*)' }).path).toBe('/api/');
    expect(planFix({ ...base, path: '' }).path).toBe('/');
    expect(planFix({ ...base, path: 'api' }).path).toBe('/');
  });

  it('flask escapes dots in the resource regex and compiles IPv6 origins', () => {
    const text = flask.render({ ...base, path: '/v1.0/items', allowOrigins: ['http://[::1]:8080'] });
    expect(text).toContain('resources={r"/v1\\.0/items.*": {}}');
    expect(text).toContain('import re\n');
    expect(text).toContain('ALLOWED_ORIGINS = [re.compile("http://\\\\[::1\\\\]:8080\\\\Z")]');
  });
});

describe('hostile values', () => {
  const snippets = renderSnippets(HOSTILE_FIX);

  it.each(snippetGenerators.map((g) => [g.id, g] as const))('%s: nothing hostile gets through verbatim', (id) => {
    const text = snippets[id]!;
    for (const bad of HOSTILE_SUBSTRINGS) expect(text, JSON.stringify(bad)).not.toContain(bad);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\uffff]/);
    expect(text).toMatch(/Left out origin/);
    expect(text).toMatch(/Left out request header/);
    expect(text).toMatch(/Left out path "\/api\/o\[U\+0027\]brien/);
    // Notes are prose for a comment line: line breaks become spaces, "</" is broken up.
    expect(text).toContain('Note: line one line two */ <\\/script> ${y} end');
    for (const line of text.split('\n')) if (line.includes('${')) expect(line).toMatch(/^(\/\/|#) Note: /);
  });

  it('still parses everywhere', () => {
    for (const js of [snippets.express!, snippets['express-middleware']!]) execFileSync(process.execPath, ['--check', tempFile('cjs', js)]);
    execFileSync(PYTHON, ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', tempFile('py', snippets.flask!)]);
    checkNginx(snippets.nginx!);
  });

  it('keeps only the valid values', () => {
    const plan = planFix(HOSTILE_FIX);
    expect(plan.origins).toEqual([APP]);
    expect(plan.methods).toEqual(['PUT']);
    expect(plan.headers).toEqual(['x-api-key']);
    expect(plan.expose).toEqual(['X-Request-Id']);
    expect(plan.maxAge).toBeNull();
    expect(plan.path).toBe('/api/');
    const { options } = loadExpressCors(snippets.express!);
    expect(options[0]).toEqual({ origin: [APP], credentials: true, methods: ['PUT'], allowedHeaders: ['x-api-key'], exposedHeaders: ['X-Request-Id'] });
    for (const origin of HOSTILE_ORIGINS) {
      expect(runMiddleware(snippets['express-middleware']!, 'GET', { Origin: origin }).headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('flask-cors echoes only the valid origin', () => {
    expect(hasFlask, 'Flask and flask-cors are needed: npm test installs python3-flask python3-flask-cors').toBe(true);
    const results = runFlask(snippets.flask!, HOSTILE_ORIGINS.concat(APP).map((origin) => ['GET', '/api/x', { Origin: origin.replace(/[\r\n\u2028]/g, '') }]));
    expect(results.map((r) => r.headers['access-control-allow-origin'] ?? null)).toEqual([...HOSTILE_ORIGINS.map(() => null), APP]);
  });
});

/**
 * The \uXXXX escapes javac would decode (JLS §3.3) before parsing, comments included: a
 * backslash preceded by an even number of backslashes, then one or more "u". Any such escape
 * in a snippet (even a valid one) means captured text reached Java source unneutralized.
 */
function javaUnicodeEscapes(source: string): string[] {
  const found: string[] = [];
  let run = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== '\\') {
      run = 0;
      continue;
    }
    if (run % 2 === 0 && source[i + 1] === 'u') found.push(source.slice(i, i + 8));
    run++;
  }
  return found;
}

describe('Java (Spring): javac decodes \\u escapes everywhere, comments included', () => {
  it('the scanner finds what javac decodes, and not an escaped backslash', () => {
    expect(javaUnicodeEscapes('// a\\u000a b')).toEqual(['\\u000a b']);
    expect(javaUnicodeEscapes('// a\\\\u000a b')).toEqual([]);
    expect(javaUnicodeEscapes('// a\\\\\\u000a b')).toEqual(['\\u000a b']);
    expect(javaUnicodeEscapes('"C:\\\\users"')).toEqual([]);
  });

  const cases: [string, CorsPolicyFix][] = [
    ['the hostile fix', HOSTILE_FIX],
    ['notes with literal escapes', { ...HOSTILE_FIX, notes: ['a\\u000astatic { x(); }\\u000a//', 'b\\\\\\u000a', 'c\\uuuu000a', 'trailing \\'] }],
    ['a refused origin with a line break', { ...HOSTILE_FIX, allowOrigins: ['https://x\nstatic{System.exit(1);}\n//', APP] }],
  ];
  it.each(cases)('%s: no \\u escape reaches the Spring snippet', (_name, fix) => {
    const java = renderSnippets(fix).spring!;
    expect(java).toMatch(/Left out origin|Note: /);
    expect(javaUnicodeEscapes(java)).toEqual([]);
  });

  it('a Set-Cookie name from the server, through the diagnosis (cookie-samesite) into the fix', () => {
    const har = JSON.parse(readFileSync(new URL('../fixtures/chromium/cookie-without-samesite-none.har', import.meta.url), 'utf8')) as {
      log: { entries: { response: { headers: { name: string; value: string }[] } }[] };
    };
    for (const entry of har.log.entries) {
      for (const header of entry.response.headers) {
        if (/^set-cookie$/i.test(header.name)) header.value = 'a\\u000astatic { try { Runtime.getRuntime().exec("touch /tmp/x")\\u003b } catch (Exception e) {} }\\u000a//=v; Path=/';
      }
    }
    const diagnosis = analyzeHarText(JSON.stringify(har)).diagnoses.find((d) => d.ruleId === 'cookie-samesite');
    const java = renderSnippets(diagnosis!.finding.fix!).spring!;
    expect(java).toContain('Note: Set the cookie with: Set-Cookie: a\\\\u000astatic');
    expect(javaUnicodeEscapes(java)).toEqual([]);
  });
});

describe('quoting helpers', () => {
  const NASTY = ["'", '"', '\\', '\n', '\r', '\u2028', '\u2029', '${x}', '`', '</script>', '\u0000', 'é', '😀', '\ud800', "a'b\"c\\d"];

  it('jsString round-trips and stays ASCII without "<"', () => {
    for (const value of NASTY) {
      const quoted = jsString(value);
      expect(quoted).toMatch(/^'[\x20-\x7e]*'$/);
      expect(quoted).not.toContain('<');
      expect(new Function(`return ${quoted};`)()).toBe(value);
    }
  });

  it('pyString round-trips through Python', () => {
    expect(hasPython).toBe(true);
    const values = NASTY.filter((v) => v !== '\ud800');
    const literals = `[${values.map(pyString).join(', ')}]`;
    for (const v of values) expect(pyString(v)).toMatch(/^"[\x20-\x7e]*"$/);
    const out = execFileSync(PYTHON, ['-c', 'import ast,json,sys; print(json.dumps(ast.literal_eval(sys.argv[1])))', literals], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(values);
  });

  it('nginxString escapes quotes and refuses $ and line breaks', () => {
    expect(nginxString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(() => nginxString('$host')).toThrow();
    expect(() => nginxString('a\nb')).toThrow();
  });

  it('describe shows unusual characters by code point', () => {
    expect(describeValue("x'\n</script>${")).toBe('"x[U+0027][U+000A][U+003C]/script[U+003E][U+0024][U+007B]"');
    expect(describeValue('a'.repeat(70))).toBe(`"${'a'.repeat(60)}..."`);
  });

  it('the per-generator modules are the registered ones', () => {
    for (const g of [expressCors, expressMiddleware, flask, nginx]) expect(snippetGenerators).toContain(g);
  });
});
