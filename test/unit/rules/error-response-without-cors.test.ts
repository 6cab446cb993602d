import rule from '../../../src/engine/rules/error-response-without-cors.ts';
import { preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { redirectHop, withStatusText } from './helpers.ts';

const APP = 'https://app.example.com';
const ORDERS = 'https://api.example.com/v1/orders';
const PREFLIGHT_OK = { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'GET, POST, PUT', 'Access-Control-Allow-Headers': 'authorization, content-type', Vary: 'Origin' };

ruleTester(rule, {
  valid: [
    {
      name: '500 WITH ACAO: CORS passed, the page sees the 500 itself',
      entries: [withStatusText(simpleRequest({ url: ORDERS, origin: APP, status: 500, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } }), 'Internal Server Error')],
    },
    { name: '200 without ACAO is a plain missing header', entries: [simpleRequest({ url: ORDERS, origin: APP, blocked: true })] },
    {
      name: 'OPTIONS 500 without ACAO is a rejected preflight',
      entries: preflightedRequest({ url: `${ORDERS}/1`, origin: APP, method: 'PUT', requestHeaders: ['Content-Type'], preflightStatus: 500 }),
    },
    {
      name: '302 hop without ACAO (status < 400) is a missing header on the redirect',
      entries: [redirectHop({ url: ORDERS, origin: APP, to: 'https://api.example.com/v1/orders/', error: 'net::ERR_FAILED' })],
    },
  ],
  invalid: [
    {
      name: 'Express crashes: 500 without CORS headers',
      entries: [withStatusText(simpleRequest({ url: ORDERS, origin: APP, status: 500, responseHeaders: { 'Content-Type': 'text/html; charset=utf-8', 'X-Powered-By': 'Express' }, blocked: true }), 'Internal Server Error')],
      chromiumError: 'MissingAllowOriginHeader', params: { status: '500', method: 'GET', origin: APP },
      summaryIncludes: ['500'],
    },
    {
      name: 'nginx 502 Bad Gateway while the app restarts',
      entries: [withStatusText(simpleRequest({ url: ORDERS, origin: APP, status: 502, responseHeaders: { Server: 'nginx/1.25.3', 'Content-Type': 'text/html' }, blocked: true }), 'Bad Gateway')],
      chromiumError: 'MissingAllowOriginHeader', params: { status: '502' },
    },
    {
      name: 'expired token: PUT answered 401 after a good preflight',
      entries: preflightedRequest({
        url: `${ORDERS}/42`, origin: APP, method: 'PUT', requestHeaders: ['Authorization', 'Content-Type'], preflightHeaders: PREFLIGHT_OK,
        actual: { status: 401, responseHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"' }, error: 'net::ERR_FAILED' },
      }),
      chromiumError: 'MissingAllowOriginHeader', params: { status: '401', method: 'PUT' },
    },
    {
      name: 'nginx 413 (client_max_body_size) on an upload POST',
      entries: [withStatusText(simpleRequest({ url: 'https://api.example.com/v1/uploads', origin: APP, method: 'POST', requestHeaders: { 'Content-Type': 'multipart/form-data; boundary=----x' }, status: 413, responseHeaders: { Server: 'nginx' }, blocked: true }), 'Request Entity Too Large')],
      chromiumError: 'MissingAllowOriginHeader', params: { status: '413', method: 'POST' },
    },
  ],
});
