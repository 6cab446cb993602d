import rule from '../../../src/engine/rules/invalid-response.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { viaServiceWorker } from './helpers.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      name: 'answered by the service worker and allowed by CORS',
      entries: [viaServiceWorker(simpleRequest({ url: 'https://api.example.com/v1/feed', origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } }))],
    },
    {
      name: 'answered by the service worker, 200 without ACAO: a real CORS failure comes first',
      entries: [viaServiceWorker(simpleRequest({ url: 'https://api.example.com/v1/feed', origin: APP, blocked: true }))],
    },
    {
      name: 'no service worker, status 0 and ERR_FAILED: unexplained',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/feed', origin: APP, status: 0, error: 'net::ERR_FAILED' })],
    },
  ],
  invalid: [
    {
      name: "Workbox CacheFirst serves an opaque (mode: 'no-cors') copy to a CORS fetch()",
      entries: [viaServiceWorker(simpleRequest({ url: 'https://api.example.com/v1/feed', origin: APP, status: 0, error: 'net::ERR_FAILED' }))],
      chromiumError: 'InvalidResponse', params: { url: 'https://api.example.com/v1/feed' },
    },
    {
      name: 'web font fetched with CORS, answered opaque by the service worker',
      entries: [viaServiceWorker(simpleRequest({ url: 'https://fonts.example.net/inter.woff2', origin: APP, status: 0, error: 'net::ERR_FAILED' }))],
      chromiumError: 'InvalidResponse', summaryIncludes: ['service worker'],
    },
  ],
});
