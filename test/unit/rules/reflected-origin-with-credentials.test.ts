import rule from '../../../src/engine/rules/reflected-origin-with-credentials.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const API = 'https://api.example.com/v1/account';
const COOKIE = { Cookie: 'sid=7d1f0c' };
const echo = (origin: string, extra: Record<string, string> = { 'Access-Control-Allow-Credentials': 'true' }, url = API) =>
  simpleRequest({ url, origin, requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...extra } });

ruleTester(rule, {
  valid: [
    { name: 'one origin echoed with credentials: one response cannot show reflection', entries: [echo('https://app.example.com')] },
    {
      name: 'two origins echoed, but without credentials',
      entries: [
        simpleRequest({ url: API, origin: 'https://partner.example.org', responseHeaders: { 'Access-Control-Allow-Origin': 'https://partner.example.org', Vary: 'Origin' } }),
        simpleRequest({ url: API, origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com', Vary: 'Origin' } }),
      ],
    },
    {
      name: 'the other origin was echoed by a different API',
      entries: [echo('https://partner.example.org', undefined, 'https://auth.example.com/session'), echo('https://app.example.com')],
    },
    {
      name: 'this request was blocked (no ACAC): no warning on a failure',
      entries: [echo('https://partner.example.org'), simpleRequest({ url: API, origin: 'https://app.example.com', requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com' }, blocked: true })],
    },
  ],
  invalid: [
    {
      name: 'API echoed https://evil.example.net with credentials earlier, now echoes the app',
      entries: [echo('https://evil.example.net'), echo('https://app.example.com')],
      params: { otherOrigin: 'https://evil.example.net', origin: 'https://app.example.com', apiOrigin: 'https://api.example.com' },
    },
    {
      name: 'two of our own front ends on different paths of one API, both echoed with ACAC true',
      entries: [echo('http://localhost:5173', undefined, 'https://api.example.com/v1/orders'), echo('https://admin.example.com')],
      params: { otherOrigin: 'http://localhost:5173' },
    },
  ],
});
