import rule from '../../../src/engine/rules/allow-headers-invalid.ts';
import { preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const URL = 'https://api.example.com/v1/comments';
const ok = { status: 201, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' } };
const preflight = (allowHeaders: string, extra: Record<string, string> = {}, actual?: typeof ok) => preflightedRequest({
  url: URL, origin: APP, method: 'POST', requestHeaders: ['Content-Type', 'Authorization'], actual,
  preflightHeaders: { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': allowHeaders, ...extra },
});

ruleTester(rule, {
  valid: [
    { name: 'trailing comma "Content-Type, Authorization," parses', entries: preflight('Content-Type, Authorization,', {}, ok) },
    { name: 'Allow-Methods broken too: methods are reported first', entries: preflight('Content-Type Authorization', { 'Access-Control-Allow-Methods': 'GET POST' }) },
    { name: 'a clean list that lacks authorization', entries: preflight('Content-Type') },
    { name: 'clean list, mixed case', entries: preflight('content-type, AUTHORIZATION', {}, ok) },
  ],
  invalid: [
    {
      name: 'space-separated "Content-Type Authorization"',
      entries: preflight('Content-Type Authorization'),
      chromiumError: 'InvalidAllowHeadersPreflightResponse',
      params: { allowHeaders: 'Content-Type Authorization', requestedHeaders: 'authorization, content-type' },
    },
    {
      name: 'a pasted header line "Content-Type: application/json"',
      entries: preflight('Content-Type: application/json, Authorization'),
      chromiumError: 'InvalidAllowHeadersPreflightResponse', params: { allowHeaders: 'Content-Type: application/json, Authorization' },
    },
    {
      name: 'semicolons "Content-Type; Authorization"',
      entries: preflight('Content-Type; Authorization'),
      chromiumError: 'InvalidAllowHeadersPreflightResponse', summaryIncludes: ['Content-Type; Authorization'],
    },
  ],
});
