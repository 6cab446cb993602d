import rule from '../../../src/engine/rules/allow-origin-trailing-slash.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const API = 'https://api.example.com/v1/invoices';

ruleTester(rule, {
  valid: [
    { name: 'port mismatch (localhost:3001) is the port rule', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'http://localhost:3001' }, blocked: true })] },
    {
      name: 'trailing slash AND another port: the port is what matters',
      entries: [simpleRequest({ origin: 'http://localhost:5173', responseHeaders: { 'Access-Control-Allow-Origin': 'http://localhost:3000/' }, blocked: true })],
    },
    {
      name: 'trailing slash on another host (www): a host mismatch',
      entries: [simpleRequest({ url: API, origin: 'https://example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'https://www.example.com/' }, blocked: true })],
    },
    { name: 'exact origin', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } })] },
  ],
  invalid: [
    {
      name: 'ACAO "https://app.example.com/" (copied from the address bar)',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': `${APP}/` }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'trailing-slash', allowOrigin: `${APP}/`, origin: APP },
      summaryIncludes: ['"https://app.example.com/"'],
    },
    {
      name: 'preflight answers "http://localhost:3000/"',
      entries: preflightedRequest({ method: 'PUT', requestHeaders: ['Content-Type'], preflightHeaders: { 'Access-Control-Allow-Origin': `${PAGE}/`, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'content-type' } }),
      chromiumError: 'PreflightAllowOriginMismatch', params: { mismatch: 'trailing-slash', allowOrigin: `${PAGE}/` },
    },
    {
      name: 'ACAO with a path "https://app.example.com/dashboard"',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': `${APP}/dashboard` }, blocked: true })],
      chromiumError: 'AllowOriginMismatch', params: { mismatch: 'path' },
    },
  ],
});
