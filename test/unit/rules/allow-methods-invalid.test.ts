import rule from '../../../src/engine/rules/allow-methods-invalid.ts';
import { PAGE, preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const URL = 'http://127.0.0.1:4000/api/tasks/5';
const ok = { status: 204, responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } };
const preflight = (allowMethods: string, extra: Record<string, string> = {}, actual?: typeof ok) => preflightedRequest({
  url: URL, method: 'PUT', requestHeaders: ['Content-Type'], actual,
  preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': allowMethods, 'Access-Control-Allow-Headers': 'content-type', ...extra },
});

ruleTester(rule, {
  valid: [
    // preflight_result.cc ParseAccessControlAllowList ignores empty items (ValuesIterator, ignore_empty_values).
    { name: 'trailing comma "GET, POST, PUT," parses: empty items are skipped', entries: preflight('GET, POST, PUT,', {}, ok) },
    { name: 'leading and doubled commas ", GET, , PUT" parse', entries: preflight(', GET, , PUT', {}, ok) },
    { name: '"put" in lower case parses; it just does not match PUT', entries: preflight('GET, put') },
    { name: 'Allow-Headers does not parse (methods do)', entries: preflight('GET, PUT', { 'Access-Control-Allow-Headers': 'Content-Type Authorization' }) },
    { name: 'ACAM "*" without credentials', entries: preflight('*', {}, ok) },
  ],
  invalid: [
    {
      name: 'space-separated "GET POST PUT DELETE"',
      entries: preflight('GET POST PUT DELETE'),
      chromiumError: 'InvalidAllowMethodsPreflightResponse', params: { allowMethods: 'GET POST PUT DELETE', method: 'PUT' },
    },
    {
      name: 'semicolon-separated "GET; PUT; DELETE"',
      entries: preflight('GET; PUT; DELETE'),
      chromiumError: 'InvalidAllowMethodsPreflightResponse', params: { allowMethods: 'GET; PUT; DELETE' },
    },
    {
      name: 'a JSON array serialised into the header \'["GET","PUT"]\'',
      entries: preflight('["GET","PUT"]'),
      chromiumError: 'InvalidAllowMethodsPreflightResponse', summaryIncludes: ['["GET","PUT"]'],
    },
    {
      name: 'both lists broken: methods are parsed (and reported) first',
      entries: preflight('GET PUT', { 'Access-Control-Allow-Headers': 'Content-Type Authorization' }),
      chromiumError: 'InvalidAllowMethodsPreflightResponse',
    },
  ],
});
