/**
 * The six failing requests every runnable stack is verified on. Each scenario's fix is the
 * CorsPolicyFix the engine itself gives for that failure (engineFix); the page on `pageOrigin`
 * sends the request.
 * Paths are distinct so one app (the "base app", identical in every stack) serves them all:
 *  - /s2/... answers 401 without the cookie sid=lens (credentials really arrive);
 *  - /s5/... answers 401 without Authorization: Bearer t0k3n, on EVERY method (auth runs first);
 *  - every 200 carries X-Request-Id: 42 (only readable by the page when exposed).
 */
import { analyzeHar } from '../../src/engine/diagnose.ts';
import type { CorsPolicyFix } from '../../src/engine/types.ts';
import { har, preflightedRequest, simpleRequest } from '../support/har-builder.ts';

export const AUTH_TOKEN = 'Bearer t0k3n';
export const SESSION_COOKIE = 'sid=lens';
export const REQUEST_ID = '42';

export interface ScenarioRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: boolean;
}

export interface StackScenario {
  id: string;
  title: string;
  path: string;
  requests: ScenarioRequest[];
  /** A response header the page's script must be able to read. */
  readHeader?: string;
  fix(pageOrigin: string): CorsPolicyFix;
}

const API = 'http://127.0.0.1:8080';

/**
 * The engine's fix for the request as it fails against the base app (modelled as Chromium logs
 * it) from the page origin the test serves. Not hand-written: the matrix proves the
 * engine's own advice.
 */
function engineFix(entries: unknown[]): CorsPolicyFix {
  const fixes = analyzeHar(har(entries)).diagnoses.map((d) => d.finding.fix).filter((f): f is CorsPolicyFix => f !== null);
  if (fixes.length !== 1) throw new Error(`expected one fix from the engine, got ${fixes.length}`);
  return fixes[0]!;
}

/** Several failing requests to one path, fixed together: the union of the engine's fixes. */
function merged(fixes: CorsPolicyFix[]): CorsPolicyFix {
  const union = (pick: (f: CorsPolicyFix) => readonly string[]) => [...new Set(fixes.flatMap(pick))];
  return {
    ...fixes[0]!,
    allowMethods: union((f) => f.allowMethods),
    allowHeaders: union((f) => f.allowHeaders),
    answerPreflightBeforeAuth: fixes.some((f) => f.answerPreflightBeforeAuth),
  };
}

const failing = {
  simple: (path: string, o: string, headers: Record<string, string> = {}) =>
    [simpleRequest({ url: `${API}${path}`, origin: o, blocked: true, requestHeaders: headers, responseHeaders: { 'X-Request-Id': REQUEST_ID } })],
  preflighted: (path: string, o: string, method: string, requestHeaders: string[], preflightStatus: number) =>
    preflightedRequest({ url: `${API}${path}`, origin: o, method, requestHeaders, preflightStatus }),
};

export const STACK_SCENARIOS: StackScenario[] = [
  {
    id: 'missing-acao',
    title: 'missing Allow-Origin',
    path: '/s1/data',
    requests: [{ method: 'GET' }],
    fix: (o) => engineFix(failing.simple('/s1/data', o)),
  },
  {
    id: 'credentials',
    title: 'credentials (cookie)',
    path: '/s2/me',
    requests: [{ method: 'GET', credentials: true }],
    fix: (o) => engineFix(failing.simple('/s2/me', o, { Cookie: SESSION_COOKIE })),
  },
  {
    id: 'custom-header',
    title: 'custom request header',
    path: '/s3/data',
    requests: [{ method: 'GET', headers: { 'X-Api-Key': 'k-123' } }],
    // The base apps answer the preflight 200 (or 404) without CORS headers.
    fix: (o) => engineFix(failing.preflighted('/s3/data', o, 'GET', ['x-api-key'], 200)),
  },
  {
    id: 'methods',
    title: 'PUT / DELETE / PATCH',
    path: '/s4/item',
    requests: [
      { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' },
      { method: 'DELETE' },
      { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{"a":2}' },
    ],
    fix: (o) => merged([
      engineFix(failing.preflighted('/s4/item', o, 'PUT', ['content-type'], 200)),
      engineFix(failing.preflighted('/s4/item', o, 'DELETE', [], 200)),
      engineFix(failing.preflighted('/s4/item', o, 'PATCH', ['content-type'], 200)),
    ]),
  },
  {
    id: 'auth-first',
    title: 'preflight hit auth (401)',
    path: '/s5/item',
    requests: [{ method: 'DELETE', headers: { Authorization: AUTH_TOKEN } }],
    fix: (o) => engineFix(failing.preflighted('/s5/item', o, 'DELETE', ['authorization'], 401)),
  },
  {
    id: 'expose',
    title: 'Expose-Headers',
    path: '/s6/data',
    requests: [{ method: 'GET' }],
    readHeader: 'X-Request-Id',
    // A HAR cannot show which headers the script reads: the page's need is added to the engine's fix.
    fix: (o) => ({ ...engineFix(failing.simple('/s6/data', o)), exposeHeaders: ['X-Request-Id'] }),
  },
];
