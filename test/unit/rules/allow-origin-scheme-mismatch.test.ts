import rule from '../../../src/engine/rules/allow-origin-scheme-mismatch.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const API = 'https://api.example.com/v1/me';

ruleTester(rule, {
  valid: [
    { name: 'same scheme, other port', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'http://localhost:8080' }, blocked: true })] },
    { name: 'same scheme, other host (.org vs .com)', entries: [simpleRequest({ url: API, origin: 'https://app.example.org', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com' }, blocked: true })] },
    { name: 'same scheme, trailing slash', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': `${PAGE}/` }, blocked: true })] },
    { name: 'exact origin', entries: [simpleRequest({ url: API, origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com', Vary: 'Origin' } })] },
  ],
  invalid: [
    {
      name: 'dev page on http://localhost:3000, server allows https://localhost:3000',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'https://localhost:3000' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'scheme', allowOrigin: 'https://localhost:3000', origin: PAGE },
    },
    {
      name: 'site moved to https, allowlist still says http://app.example.com',
      entries: [simpleRequest({ url: API, origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'http://app.example.com' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'scheme' },
      summaryIncludes: ['"http://app.example.com"', '"https://app.example.com"'],
    },
    {
      name: 'preflight allows the https twin of an http staging page',
      entries: preflightedRequest({ url: API, origin: 'http://staging.example.com', method: 'DELETE', preflightHeaders: { 'Access-Control-Allow-Origin': 'https://staging.example.com', 'Access-Control-Allow-Methods': 'DELETE' } }),
      chromiumError: 'PreflightAllowOriginMismatch', params: { mismatch: 'scheme' },
    },
  ],
});
