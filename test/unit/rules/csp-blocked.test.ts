import rule from '../../../src/engine/rules/csp-blocked.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      name: '"csp" in the URL path (a /csp-report endpoint) is not a CSP block',
      entries: [simpleRequest({ url: 'https://api.example.com/csp-report', method: 'POST', origin: APP, requestHeaders: { 'Content-Type': 'text/plain' }, blocked: true })],
    },
    {
      name: 'ERR_BLOCKED_BY_CLIENT is an extension, not the page\'s CSP',
      entries: [simpleRequest({ url: 'https://api.stripe.com/v1/tokens', origin: APP, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
    },
    {
      name: 'allowed request to the same API',
      entries: [simpleRequest({ url: 'https://api.stripe.com/v1/tokens', origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': '*' } })],
    },
  ],
  invalid: [
    {
      name: 'connect-src \'self\' forbids api.stripe.com',
      entries: [simpleRequest({ url: 'https://api.stripe.com/v1/tokens', method: 'POST', origin: APP, requestHeaders: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 0, error: 'net::ERR_BLOCKED_BY_CSP' })],
      chromiumError: null,
      params: { cspSource: 'https://api.stripe.com/v1/tokens', apiOrigin: 'https://api.stripe.com' },
      summaryIncludes: ['https://api.stripe.com'],
    },
    {
      name: 'Sentry envelope POST refused by the page\'s CSP, before any preflight',
      entries: [simpleRequest({ url: 'https://o4504.ingest.sentry.io/api/42/envelope/', method: 'POST', origin: APP, requestHeaders: { 'Content-Type': 'application/json' }, status: 0, error: 'net::ERR_BLOCKED_BY_CSP' })],
      chromiumError: null, params: { apiOrigin: 'https://o4504.ingest.sentry.io' },
    },
  ],
});
