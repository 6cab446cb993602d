/**
 * One runner per runnable stack. Each builds the SAME small app in its own stack (see
 * scenarios.ts), pastes the generated snippet where the snippet says it goes, and starts it on
 * 127.0.0.1. Without a snippet it is the app as it fails (the baseline).
 *
 * nginx, Apache and Caddy sit in front of an upstream app (the Node base app in the test) that
 * does the auth itself, as they usually do. Next.js keeps one `next dev` running and swaps
 * files, waiting until the dev server serves the new revision.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NGINX_SERVER_PART } from '../../src/engine/snippets/nginx.ts';
import { NEXT_AUTH_MARKER } from '../../src/engine/snippets/next.ts';
import { type Running, runToEnd, startServer } from './processes.ts';
import { AUTH_TOKEN, REQUEST_ID, type StackScenario } from './scenarios.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PY = '/usr/bin/python3';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export interface StackContext {
  /** A fresh directory for this stack. */
  dir: string;
  /** The Node base app (for proxies). */
  upstreamPort: number;
  freePort(): Promise<number>;
}

/** A server answering the scenario paths; `serve` puts one scenario's snippet in place. */
export interface StackSession {
  /** Starts (or reloads) the app with this snippet (null: no CORS code, the failing app); returns its base URL. */
  serve(snippet: string | null, scenario: StackScenario | null): Promise<number>;
  close(): Promise<void>;
}

export interface StackRunner {
  /** The snippet generator id. */
  id: string;
  open(ctx: StackContext): Promise<StackSession>;
}

/** Sessions that restart the server for each snippet. */
function restarting(start: (ctx: StackContext, snippet: string | null, port: number, revision: number) => Promise<Running>) {
  return async (ctx: StackContext): Promise<StackSession> => {
    let current: Running | null = null;
    let revision = 0;
    return {
      async serve(snippet) {
        await current?.stop();
        current = null;
        const port = await ctx.freePort();
        current = await start(ctx, snippet, port, ++revision);
        return port;
      },
      async close() { await current?.stop(); },
    };
  };
}

function fresh(dir: string, name: string): string {
  const path = join(dir, name);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}

function withNodeModules(dir: string): string {
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

// ---- Node frameworks --------------------------------------------------------------------

/** Shared by the Node apps: the base behaviour of every scenario path. */
const JS_ANSWER = `
const AUTH = ${JSON.stringify(AUTH_TOKEN)};
function answer(path, cookie) {
  if (path.startsWith('/s2/') && !String(cookie || '').split(/;\\s*/).includes('sid=lens')) return [401, 'no session'];
  return [200, 'ok'];
}
`;

const expressApp = (snippet: string | null, port: number): string => `
const express = require('express');
const app = express();
${JS_ANSWER}
${snippet ?? ''}
app.use('/s5', (req, res, next) => (req.get('Authorization') === AUTH ? next() : res.status(401).send('unauthorized')));
app.all('/{*rest}', (req, res) => {
  const [status, body] = answer(req.path, req.get('Cookie'));
  if (status === 200) res.set('X-Request-Id', ${JSON.stringify(REQUEST_ID)});
  res.status(status).send(body);
});
app.listen(${port}, '127.0.0.1');
`;

const nodeStack = (id: string, source: (snippet: string | null, port: number) => string): StackRunner => ({
  id,
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = withNodeModules(fresh(ctx.dir, `rev${revision}`));
    writeFileSync(join(dir, 'app.cjs'), source(snippet, port));
    return startServer(process.execPath, ['app.cjs'], { cwd: dir, port });
  }),
});

const fastifyApp = (snippet: string | null, port: number): string => `
const fastify = require('fastify')();
${JS_ANSWER}
${snippet ?? ''}
fastify.addHook('onRequest', async (request, reply) => {
  if (request.url.startsWith('/s5/') && request.headers.authorization !== AUTH) return reply.code(401).send('unauthorized');
});
fastify.route({
  method: ['GET', 'PUT', 'DELETE', 'PATCH'],
  url: '/*',
  handler: async (request, reply) => {
    const [status, body] = answer(request.url.split('?')[0], request.headers.cookie);
    if (status === 200) reply.header('X-Request-Id', ${JSON.stringify(REQUEST_ID)});
    return reply.code(status).send(body);
  },
});
fastify.listen({ port: ${port}, host: '127.0.0.1' });
`;

const koaApp = (snippet: string | null, port: number): string => `
const Koa = require('koa');
const app = new Koa();
${JS_ANSWER}
${snippet ?? ''}
app.use(async (ctx, next) => {
  if (ctx.path.startsWith('/s5/') && ctx.get('Authorization') !== AUTH) { ctx.status = 401; ctx.body = 'unauthorized'; return; }
  await next();
});
app.use((ctx) => {
  const [status, body] = answer(ctx.path, ctx.get('Cookie'));
  ctx.status = status;
  ctx.body = body;
  if (status === 200) ctx.set('X-Request-Id', ${JSON.stringify(REQUEST_ID)});
});
app.listen(${port}, '127.0.0.1');
`;

// ---- Next.js ----------------------------------------------------------------------------

const NEXT_BASE = `
const AUTH = ${JSON.stringify(AUTH_TOKEN)};
export function answer(request: Request, revision: string, checkAuth: boolean): Response {
  const url = new URL(request.url);
  if (url.searchParams.has('__rev')) return new Response(revision);
  if (checkAuth && url.pathname.startsWith('/s5/') && request.headers.get('authorization') !== AUTH) return new Response('unauthorized', { status: 401 });
  const cookie = request.headers.get('cookie') ?? '';
  if (url.pathname.startsWith('/s2/') && !cookie.split(/;\\s*/).includes('sid=lens')) return new Response('no session', { status: 401 });
  return new Response('ok', { headers: { 'X-Request-Id': ${JSON.stringify(REQUEST_ID)} } });
}
`;
const NEXT_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH'];

/**
 * A Next.js project with a catch-all route; `checkAuth`: the route handlers do the auth.
 * `next dev --webpack`: Turbopack (the default in 16) was slower here and lost its build
 * manifest after a middleware change on this 2-core machine.
 */
async function startNext(ctx: StackContext, name: string, checkAuth: boolean, middleware: string | null) {
  const dir = withNodeModules(fresh(ctx.dir, name));
  mkdirSync(join(dir, 'app', '[...slug]'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  writeFileSync(join(dir, 'base.ts'), NEXT_BASE);
  writeFileSync(join(dir, 'app', '[...slug]', 'route.ts'), [
    "import { answer } from '../../base';",
    ...NEXT_METHODS.map((m) => `export async function ${m}(request: Request) { return answer(request, 'base', ${checkAuth}); }`),
  ].join('\n'));
  if (middleware !== null) writeFileSync(join(dir, 'middleware.ts'), middleware);
  const port = await ctx.freePort();
  const server = await startServer(join(REPO, 'node_modules', '.bin', 'next'), ['dev', '--webpack', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir, port, env: { NEXT_TELEMETRY_DISABLED: '1' }, timeoutMs: 60_000,
  });
  return { dir, port, server };
}

/** Polls `url?__rev` until the dev server answers `revision` (it recompiles on change). */
async function waitForRevision(port: number, path: string, revision: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}?__rev=1`, { signal: AbortSignal.timeout(30_000) });
      last = await response.text();
      if (last === revision) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`next dev did not serve revision ${revision} of ${path} (last: ${last.slice(0, 200)}):\n${output()}`);
}

const nextRoute: StackRunner = {
  id: 'next-route',
  async open(ctx) {
    const { dir, port, server } = await startNext(ctx, 'next-route', true, null);
    let revision = 0;
    return {
      async serve(snippet, scenario) {
        if (snippet === null || scenario === null) return port;
        // As the snippet says: its code in app/<path>/route.ts, each handler wrapped in withCors.
        const rev = `route-${++revision}`;
        const routeDir = join(dir, 'app', ...scenario.path.split('/').filter(Boolean));
        mkdirSync(routeDir, { recursive: true });
        const depth = scenario.path.split('/').filter(Boolean).length + 1;
        writeFileSync(join(routeDir, 'route.ts'), [
          `import { answer } from '${'../'.repeat(depth)}base';`,
          snippet,
          ...NEXT_METHODS.map((m) => `export async function ${m}(request: Request) { return withCors(request, answer(request, '${rev}', true)); }`),
        ].join('\n'));
        await waitForRevision(port, scenario.path, rev, server.output);
        return port;
      },
      close: () => server.stop(),
    };
  },
};

const nextMiddleware: StackRunner = {
  id: 'next-middleware',
  async open(ctx) {
    let revision = 0;
    // The failing app: auth in middleware, for every method.
    const baseMiddleware = (rev: string) => [
      "import { NextResponse, type NextRequest } from 'next/server';",
      `const AUTH = ${JSON.stringify(AUTH_TOKEN)};`,
      'export function middleware(request: NextRequest) {',
      authLines(rev, null),
      '  return NextResponse.next();',
      '}',
    ].join('\n');
    const { dir, port, server } = await startNext(ctx, 'next-middleware', false, baseMiddleware('mw-0'));
    return {
      async serve(snippet, scenario) {
        const rev = `mw-${++revision}`;
        const path = scenario?.path ?? '/s1/data';
        let source: string;
        if (snippet === null) {
          source = baseMiddleware(rev);
        } else {
          // As the snippet says: the app's auth checks go at the marker, answering with the CORS headers.
          if (!snippet.includes(NEXT_AUTH_MARKER)) throw new Error('next-middleware snippet has no place for auth checks');
          source = snippet.replace(NEXT_AUTH_MARKER, `${NEXT_AUTH_MARKER}\n${authLines(rev, 'cors')}`)
            + `const AUTH = ${JSON.stringify(AUTH_TOKEN)};\n`;
        }
        writeFileSync(join(dir, 'middleware.ts'), source);
        await waitForRevision(port, path, rev, server.output);
        return port;
      },
      close: () => server.stop(),
    };
  },
};

function authLines(rev: string, headers: string | null): string {
  const init = headers === null ? '{ status: 401 }' : `{ status: 401, headers: ${headers} }`;
  return [
    `  if (request.nextUrl.searchParams.has('__rev')) return new NextResponse('${rev}');`,
    `  if (request.nextUrl.pathname.startsWith('/s5/') && request.headers.get('authorization') !== AUTH) return new NextResponse('unauthorized', ${init});`,
  ].join('\n');
}

// ---- Python -----------------------------------------------------------------------------

/** Flask: the snippet tells auth hooks to let preflights through; apply exactly its lines. */
function flaskApp(snippet: string | null, port: number): string {
  const exemption = snippet?.match(/^# {5}(if request\.method == "OPTIONS":)\n# {9}(return None)$/m);
  return `
from flask import Flask, request
app = Flask(__name__)

${snippet ?? ''}

@app.before_request
def require_auth():
${exemption ? `    ${exemption[1]}\n        ${exemption[2]}\n` : ''}    if request.path.startswith("/s5/") and request.headers.get("Authorization") != ${JSON.stringify(AUTH_TOKEN)}:
        return "unauthorized", 401

@app.route("/<path:p>", methods=["GET", "PUT", "DELETE", "PATCH"])
def anything(p):
    if request.path.startswith("/s2/") and request.cookies.get("sid") != "lens":
        return "no session", 401
    return "ok", 200, {"X-Request-Id": ${JSON.stringify(REQUEST_ID)}}

app.run(host="127.0.0.1", port=${port})
`;
}

const fastapiApp = (snippet: string | null, port: number): string => `
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse

app = FastAPI()

@app.middleware("http")
async def require_auth(request: Request, call_next):
    if request.url.path.startswith("/s5/") and request.headers.get("authorization") != ${JSON.stringify(AUTH_TOKEN)}:
        return PlainTextResponse("unauthorized", status_code=401)
    return await call_next(request)

@app.api_route("/{p:path}", methods=["GET", "PUT", "DELETE", "PATCH"])
async def anything(p: str, request: Request):
    if request.url.path.startswith("/s2/") and request.cookies.get("sid") != "lens":
        return PlainTextResponse("no session", status_code=401)
    return PlainTextResponse("ok", headers={"X-Request-Id": ${JSON.stringify(REQUEST_ID)}})

${snippet ?? ''}

if __name__ == "__main__":
    import uvicorn
    uvicorn.run(app, host="127.0.0.1", port=${port}, log_level="warning")
`;

const DJANGO_APP = `
from django.http import HttpResponse
from django.urls import re_path

class RequireAuth:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/s5/") and request.headers.get("Authorization") != ${JSON.stringify(AUTH_TOKEN)}:
            return HttpResponse("unauthorized", status=401)
        return self.get_response(request)

def anything(request):
    if request.path.startswith("/s2/") and request.COOKIES.get("sid") != "lens":
        return HttpResponse("no session", status=401)
    response = HttpResponse("ok")
    response["X-Request-Id"] = ${JSON.stringify(REQUEST_ID)}
    return response

urlpatterns = [re_path(r"^.*$", anything)]
`;

const djangoSettings = (snippet: string | null): string => `
SECRET_KEY = "cors-lens-stack-test"
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "stackapp"
INSTALLED_APPS = []
MIDDLEWARE = ["stackapp.RequireAuth"]
USE_TZ = True

${snippet ?? ''}
`;

const pythonStack = (id: string, files: (snippet: string | null, port: number) => Record<string, string>, args: (port: number) => string[]): StackRunner => ({
  id,
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = fresh(ctx.dir, `rev${revision}`);
    for (const [name, text] of Object.entries(files(snippet, port))) writeFileSync(join(dir, name), text);
    return startServer(PY, args(port), { cwd: dir, port, env: { PYTHONPATH: dir, DJANGO_SETTINGS_MODULE: 'settings', PYTHONDONTWRITEBYTECODE: '1' } });
  }),
});

// ---- Proxies in front of the Node base app -------------------------------------------------

const nginxStack: StackRunner = {
  id: 'nginx',
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = fresh(ctx.dir, `rev${revision}`);
    const upstream = `proxy_pass http://127.0.0.1:${ctx.upstreamPort};`;
    let httpPart = '';
    let serverPart = '';
    if (snippet !== null) {
      const split = snippet.indexOf(NGINX_SERVER_PART);
      httpPart = snippet.slice(0, split);
      // "...your existing directives (proxy_pass, ...)": the location gets the app's proxy_pass.
      const location = snippet.slice(split);
      const end = location.lastIndexOf('}');
      serverPart = `${location.slice(0, end)}    ${upstream}\n${location.slice(end)}`;
    }
    writeFileSync(join(dir, 'nginx.conf'), `
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${isRoot ? 'user root;' : ''}
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${httpPart}
  server {
    listen 127.0.0.1:${port};
    location / { ${upstream} }
${serverPart}
  }
}
`);
    return startServer('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { cwd: dir, port });
  }),
};

const apacheStack: StackRunner = {
  id: 'apache',
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = fresh(ctx.dir, `rev${revision}`);
    const modules = ['mpm_event', 'authz_core', 'headers', 'rewrite', 'proxy', 'proxy_http'];
    writeFileSync(join(dir, 'httpd.conf'), `
ServerRoot /usr/lib/apache2
${modules.map((m) => `LoadModule ${m}_module modules/mod_${m}.so`).join('\n')}
Listen 127.0.0.1:${port}
ServerName localhost
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/error.log
LogLevel warn
${isRoot ? 'User www-data\nGroup www-data' : ''}
<VirtualHost 127.0.0.1:${port}>
ProxyPass "/" "http://127.0.0.1:${ctx.upstreamPort}/"
${snippet ?? ''}
</VirtualHost>
`);
    return startServer('apache2', ['-X', '-f', join(dir, 'httpd.conf')], { cwd: dir, port, env: { APACHE_RUN_DIR: dir } });
  }),
};

const caddyStack: StackRunner = {
  id: 'caddy',
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = fresh(ctx.dir, `rev${revision}`);
    writeFileSync(join(dir, 'Caddyfile'), `{
	admin off
	auto_https off
}

http://localhost:${port}, http://127.0.0.1:${port} {
	bind 127.0.0.1
${snippet ?? ''}
	reverse_proxy 127.0.0.1:${ctx.upstreamPort}
}
`);
    return startServer('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
      cwd: dir, port, env: { HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') },
    });
  }),
};

// ---- PHP, Go, Ruby --------------------------------------------------------------------------

const phpRouter = (snippet: string | null): string => `${snippet ?? '<?php\n'}
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '';
if (str_starts_with($path, '/s5/') && ($_SERVER['HTTP_AUTHORIZATION'] ?? '') !== '${AUTH_TOKEN}') {
    http_response_code(401);
    echo 'unauthorized';
    return true;
}
if (str_starts_with($path, '/s2/') && ($_COOKIE['sid'] ?? '') !== 'lens') {
    http_response_code(401);
    echo 'no session';
    return true;
}
header('X-Request-Id: ${REQUEST_ID}');
echo 'ok';
return true;
`;

const phpStack: StackRunner = {
  id: 'php',
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = fresh(ctx.dir, `rev${revision}`);
    writeFileSync(join(dir, 'router.php'), phpRouter(snippet));
    return startServer('php', ['-S', `127.0.0.1:${port}`, 'router.php'], { cwd: dir, port });
  }),
};

const goMain = (snippet: string | null): string => `package main

import (
	"net/http"
	"os"
	"strings"
)

${snippet ?? ''}

func requireAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/s5/") && r.Header.Get("Authorization") != "${AUTH_TOKEN}" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/s2/") {
			if c, err := r.Cookie("sid"); err != nil || c.Value != "lens" {
				http.Error(w, "no session", http.StatusUnauthorized)
				return
			}
		}
		w.Header().Set("X-Request-Id", "${REQUEST_ID}")
		w.Write([]byte("ok"))
	})
	// As the snippet says: withCORS outside the auth middleware.
	http.ListenAndServe("127.0.0.1:"+os.Args[1], ${snippet === null ? 'requireAuth(mux)' : 'withCORS(requireAuth(mux))'})
}
`;

const goStack: StackRunner = {
  id: 'go',
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = fresh(ctx.dir, `rev${revision}`);
    writeFileSync(join(dir, 'main.go'), goMain(snippet));
    const env = { GOCACHE: join(ctx.dir, '..', 'go-cache'), GOPATH: join(ctx.dir, '..', 'gopath'), GO111MODULE: 'off', GOFLAGS: '' };
    await runToEnd('go', ['build', '-o', 'server', 'main.go'], dir, env);
    return startServer(join(dir, 'server'), [String(port)], { cwd: dir, port });
  }),
};

const RACK_SERVER = `
require 'rack'
require 'rack/handler/webrick'

class RequireAuth
  def initialize(app)
    @app = app
  end

  def call(env)
    if env['PATH_INFO'].start_with?('/s5/') && env['HTTP_AUTHORIZATION'] != '${AUTH_TOKEN}'
      return [401, { 'Content-Type' => 'text/plain' }, ['unauthorized']]
    end
    @app.call(env)
  end
end

App = lambda do |env|
  if env['PATH_INFO'].start_with?('/s2/') && Rack::Request.new(env).cookies['sid'] != 'lens'
    return [401, { 'Content-Type' => 'text/plain' }, ['no session']]
  end
  [200, { 'Content-Type' => 'text/plain', 'X-Request-Id' => '${REQUEST_ID}' }, ['ok']]
end

config = File.read(ARGV[0])
app = Rack::Builder.new { instance_eval(config, ARGV[0]) }.to_app
Rack::Handler::WEBrick.run(app, Host: '127.0.0.1', Port: ARGV[1].to_i, AccessLog: [], Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN))
`;

const rackStack: StackRunner = {
  id: 'rack',
  open: restarting(async (ctx, snippet, port, revision) => {
    const dir = fresh(ctx.dir, `rev${revision}`);
    writeFileSync(join(dir, 'server.rb'), RACK_SERVER);
    // config.ru: the snippet pasted at the top, then the app's own middleware and app.
    writeFileSync(join(dir, 'config.ru'), `${snippet ?? ''}\nuse RequireAuth\nrun App\n`);
    return startServer('ruby', ['server.rb', 'config.ru', String(port)], { cwd: dir, port });
  }),
};

export const STACK_RUNNERS: StackRunner[] = [
  nodeStack('express', expressApp),
  nodeStack('express-middleware', expressApp),
  nodeStack('fastify', fastifyApp),
  nodeStack('koa', koaApp),
  nextRoute,
  nextMiddleware,
  pythonStack('flask', (s, p) => ({ 'app.py': flaskApp(s, p) }), () => ['app.py']),
  pythonStack('fastapi', (s, p) => ({ 'app.py': fastapiApp(s, p) }), () => ['app.py']),
  pythonStack('django', (s) => ({ 'settings.py': djangoSettings(s), 'stackapp.py': DJANGO_APP }),
    (p) => ['-c', `from django.core.management import execute_from_command_line; execute_from_command_line(["manage", "runserver", "127.0.0.1:${p}", "--noreload"])`]),
  nginxStack,
  apacheStack,
  caddyStack,
  phpStack,
  goStack,
  rackStack,
];
