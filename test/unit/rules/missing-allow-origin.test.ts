import rule from '../../../src/engine/rules/missing-allow-origin.ts';
import { API, PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'exact origin allowed', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': PAGE } })] },
    { name: 'wildcard without credentials', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': '*' } })] },
    { name: '500 without ACAO is the error-path rule', entries: [simpleRequest({ status: 500, blocked: true })] },
  ],
  invalid: [
    {
      name: 'simple GET, no ACAO', entries: [simpleRequest({ blocked: true })],
      chromiumError: 'MissingAllowOriginHeader', params: { origin: PAGE, url: `${API}/data` },
    },
    {
      name: 'preflight 204 without ACAO',
      entries: preflightedRequest({ method: 'PUT', preflightHeaders: { 'Access-Control-Allow-Methods': 'PUT' } }),
      chromiumError: 'PreflightMissingAllowOriginHeader', summaryIncludes: ['preflight'],
    },
  ],
});
