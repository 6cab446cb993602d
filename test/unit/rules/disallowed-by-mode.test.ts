import rule from '../../../src/engine/rules/disallowed-by-mode.ts';
import { API, PAGE, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      name: "mode 'same-origin' to the page's own origin",
      entries: [simpleRequest({ url: `${APP}/api/me`, origin: APP })],
      declared: { mode: 'same-origin' },
    },
    {
      name: "mode 'cors' (declared) blocked for a missing ACAO",
      entries: [simpleRequest({ blocked: true })],
      declared: { mode: 'cors' },
    },
    {
      name: "mode 'no-cors' to another origin is opaque, not refused",
      entries: [simpleRequest({ url: 'https://api.example.com/v1/ping', origin: APP, method: 'POST', requestHeaders: { 'Content-Type': 'text/plain' }, status: 204 })],
      declared: { mode: 'no-cors' },
    },
  ],
  invalid: [
    {
      name: "fetch(api, { mode: 'same-origin' }) from app.example.com to api.example.com",
      entries: [simpleRequest({ url: 'https://api.example.com/v1/me', origin: APP, status: 0, error: 'net::ERR_FAILED' })],
      declared: { mode: 'same-origin' },
      chromiumError: 'DisallowedByMode', params: { pageOrigin: APP, url: 'https://api.example.com/v1/me' },
    },
    {
      name: "POST with mode 'same-origin' from localhost:3000 to 127.0.0.1:4000",
      entries: [simpleRequest({ method: 'POST', requestHeaders: { 'Content-Type': 'application/json' }, status: 0, error: 'net::ERR_FAILED' })],
      declared: { mode: 'same-origin' },
      chromiumError: 'DisallowedByMode', params: { pageOrigin: PAGE, url: `${API}/data` },
    },
  ],
});
