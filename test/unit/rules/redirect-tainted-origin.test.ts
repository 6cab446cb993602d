import rule from '../../../src/engine/rules/redirect-tainted-origin.ts';
import { entry, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { redirectHop } from './helpers.ts';

const APP = 'https://app.example.com';
const DOWNLOAD = 'https://api.example.com/v1/exports/42/download';
const CDN = 'https://cdn.example.net/exports/42.csv?sig=abc';
const ALLOW_APP = { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' };

ruleTester(rule, {
  valid: [
    {
      name: 'same-origin redirect on the API (/v1 → /v2) keeps the page origin',
      entries: [
        redirectHop({ url: 'https://api.example.com/v1/me', origin: APP, to: 'https://api.example.com/v2/me', status: 308, responseHeaders: ALLOW_APP }),
        simpleRequest({ url: 'https://api.example.com/v2/me', origin: APP, responseHeaders: ALLOW_APP }),
      ],
    },
    {
      name: 'cross-origin redirect to a CDN that answers ACAO "*"',
      entries: [
        redirectHop({ url: DOWNLOAD, origin: APP, to: CDN, responseHeaders: ALLOW_APP }),
        simpleRequest({ url: CDN, origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': '*' } }),
      ],
    },
    {
      name: 'cross-origin redirect to a CDN that answers ACAO "null"',
      entries: [
        redirectHop({ url: DOWNLOAD, origin: APP, to: CDN, responseHeaders: ALLOW_APP }),
        simpleRequest({ url: CDN, origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': 'null' } }),
      ],
    },
    {
      name: 'no redirect at all: a plain mismatch',
      entries: [simpleRequest({ url: DOWNLOAD, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': 'https://admin.example.com' }, blocked: true })],
    },
    {
      name: 'redirect target sends no ACAO: a missing header',
      entries: [
        redirectHop({ url: DOWNLOAD, origin: APP, to: CDN, responseHeaders: ALLOW_APP }),
        simpleRequest({ url: CDN, origin: 'null', blocked: true }),
      ],
    },
  ],
  invalid: [
    {
      name: 'API 302 → signed CDN URL; the CDN echoes the page origin instead of "null"',
      entries: [
        redirectHop({ url: DOWNLOAD, origin: APP, to: CDN, responseHeaders: ALLOW_APP }),
        simpleRequest({ url: CDN, origin: 'null', responseHeaders: ALLOW_APP, blocked: true }),
      ],
      chromiumError: 'AllowOriginMismatch',
      params: { redirectedTo: CDN, origin: 'null', pageOrigin: APP, allowOrigin: APP, url: DOWNLOAD },
    },
    {
      name: 'api → auth.example.com (302 again, its Origin not recorded): fails on the middle hop',
      entries: [
        redirectHop({ url: 'https://api.example.com/v1/session', origin: APP, to: 'https://auth.example.com/token/refresh', responseHeaders: ALLOW_APP }),
        entry({
          url: 'https://auth.example.com/token/refresh', status: 302,
          responseHeaders: { Location: 'https://api.example.com/v1/session?t=1', ...ALLOW_APP },
          redirectURL: 'https://api.example.com/v1/session?t=1', error: 'net::ERR_FAILED',
        }),
      ],
      chromiumError: 'AllowOriginMismatch', params: { origin: 'null', redirectedTo: 'https://auth.example.com/token/refresh' },
    },
  ],
});
