import rule from '../../../src/engine/rules/exposed-header-missing.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const API = 'https://api.example.com/v1/orders?page=2';
const answer = (headers: Record<string, string>, requestHeaders: Record<string, string> = {}) =>
  [simpleRequest({ url: API, origin: APP, requestHeaders, responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin', 'Content-Type': 'application/json', ...headers } })];

ruleTester(rule, {
  valid: [
    { name: 'X-Request-Id exposed', entries: answer({ 'X-Request-Id': 'b7e1c2', 'Access-Control-Expose-Headers': 'X-Request-Id' }) },
    { name: 'ACEH "*" without credentials exposes everything', entries: answer({ 'X-Total-Count': '214', 'Access-Control-Expose-Headers': '*' }) },
    { name: 'only safelisted response headers', entries: answer({ 'Cache-Control': 'no-store', 'Content-Language': 'en', 'Last-Modified': 'Mon, 23 Nov 2026 09:00:00 GMT' }) },
    { name: 'infrastructure headers the page never reads (X-Powered-By, X-Frame-Options)', entries: answer({ 'X-Powered-By': 'Express', 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff' }) },
    {
      name: 'declared: the page reads only Content-Type',
      entries: answer({ 'X-Request-Id': 'b7e1c2' }),
      declared: { readsResponseHeaders: ['Content-Type'] },
    },
  ],
  invalid: [
    {
      name: 'X-Request-Id sent but not exposed',
      entries: answer({ 'X-Request-Id': 'b7e1c2' }),
      params: { hidden: 'x-request-id', declared: '' },
    },
    {
      name: 'declared: the page reads X-Total-Count; only X-Request-Id is exposed',
      entries: answer({ 'X-Total-Count': '214', 'X-Request-Id': 'b7e1c2', 'Access-Control-Expose-Headers': 'X-Request-Id' }),
      declared: { readsResponseHeaders: ['X-Total-Count'] },
      params: { hidden: 'x-total-count', declared: 'yes' }, summaryIncludes: ['x-total-count'],
    },
    {
      name: 'GitHub-style pagination: Link and ETag hidden',
      entries: answer({ Link: '<https://api.example.com/v1/orders?page=3>; rel="next"', ETag: 'W/"a1b2"' }),
      params: { hidden: 'link, etag' },
    },
    {
      name: 'ACEH "*" with credentials is a literal name: X-Request-Id stays hidden',
      entries: answer({ 'X-Request-Id': 'b7e1c2', 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': '*' }, { Cookie: 'sid=1' }),
      params: { hidden: 'x-request-id' },
    },
  ],
});
