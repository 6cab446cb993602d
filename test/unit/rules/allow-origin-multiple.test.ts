import rule from '../../../src/engine/rules/allow-origin-multiple.ts';
import { preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const API = 'https://api.example.com/v1/projects';

ruleTester(rule, {
  valid: [
    { name: 'one exact origin', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } })] },
    { name: 'trailing slash (one value, no comma) is a mismatch', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': `${APP}/` }, blocked: true })] },
    { name: 'ACAO "*" once', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': '*' } })] },
    {
      name: 'Vary sent twice is fine; only ACAO must be single',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: [['Access-Control-Allow-Origin', APP], ['Vary', 'Origin'], ['Vary', 'Accept-Encoding']] })],
    },
  ],
  invalid: [
    {
      name: 'app and nginx both add ACAO with the same value',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: [['Access-Control-Allow-Origin', APP], ['access-control-allow-origin', APP], ['Server', 'nginx/1.25.3']], blocked: true })],
      chromiumError: 'MultipleAllowOriginValues',
      params: { cause: 'sent-twice', allowOrigin: `${APP}, ${APP}` },
      summaryIncludes: ['sent twice'],
    },
    {
      name: 'whole allowlist joined into one header',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com, https://admin.example.com' }, blocked: true })],
      chromiumError: 'MultipleAllowOriginValues',
      params: { cause: 'list', allowOrigin: 'https://app.example.com, https://admin.example.com' },
    },
    {
      name: 'space-separated list',
      entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com https://admin.example.com' }, blocked: true })],
      chromiumError: 'MultipleAllowOriginValues', params: { cause: 'list' },
    },
    {
      name: 'preflight answered "*" twice (gateway + app)',
      entries: preflightedRequest({ url: API, origin: APP, method: 'PATCH', preflightHeaders: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PATCH']] }),
      chromiumError: 'PreflightMultipleAllowOriginValues', params: { cause: 'sent-twice', allowOrigin: '*, *' },
    },
  ],
});
