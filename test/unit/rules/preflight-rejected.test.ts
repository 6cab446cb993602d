import rule from '../../../src/engine/rules/preflight-rejected.ts';
import { preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { preflightFirst, withStatusText } from './helpers.ts';

const APP = 'https://app.example.com';
const URL = 'https://api.example.com/v1/orders/42';
const CORS = { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'GET, PUT, DELETE', 'Access-Control-Allow-Headers': 'authorization, content-type', Vary: 'Origin' };

function rejected(status: number, statusText: string, headers: Record<string, string>, method = 'PUT') {
  const [actual, preflight] = preflightedRequest({ url: URL, origin: APP, method, requestHeaders: ['Authorization', 'Content-Type'], preflightStatus: status, preflightHeaders: headers });
  return [actual!, withStatusText(preflight!, statusText)];
}

ruleTester(rule, {
  valid: [
    {
      name: '2xx preflight without ACAO is missing-allow-origin, not a rejection',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'PUT', requestHeaders: ['Content-Type'], preflightStatus: 204, preflightHeaders: { 'Access-Control-Allow-Methods': 'PUT' } }),
    },
    {
      name: 'OPTIONS 301 is a preflight redirect',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'PUT', preflightRedirect: 'https://api.example.com/v1/orders/42/' }),
    },
    {
      name: 'OPTIONS 403 with ACAO "*" and credentials: the origin check fails first (wildcard)',
      entries: preflightFirst(rejected(403, 'Forbidden', { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': '*' })),
      declared: { credentials: 'include' },
    },
    {
      name: 'actual PUT answered 401 after a good preflight: the error path lacks CORS headers',
      entries: preflightedRequest({
        url: URL, origin: APP, method: 'PUT', requestHeaders: ['Authorization', 'Content-Type'], preflightHeaders: CORS,
        actual: { status: 401, responseHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"' }, error: 'net::ERR_FAILED' },
      }),
    },
    {
      name: 'OPTIONS 200 with every header: allowed',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'PUT', requestHeaders: ['Authorization', 'Content-Type'], preflightStatus: 200, preflightHeaders: CORS, actual: { responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } } }),
    },
  ],
  invalid: [
    {
      // No Location: not a redirect, a final status that is not ok (checked after the origin).
      name: 'OPTIONS 300 Multiple Choices without Location, CORS headers present',
      entries: rejected(300, 'Multiple Choices', CORS),
      chromiumError: 'PreflightInvalidStatus',
    },
    {
      name: 'OPTIONS 401 from auth middleware, no CORS headers at all',
      entries: rejected(401, 'Unauthorized', { 'WWW-Authenticate': 'Bearer realm="api"' }),
      chromiumError: 'PreflightMissingAllowOriginHeader',
      params: { cause: 'auth', preflightStatus: '401', statusText: 'Unauthorized' },
      summaryIncludes: ['auth runs before CORS'],
    },
    {
      name: 'OPTIONS 401 with CORS headers (cors() ran, then auth rejected)',
      entries: rejected(401, 'Unauthorized', CORS),
      chromiumError: 'PreflightInvalidStatus', params: { cause: 'auth' },
    },
    {
      name: 'OPTIONS 404: no OPTIONS route for /v1/orders/:id',
      entries: rejected(404, 'Not Found', { 'Content-Type': 'text/html' }, 'DELETE'),
      chromiumError: 'PreflightMissingAllowOriginHeader',
      params: { cause: 'no-route', path: '/v1/orders/42', method: 'DELETE' },
      summaryIncludes: ['no OPTIONS route for /v1/orders/42'],
    },
    {
      name: 'OPTIONS 405 Method Not Allowed with ACAO',
      entries: rejected(405, 'Method Not Allowed', { 'Access-Control-Allow-Origin': APP, Allow: 'GET, PUT' }),
      chromiumError: 'PreflightInvalidStatus', params: { cause: 'no-route' },
    },
    {
      name: 'OPTIONS 500: the handler crashed on the preflight',
      entries: rejected(500, 'Internal Server Error', {}),
      chromiumError: 'PreflightMissingAllowOriginHeader', params: { cause: 'server-error' },
    },
  ],
});
