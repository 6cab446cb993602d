import rule from '../../../src/engine/rules/cookie-samesite.ts';
import { PAGE, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const BACKEND = 'https://api.example-backend.com/v1/login';
const login = (setCookie: string, opts: { url?: string; origin?: string; blocked?: boolean } = {}) => [simpleRequest({
  url: opts.url ?? BACKEND, method: 'POST', origin: opts.origin ?? APP, requestHeaders: { 'Content-Type': 'application/json' },
  responseHeaders: opts.blocked ? { 'Set-Cookie': setCookie } : { 'Access-Control-Allow-Origin': opts.origin ?? APP, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin', 'Set-Cookie': setCookie },
  blocked: opts.blocked,
})];

ruleTester(rule, {
  valid: [
    { name: 'SameSite=None; Secure', entries: login('session=9c1; Path=/; HttpOnly; Secure; SameSite=None'), declared: { credentials: 'include' } },
    { name: 'lower-case attributes "samesite=none; secure"', entries: login('session=9c1; path=/; secure; samesite=none'), declared: { credentials: 'include' } },
    { name: 'same site: app.example.com → api.example.com', entries: login('session=9c1; Path=/; HttpOnly', { url: 'https://api.example.com/v1/login' }), declared: { credentials: 'include' } },
    { name: 'blocked login response: no warning on a failure', entries: login('session=9c1; Path=/', { blocked: true }) },
  ],
  invalid: [
    {
      name: 'cross-site login sets "session" with no SameSite (Lax by default)',
      entries: login('session=9c1; Path=/; HttpOnly; Secure'), declared: { credentials: 'include' },
      params: { cookieName: 'session', origin: APP }, summaryIncludes: ['"session"'],
    },
    {
      name: 'SameSite=None without Secure (rejected outright)',
      entries: login('refresh_token=r7; Path=/auth; HttpOnly; SameSite=None'), declared: { credentials: 'include' },
      params: { cookieName: 'refresh_token' },
    },
    {
      name: 'explicit SameSite=Lax on a cross-site API',
      entries: login('sid=42; Path=/; Secure; SameSite=Lax'), declared: { credentials: 'include' },
      params: { cookieName: 'sid' },
    },
    {
      name: 'localhost:3000 and 127.0.0.1:4000 are different sites',
      entries: login('connect.sid=s%3Aabc; Path=/; HttpOnly', { url: 'http://127.0.0.1:4000/api/login', origin: PAGE }), declared: { credentials: 'include' },
      params: { cookieName: 'connect.sid' },
    },
  ],
});
