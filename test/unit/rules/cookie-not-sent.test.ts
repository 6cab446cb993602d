import rule from '../../../src/engine/rules/cookie-not-sent.ts';
import { entry, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const API = 'https://api.example.com';
const ALLOW = { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
const login = (setCookie: string, url = `${API}/v1/login`) => simpleRequest({
  url, method: 'POST', origin: APP, requestHeaders: { 'Content-Type': 'application/x-www-form-urlencoded' },
  responseHeaders: { ...ALLOW, 'Set-Cookie': setCookie },
});
/** `count` unrelated page requests: the rule looks back at most 500 exchanges (EARLIER_CONTEXT). */
const between = (count: number) => Array.from({ length: count }, (_, i) => entry({ url: `${APP}/img/${i}.png` }));
const me = (requestHeaders: Record<string, string> = {}) => simpleRequest({ url: `${API}/v1/me`, origin: APP, requestHeaders, responseHeaders: ALLOW });

ruleTester(rule, {
  valid: [
    { name: 'the cookie was sent back', entries: [login('session=abc123; Path=/; Secure; HttpOnly; SameSite=None'), me({ Cookie: 'session=abc123' })] },
    { name: 'the cookie was set by another origin', entries: [login('session=abc123; Path=/; Secure; SameSite=None', 'https://auth.example.com/v1/login'), me()] },
    { name: 'nothing set a cookie earlier', entries: [me()] },
    { name: 'the login is more than 500 exchanges back', entries: [login('session=abc123; Path=/; Secure; SameSite=None'), ...between(500), me()] },
    {
      name: "declared credentials: 'include' (the cookie went missing elsewhere)",
      entries: [login('session=abc123; Path=/; Secure; SameSite=None'), me()],
      declared: { credentials: 'include' },
    },
  ],
  invalid: [
    {
      name: 'login set "session", the next GET /v1/me went without it (fetch default credentials)',
      entries: [login('session=abc123; Path=/; Secure; HttpOnly; SameSite=None'), me()],
      params: { cookieName: 'session', apiOrigin: API }, summaryIncludes: ['"session"'],
    },
    {
      name: 'XSRF-TOKEN set, axios called without withCredentials',
      entries: [login('XSRF-TOKEN=eyJpdiI6; Path=/; Secure; SameSite=None'), me()],
      params: { cookieName: 'XSRF-TOKEN' },
    },
    {
      name: 'the login is 500 exchanges back, the last one the rule looks at',
      entries: [login('session=abc123; Path=/; Secure; SameSite=None'), ...between(499), me()],
      params: { cookieName: 'session' },
    },
    {
      // Pairing and history order a log alike: an entry without a usable time counts as the earliest.
      name: 'the login entry has no usable startedDateTime: still earlier than the request',
      entries: [{ ...login('session=abc123; Path=/; Secure; SameSite=None'), startedDateTime: 'not a time' }, me()],
      params: { cookieName: 'session' },
    },
  ],
});
