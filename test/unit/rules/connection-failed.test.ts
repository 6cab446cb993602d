import rule from '../../../src/engine/rules/connection-failed.ts';
import { preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { withError, withoutOrigin } from './helpers.ts';

const APP = 'https://app.example.com';

const preflightNeverConnected = (() => {
  const [actual, preflight] = preflightedRequest({ url: 'http://localhost:8080/api/todos/3', method: 'DELETE' });
  return [actual!, withError(preflight!, 'net::ERR_CONNECTION_REFUSED')];
})();

ruleTester(rule, {
  valid: [
    {
      name: 'ERR_FAILED with a 200 response is CORS (missing ACAO)',
      entries: [simpleRequest({ url: 'http://localhost:8080/api/todos', blocked: true })],
    },
    {
      name: 'status 0 with a plain ERR_FAILED says nothing about the network',
      entries: [simpleRequest({ url: 'http://localhost:8080/api/todos', status: 0, error: 'net::ERR_FAILED' })],
    },
    {
      name: 'ERR_BLOCKED_BY_CLIENT is an extension',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/track', origin: APP, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
    },
    {
      name: 'ERR_ABORTED on an opaque no-cors response',
      entries: [withoutOrigin({ url: 'https://api.example.com/v1/products', referer: `${APP}/`, error: 'net::ERR_ABORTED' })],
    },
  ],
  invalid: [
    {
      name: 'API not running: net::ERR_CONNECTION_REFUSED on localhost:8080',
      entries: [simpleRequest({ url: 'http://localhost:8080/api/todos', status: 0, error: 'net::ERR_CONNECTION_REFUSED' })],
      chromiumError: null,
      params: { netError: 'net::ERR_CONNECTION_REFUSED', failedUrl: 'http://localhost:8080/api/todos' },
      summaryIncludes: ['net::ERR_CONNECTION_REFUSED'],
    },
    {
      name: 'typo in the API host: net::ERR_NAME_NOT_RESOLVED',
      entries: [simpleRequest({ url: 'https://api.staging.exmaple.com/v1/me', origin: APP, status: 0, error: 'net::ERR_NAME_NOT_RESOLVED' })],
      chromiumError: null, params: { netError: 'net::ERR_NAME_NOT_RESOLVED' },
    },
    {
      name: 'self-signed dev certificate: net::ERR_CERT_AUTHORITY_INVALID',
      entries: [simpleRequest({ url: 'https://localhost:8443/api/health', status: 0, error: 'net::ERR_CERT_AUTHORITY_INVALID' })],
      chromiumError: null, params: { failedUrl: 'https://localhost:8443/api/health' },
    },
    {
      name: 'the preflight itself could not connect (DELETE)',
      entries: preflightNeverConnected,
      chromiumError: null, params: { netError: 'net::ERR_CONNECTION_REFUSED', failedUrl: 'http://localhost:8080/api/todos/3' },
    },
  ],
});
