import rule from '../../../src/engine/rules/not-cross-origin.ts';
import { API, PAGE, entry, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { withoutOrigin } from './helpers.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      name: 'localhost:3000 → 127.0.0.1:4000 is cross-origin (different host), blocked for a missing ACAO',
      entries: [simpleRequest({ blocked: true })],
    },
    {
      name: 'same host, other port (localhost:3000 → localhost:8080) is cross-origin',
      entries: [simpleRequest({ url: 'http://localhost:8080/api/todos', responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } })],
    },
    {
      name: 'sub-domain api.example.com from app.example.com is cross-origin (same site, other origin)',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/me', origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } })],
    },
    {
      name: 'cross-origin <img> without crossorigin (no Origin header) is no-cors, not same-origin',
      entries: [withoutOrigin({ url: 'https://cdn.example.net/logo.png', referer: `${APP}/`, resourceType: 'image' })],
    },
  ],
  invalid: [
    {
      name: 'same-origin POST /api/login (Chrome sends Origin on every POST)',
      entries: [simpleRequest({
        url: `${APP}/api/login`, method: 'POST', origin: APP,
        requestHeaders: { 'Content-Type': 'application/json' }, responseHeaders: { 'Content-Type': 'application/json' },
      })],
      chromiumError: null, params: { kind: 'a same-origin request', url: `${APP}/api/login` },
    },
    {
      name: 'same-origin GET with no Origin, only a Referer from the same origin',
      entries: [withoutOrigin({ url: `${PAGE}/api/me`, referer: `${PAGE}/dashboard` })],
      chromiumError: null, params: { kind: 'a same-origin request' },
    },
    {
      name: 'top-level navigation to another origin (SSO login page)',
      entries: [entry({
        url: 'https://accounts.example.net/login?return=%2F', resourceType: 'document', initiatorType: 'parser',
        requestHeaders: { Referer: `${APP}/` }, status: 200, responseHeaders: { 'Content-Type': 'text/html' },
      })],
      chromiumError: null, params: { kind: 'a page navigation' }, summaryIncludes: ['a page navigation'],
    },
    {
      name: 'the API and the page on one origin behind a reverse proxy',
      entries: [simpleRequest({ url: `${API}/graphql`, method: 'POST', origin: API, requestHeaders: { 'Content-Type': 'application/json' } })],
      chromiumError: null,
    },
  ],
});
