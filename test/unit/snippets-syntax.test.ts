/**
 * Every generated snippet parses in its own language's real tool, for the matrix scenarios
 * and for the fixes the matrix does not run (public "*", origins unchanged, IPv6, hostile
 * values): node --check, the TypeScript parser, Python's ast, php -l, gofmt, ruby -c,
 * apache2 -t and caddy adapt (the Debian packages `npm test` installs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSnippets } from '../../src/engine/snippets/index.ts';
import type { CorsPolicyFix } from '../../src/engine/types.ts';
import { STACK_SCENARIOS } from '../stacks/scenarios.ts';

const APP = 'https://app.example.com';
const base: CorsPolicyFix = {
  allowOrigins: [APP], allowMethods: [], allowHeaders: [], allowCredentials: false, exposeHeaders: [],
  maxAgeSeconds: null, answerPreflightBeforeAuth: false, varyOrigin: true, path: '/api/items', notes: [],
};
const FIXES: [string, CorsPolicyFix][] = [
  ...STACK_SCENARIOS.map((s) => [s.id, s.fix('http://localhost:5173')] as [string, CorsPolicyFix]),
  ['public, any origin', { ...base, allowOrigins: ['*'], varyOrigin: false, exposeHeaders: ['X-Total'], path: '/public/data.json' }],
  ['origins unchanged', { ...base, allowOrigins: [], allowMethods: ['PATCH'], allowHeaders: ['content-type'], answerPreflightBeforeAuth: true }],
  ['IPv6 origin, max-age, root path', { ...base, allowOrigins: ['http://[::1]:8080'], allowMethods: ['PUT'], maxAgeSeconds: 60, path: '/' }],
  ['lower-case method, two origins', { ...base, allowOrigins: [APP, 'http://localhost:3000'], allowMethods: ['patch'], answerPreflightBeforeAuth: true, allowCredentials: true }],
  ['hostile values', {
    allowOrigins: [`${APP}'); x('`, '$http_host', 'null', '*', APP], allowMethods: ['PUT', "PUT'+x", 'DELETE\n}'],
    allowHeaders: ["x-api-key'\n", 'x-$foo', 'x-api-key'], allowCredentials: true, exposeHeaders: ['x-a"b', 'X-Request-Id'],
    maxAgeSeconds: Number.NaN, answerPreflightBeforeAuth: true, varyOrigin: true, path: "/api/o'brien/${x}\"; }\n",
    notes: ['line one\nline two ?> */ </script> ${y} end'],
  }],
];

const tmp = mkdtempSync(join(tmpdir(), 'cors-lens-syntax-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;
const file = (ext: string, text: string): string => {
  const path = join(tmp, `s${++count}.${ext}`);
  writeFileSync(path, text);
  return path;
};
const run = (command: string, args: string[]): string => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stdout}${result.stderr}${result.error ?? ''}`);
  return result.stdout + result.stderr;
};

const APACHE_MODULES = ['mpm_event', 'authz_core', 'headers', 'rewrite'];

const CHECKS: Record<string, (text: string) => void> = {
  js: (text) => void run(process.execPath, ['--check', file('cjs', text)]),
  ts: (text) => {
    const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    expect((out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  },
  python: (text) => void run('/usr/bin/python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file('py', text)]),
  php: (text) => expect(run('php', ['-l', file('php', text)])).toMatch(/No syntax errors/),
  go: (text) => {
    const source = file('go', `package main\n\nimport (\n\t"net/http"\n\t"strings"\n)\n\n${text}`);
    run('gofmt', ['-e', source]);
    // Already gofmt-formatted: what users paste stays clean.
    expect(run('gofmt', ['-l', source])).toBe('');
  },
  ruby: (text) => expect(run('ruby', ['-c', file('rb', text)])).toMatch(/Syntax OK/),
  apache: (text) => {
    const conf = [
      'ServerRoot /usr/lib/apache2', ...APACHE_MODULES.map((m) => `LoadModule ${m}_module modules/mod_${m}.so`),
      `DefaultRuntimeDir ${tmp}`, `PidFile ${tmp}/httpd.pid`, `ErrorLog ${tmp}/error.log`, 'ServerName localhost', 'Listen 127.0.0.1:1',
      '<VirtualHost 127.0.0.1:1>', text, '</VirtualHost>',
    ].join('\n');
    expect(run('apache2', ['-t', '-f', file('conf', conf)])).toMatch(/Syntax OK/);
  },
  caddyfile: (text) => void run('caddy', ['adapt', '--adapter', 'caddyfile', '--config', file('Caddyfile', `http://localhost:1 {\n${text}\nrespond "ok"\n}\n`)]),
};

describe.each(FIXES)('%s', (_name, fix) => {
  const snippets = renderSnippets(fix);
  const languages = { express: 'js', 'express-middleware': 'js', fastify: 'js', koa: 'js', 'next-route': 'ts', 'next-middleware': 'ts',
    flask: 'python', fastapi: 'python', django: 'python', apache: 'apache', caddy: 'caddyfile', php: 'php', go: 'go', rack: 'ruby' } as const;

  it.each(Object.entries(languages))('%s parses (%s)', (id, language) => {
    const text = snippets[id];
    expect(text).toBeDefined();
    CHECKS[language]!(text!);
  });
});

it('the tools are the real ones', () => {
  expect(execFileSync('php', ['-v'], { encoding: 'utf8' })).toMatch(/^PHP 8/);
  expect(run('apache2', ['-v'])).toMatch(/Apache\/2\.4/);
});
