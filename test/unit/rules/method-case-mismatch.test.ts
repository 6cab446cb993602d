import rule from '../../../src/engine/rules/method-case-mismatch.ts';
import { PAGE, preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const URL = 'http://127.0.0.1:4000/api/users/12';
const ok = { responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } };
const preflight = (method: string, allowMethods: string, actual?: typeof ok) => preflightedRequest({
  url: URL, method, requestHeaders: ['Content-Type'], actual,
  preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': allowMethods, 'Access-Control-Allow-Headers': 'Content-Type' },
});

ruleTester(rule, {
  valid: [
    { name: 'PATCH not listed at all', entries: preflight('PATCH', 'GET, POST, PUT') },
    { name: 'PATCH listed in upper case', entries: preflight('PATCH', 'GET, POST, PATCH', ok) },
    // Measured in Chromium 156 (fixture method-lowercase-patch-listed-lower): byte-for-byte equal passes.
    { name: "fetch({ method: 'patch' }) and ACAM \"patch\": equal byte for byte, allowed", entries: preflight('patch', 'GET, patch', ok) },
    { name: 'DELETE listed, PUT missing', entries: preflight('PUT', 'GET, DELETE') },
  ],
  invalid: [
    {
      name: 'ACAM "GET, POST, patch" for a PATCH',
      entries: preflight('PATCH', 'GET, POST, patch'),
      chromiumError: 'MethodDisallowedByPreflightResponse', params: { listedAs: 'patch', upper: 'PATCH', method: 'PATCH' },
      summaryIncludes: ['"patch"', 'list PATCH'],
    },
    {
      name: 'Title-case "Patch" from an enum\'s name',
      entries: preflight('PATCH', 'Get, Post, Patch'),
      chromiumError: 'MethodDisallowedByPreflightResponse', params: { listedAs: 'Patch', upper: 'PATCH' },
    },
    {
      // Measured in Chromium 156 (fixture method-lowercase-patch-listed-upper).
      name: "fetch({ method: 'patch' }) sends \"patch\", the server lists PATCH",
      entries: preflight('patch', 'GET, PATCH'),
      chromiumError: 'MethodDisallowedByPreflightResponse', params: { listedAs: 'PATCH', upper: 'PATCH', method: 'patch', sent: 'not-upper' },
      summaryIncludes: ['"patch"', "Write PATCH in the page's code"],
    },
    {
      name: 'even PUT: ACAM "get,put" (lower-case config) never matches',
      entries: preflight('PUT', 'get,put'),
      chromiumError: 'MethodDisallowedByPreflightResponse', params: { listedAs: 'put', upper: 'PUT' },
    },
  ],
});
