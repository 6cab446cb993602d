import rule from '../../../src/engine/rules/allow-origin-invalid.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const API = 'https://api.example.com/v1/me';

ruleTester(rule, {
  valid: [
    {
      // GURL parses "localhost:3000" as scheme "localhost" + path "3000": a valid URL, so Chromium
      // (cors.cc CheckAccessInternal) reports AllowOriginMismatch, not InvalidAllowOriginValue.
      name: '"localhost:3000" without a scheme is a mismatch in Chromium (GURL reads "localhost" as a scheme)',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'localhost:3000' }, blocked: true })],
    },
    { name: '"null" is a valid value that only matches opaque origins: a mismatch', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': 'null' }, blocked: true })] },
    { name: 'a comma list is several values, checked before validity', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': 'app.example.com,admin.example.com' }, blocked: true })] },
    { name: 'exact origin', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } })] },
  ],
  invalid: [
    {
      // Not white space to HTTP: the browser parses it as part of the origin, which then fails.
      name: 'a trailing no-break space (U+00A0)',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': `${APP}\u00a0` }, blocked: true })],
      chromiumError: 'InvalidAllowOriginValue',
    },
    {
      name: 'bare host name "app.example.com"',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': 'app.example.com' }, blocked: true })],
      chromiumError: 'InvalidAllowOriginValue', params: { allowOrigin: 'app.example.com', origin: APP },
      summaryIncludes: ['"app.example.com"'],
    },
    {
      name: 'empty value (CORS_ORIGIN env var unset)',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': '' }, blocked: true })],
      chromiumError: 'InvalidAllowOriginValue', params: { allowOrigin: '' },
    },
    {
      name: 'IP and port without scheme "127.0.0.1:5500" (VS Code Live Server page)',
      entries: [simpleRequest({ url: 'http://127.0.0.1:8000/api/items', origin: 'http://127.0.0.1:5500', responseHeaders: { 'Access-Control-Allow-Origin': '127.0.0.1:5500' }, blocked: true })],
      chromiumError: 'InvalidAllowOriginValue', params: { allowOrigin: '127.0.0.1:5500' },
    },
    {
      name: 'preflight answered an unexpanded template "${FRONTEND_URL}"',
      entries: preflightedRequest({ url: API, origin: APP, method: 'PUT', requestHeaders: ['Content-Type'], preflightHeaders: { 'Access-Control-Allow-Origin': '${FRONTEND_URL}', 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type' } }),
      chromiumError: 'PreflightInvalidAllowOriginValue', params: { allowOrigin: '${FRONTEND_URL}' },
    },
    {
      name: 'scheme with no host "http://"',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': 'http://' }, blocked: true })],
      chromiumError: 'InvalidAllowOriginValue', params: { origin: PAGE },
    },
  ],
});
