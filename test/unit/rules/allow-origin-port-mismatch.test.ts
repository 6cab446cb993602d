import rule from '../../../src/engine/rules/allow-origin-port-mismatch.ts';
import { preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const VITE = 'http://localhost:5173';

ruleTester(rule, {
  valid: [
    { name: 'same port, other scheme', entries: [simpleRequest({ origin: VITE, responseHeaders: { 'Access-Control-Allow-Origin': 'https://localhost:5173' }, blocked: true })] },
    { name: 'localhost vs 127.0.0.1 is another host, not a port', entries: [simpleRequest({ origin: VITE, responseHeaders: { 'Access-Control-Allow-Origin': 'http://127.0.0.1:5173' }, blocked: true })] },
    { name: 'same port with a trailing slash', entries: [simpleRequest({ origin: VITE, responseHeaders: { 'Access-Control-Allow-Origin': `${VITE}/` }, blocked: true })] },
    { name: 'exact origin with port', entries: [simpleRequest({ origin: VITE, responseHeaders: { 'Access-Control-Allow-Origin': VITE, Vary: 'Origin' } })] },
  ],
  invalid: [
    {
      name: 'Vite moved the page to :5173, server still allows :3000 (create-react-app days)',
      entries: [simpleRequest({ origin: VITE, responseHeaders: { 'Access-Control-Allow-Origin': 'http://localhost:3000' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'port', allowOrigin: 'http://localhost:3000', origin: VITE },
      summaryIncludes: ['"http://localhost:3000"', '"http://localhost:5173"'],
    },
    {
      name: 'Angular on :4200, preflight allows :8080',
      entries: preflightedRequest({ url: 'http://localhost:8080/api/heroes/1', origin: 'http://localhost:4200', method: 'PUT', requestHeaders: ['Content-Type'], preflightHeaders: { 'Access-Control-Allow-Origin': 'http://localhost:8080', 'Access-Control-Allow-Methods': 'PUT' } }),
      chromiumError: 'PreflightAllowOriginMismatch', params: { mismatch: 'port' },
    },
    {
      name: 'explicit :8443 in the allowlist, page on the default https port',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/me', origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com:8443' }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'port' },
    },
  ],
});
