import rule from '../../../src/engine/rules/failure-not-explained.ts';
import { PAGE, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { viaServiceWorker } from './helpers.ts';

ruleTester(rule, {
  valid: [
    { name: 'connection refused is explained', entries: [simpleRequest({ status: 0, error: 'net::ERR_CONNECTION_REFUSED' })] },
    { name: 'no ACAO is explained', entries: [simpleRequest({ blocked: true })] },
    { name: 'ACAO "*" yet blocked: credentials inferred, the wildcard explains it', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': '*' }, blocked: true })] },
    { name: 'status 0 from a service worker is an invalid response', entries: [viaServiceWorker(simpleRequest({ status: 0, error: 'net::ERR_FAILED' }))] },
  ],
  invalid: [
    {
      name: 'GET with status 0 and net::ERR_FAILED, nothing else captured',
      entries: [simpleRequest({ status: 0, error: 'net::ERR_FAILED' })],
      chromiumError: null, params: { cause: 'no-response', netError: 'net::ERR_FAILED', status: '0' },
    },
    {
      name: 'PUT JSON failed and its OPTIONS is not in the log (recording started late, or cached)',
      entries: [simpleRequest({ method: 'PUT', requestHeaders: { 'Content-Type': 'application/json' }, status: 0, error: 'net::ERR_FAILED' })],
      chromiumError: null, params: { cause: 'preflight-not-captured', method: 'PUT' },
      summaryIncludes: ['preflight is not in the log'],
    },
    {
      name: 'headers pass with and without credentials, yet the browser failed it',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }, blocked: true })],
      chromiumError: null, params: { cause: 'unknown' },
    },
  ],
});
