import rule from '../../../src/engine/rules/null-origin-allowed.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const API = 'https://api.example.com/v1/widgets';

ruleTester(rule, {
  valid: [
    { name: 'sandboxed iframe allowed by "*"', entries: [simpleRequest({ url: API, origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': '*' } })] },
    { name: '"null" for a real origin: blocked (mismatch), no warning', entries: [simpleRequest({ url: API, origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'null' }, blocked: true })] },
    { name: 'exact origin', entries: [simpleRequest({ url: API, origin: 'https://app.example.com', responseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com', Vary: 'Origin' } })] },
  ],
  invalid: [
    {
      name: 'sandboxed iframe (Origin: null) allowed by ACAO "null"',
      entries: [simpleRequest({ url: API, origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': 'null', Vary: 'Origin' } })],
      params: { url: API },
    },
    {
      name: 'page opened from file:// POSTs to the API, which allows "null"',
      entries: [simpleRequest({ url: 'http://localhost:8080/api/upload', method: 'POST', origin: 'null', requestHeaders: { 'Content-Type': 'text/plain' }, status: 201, responseHeaders: { 'Access-Control-Allow-Origin': 'null', Vary: 'Origin' } })],
      summaryIncludes: ['"null" origin'],
    },
  ],
});
