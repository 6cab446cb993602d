import rule from '../../../src/engine/rules/method-not-allowed.ts';
import { PAGE, preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { preflightFirst } from './helpers.ts';

const URL = 'http://127.0.0.1:4000/api/todos/7';
const ok = { responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } };

ruleTester(rule, {
  valid: [
    {
      name: 'PATCH listed as "patch": the case rule explains it',
      entries: preflightedRequest({ url: URL, method: 'PATCH', preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'GET, patch' } }),
    },
    {
      name: 'ACAM "*" without credentials allows DELETE',
      entries: preflightedRequest({ url: URL, method: 'DELETE', preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': '*' }, actual: ok }),
    },
    {
      name: 'POST is always allowed, whatever ACAM says (preflighted for its JSON body)',
      entries: preflightedRequest({ url: URL, method: 'POST', requestHeaders: ['Content-Type'], preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': 'content-type' }, actual: ok }),
    },
    {
      name: 'OPTIONS 404 is a rejected preflight',
      entries: preflightedRequest({ url: URL, method: 'DELETE', preflightStatus: 404 }),
    },
  ],
  invalid: [
    {
      name: 'DELETE with ACAM "GET, POST" (cors() default methods trimmed)',
      entries: preflightedRequest({ url: URL, method: 'DELETE', preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'GET, POST' } }),
      chromiumError: 'MethodDisallowedByPreflightResponse', params: { method: 'DELETE', allowMethods: 'GET, POST', wildcardIgnored: '' },
      summaryIncludes: ['DELETE'],
    },
    {
      name: 'PUT with ACAM "*" and credentials: "*" is a literal then',
      entries: preflightFirst(preflightedRequest({ url: URL, method: 'PUT', preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': '*' } })),
      declared: { credentials: 'include' },
      chromiumError: 'MethodDisallowedByPreflightResponse', params: { wildcardIgnored: 'yes', method: 'PUT' },
    },
    {
      name: 'PATCH, preflight 204 with only ACAO (no ACAM at all)',
      entries: preflightedRequest({ url: URL, method: 'PATCH', preflightHeaders: { 'Access-Control-Allow-Origin': PAGE } }),
      chromiumError: 'MethodDisallowedByPreflightResponse', params: { allowMethods: '', method: 'PATCH' },
    },
  ],
});
