import rule from '../../../src/engine/rules/blocked-by-client.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { withoutOrigin } from './helpers.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      name: 'a real CORS block (ERR_FAILED, 200 without ACAO)',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/analytics/summary', origin: APP, blocked: true })],
    },
    {
      name: 'https page → http tracker: mixed content decides first, whatever _error says',
      entries: [simpleRequest({ url: 'http://stats.example.net/collect?v=1', origin: APP, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
    },
    {
      name: 'connection refused is a network failure, not an extension',
      entries: [simpleRequest({ url: 'http://localhost:8080/api/track', status: 0, error: 'net::ERR_CONNECTION_REFUSED' })],
    },
  ],
  invalid: [
    {
      name: 'uBlock Origin cancels /v1/analytics/track (provisional headers only, no Origin)',
      entries: [withoutOrigin({ url: 'https://api.example.com/v1/analytics/track?event=signup', referer: `${APP}/signup`, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
      chromiumError: null, params: { url: 'https://api.example.com/v1/analytics/track?event=signup' },
    },
    {
      name: 'POST JSON to a tracking endpoint cancelled before its preflight',
      entries: [withoutOrigin({
        url: 'https://api.segment.io/v1/batch', referer: `${APP}/`, method: 'POST',
        requestHeaders: { 'Content-Type': 'application/json' }, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT',
      })],
      chromiumError: null, summaryIncludes: ['extension or ad blocker'],
    },
    {
      name: 'ad pixel blocked, Origin recorded',
      entries: [simpleRequest({ url: 'https://ads.example.net/pixel.gif?cb=123', origin: APP, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
      chromiumError: null,
    },
  ],
});
