/**
 * The six failing requests every runnable stack is verified on. Each scenario's fix is the
 * CorsPolicyFix the engine gives for that failure; the page on `pageOrigin` sends the request.
 * Paths are distinct so one app (the "base app", identical in every stack) serves them all:
 *  - /s2/... answers 401 without the cookie sid=lens (credentials really arrive);
 *  - /s5/... answers 401 without Authorization: Bearer t0k3n, on EVERY method (auth runs first);
 *  - every 200 carries X-Request-Id: 42 (only readable by the page when exposed).
 */
import type { CorsPolicyFix } from '../../src/engine/types.ts';

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

const fix = (pageOrigin: string, path: string, rest: Partial<CorsPolicyFix>): CorsPolicyFix => ({
  allowOrigins: [pageOrigin],
  allowMethods: [],
  allowHeaders: [],
  allowCredentials: false,
  exposeHeaders: [],
  maxAgeSeconds: null,
  answerPreflightBeforeAuth: false,
  varyOrigin: true,
  path,
  notes: [],
  ...rest,
});

export const STACK_SCENARIOS: StackScenario[] = [
  {
    id: 'missing-acao',
    title: 'missing Allow-Origin',
    path: '/s1/data',
    requests: [{ method: 'GET' }],
    fix: (o) => fix(o, '/s1/data', {}),
  },
  {
    id: 'credentials',
    title: 'credentials (cookie)',
    path: '/s2/me',
    requests: [{ method: 'GET', credentials: true }],
    fix: (o) => fix(o, '/s2/me', { allowCredentials: true }),
  },
  {
    id: 'custom-header',
    title: 'custom request header',
    path: '/s3/data',
    requests: [{ method: 'GET', headers: { 'X-Api-Key': 'k-123' } }],
    fix: (o) => fix(o, '/s3/data', { allowHeaders: ['x-api-key'], answerPreflightBeforeAuth: true }),
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
    fix: (o) => fix(o, '/s4/item', {
      allowMethods: ['PUT', 'DELETE', 'PATCH'], allowHeaders: ['content-type'], maxAgeSeconds: 600, answerPreflightBeforeAuth: true,
    }),
  },
  {
    id: 'auth-first',
    title: 'preflight hit auth (401)',
    path: '/s5/item',
    requests: [{ method: 'DELETE', headers: { Authorization: AUTH_TOKEN } }],
    fix: (o) => fix(o, '/s5/item', {
      allowMethods: ['DELETE'], allowHeaders: ['authorization'], answerPreflightBeforeAuth: true,
      notes: ['Your auth middleware answered the preflight with 401.'],
    }),
  },
  {
    id: 'expose',
    title: 'Expose-Headers',
    path: '/s6/data',
    requests: [{ method: 'GET' }],
    readHeader: 'X-Request-Id',
    fix: (o) => fix(o, '/s6/data', { exposeHeaders: ['X-Request-Id'] }),
  },
];
