import rule from '../../../src/engine/rules/header-not-allowed.ts';
import { PAGE, preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { preflightFirst } from './helpers.ts';

const URL = 'http://127.0.0.1:4000/api/notes';
const ok = { status: 201, responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } };
const preflight = (method: string, requested: string[], allow: Record<string, string>, actual?: typeof ok) => preflightedRequest({
  url: URL, method, requestHeaders: requested, actual, preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'GET, POST, PUT', ...allow },
});

ruleTester(rule, {
  valid: [
    { name: 'ACAH lists them in another case', entries: preflight('POST', ['Content-Type', 'Authorization'], { 'Access-Control-Allow-Headers': 'AUTHORIZATION, content-type' }, ok) },
    {
      name: 'ACAH "*" with credentials: the wildcard rule explains it',
      entries: preflightFirst(preflight('POST', ['Content-Type'], { 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Headers': '*' })),
      declared: { credentials: 'include' },
    },
    { name: 'ACAH does not parse', entries: preflight('POST', ['Content-Type'], { 'Access-Control-Allow-Headers': 'Content-Type X-Requested-With' }) },
    { name: 'the method fails first (DELETE not allowed, header missing too)', entries: preflight('DELETE', ['X-Api-Key'], {}) },
  ],
  invalid: [
    {
      name: 'POST with Content-Type: application/json, ACAH only "Authorization"',
      entries: preflight('POST', ['Content-Type'], { 'Access-Control-Allow-Headers': 'Authorization' }),
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      params: { header: 'content-type', contentTypeNote: 'yes', allowHeaders: 'Authorization' },
      summaryIncludes: ['application/json'],
    },
    {
      name: 'X-Api-Key not in ACAH "Content-Type"',
      entries: preflight('PUT', ['Content-Type', 'X-Api-Key'], { 'Access-Control-Allow-Headers': 'Content-Type' }),
      chromiumError: 'HeaderDisallowedByPreflightResponse', params: { header: 'x-api-key', contentTypeNote: '' },
      summaryIncludes: ['"x-api-key"'],
    },
    {
      name: 'Authorization not in "Content-Type, X-Requested-With"; no ACAH would fail the same way',
      entries: preflight('GET', ['Authorization'], { 'Access-Control-Allow-Headers': 'Content-Type, X-Requested-With' }),
      chromiumError: 'HeaderDisallowedByPreflightResponse', params: { header: 'authorization' },
    },
    {
      name: 'X-Request-Id and Authorization both missing: Chromium names the first in sorted order',
      entries: preflight('POST', ['X-Request-Id', 'Authorization', 'Content-Type'], { 'Access-Control-Allow-Headers': 'content-type' }),
      chromiumError: 'HeaderDisallowedByPreflightResponse', params: { header: 'authorization', requestedHeaders: 'authorization, content-type, x-request-id' },
    },
  ],
});
