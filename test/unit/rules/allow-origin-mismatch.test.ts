import rule from '../../../src/engine/rules/allow-origin-mismatch.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { redirectHop } from './helpers.ts';

const API = 'https://api.example.com/v1/me';

ruleTester(rule, {
  valid: [
    { name: 'trailing slash', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': `${PAGE}/` }, blocked: true })] },
    { name: 'other port', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'http://localhost:3001' }, blocked: true })] },
    { name: 'other scheme', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'https://localhost:3000' }, blocked: true })] },
    {
      name: 'page origin echoed after a cross-origin redirect (Origin became "null")',
      entries: [
        redirectHop({ url: API, origin: 'https://app.example.com', to: 'https://cdn.example.net/me.json', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com' } }),
        simpleRequest({ url: 'https://cdn.example.net/me.json', origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com' }, blocked: true }),
      ],
    },
    { name: 'exact origin', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } })] },
  ],
  invalid: [
    {
      name: 'staging page, server hard-codes the production origin',
      entries: [simpleRequest({ url: API, origin: 'https://staging.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch',
      params: { mismatch: 'host', allowOrigin: 'https://app.example.com', origin: 'https://staging.example.com' },
    },
    {
      name: 'www vs apex: page on www.example.com, server allows example.com',
      entries: [simpleRequest({ url: API, origin: 'https://www.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'https://example.com' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'host' },
    },
    {
      name: 'ACAO "null" for a real origin',
      entries: [simpleRequest({ url: API, origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'null' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { allowOrigin: 'null' },
    },
    {
      name: '"localhost:3000" without scheme: a valid URL to GURL (scheme "localhost"), so a mismatch',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'localhost:3000' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { allowOrigin: 'localhost:3000' },
    },
    {
      name: 'upper-case origin "HTTPS://APP.EXAMPLE.COM" (compared byte for byte)',
      entries: [simpleRequest({ url: API, origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'HTTPS://APP.EXAMPLE.COM' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'case' },
    },
    {
      name: 'preflight allows 127.0.0.1:3000, page is localhost:3000',
      entries: preflightedRequest({ method: 'PATCH', preflightHeaders: { 'Access-Control-Allow-Origin': 'http://127.0.0.1:3000', 'Access-Control-Allow-Methods': 'PATCH' } }),
      chromiumError: 'PreflightAllowOriginMismatch', params: { mismatch: 'host', allowOrigin: 'http://127.0.0.1:3000' },
    },
  ],
});
