import rule from '../../../src/engine/rules/vary-origin-missing.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const APP = 'https://app.example.com';
const API = 'https://api.example.com/v1/catalog';
const ok = (headers: Record<string, string>) => [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': APP, 'Cache-Control': 'public, max-age=300', ...headers } })];

ruleTester(rule, {
  valid: [
    { name: 'Vary: Origin', entries: ok({ Vary: 'Origin' }) },
    { name: 'Vary: Accept-Encoding, Origin', entries: ok({ Vary: 'Accept-Encoding, Origin' }) },
    { name: 'Vary: *', entries: ok({ Vary: '*' }) },
    { name: 'ACAO "*" does not depend on the request', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': '*' } })] },
    { name: 'blocked response: no warning on a failure', entries: [simpleRequest({ url: API, origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': 'https://admin.example.com' }, blocked: true })] },
  ],
  invalid: [
    { name: 'echoed origin, cacheable for 5 minutes, no Vary', entries: ok({}), params: { allowOrigin: APP } },
    { name: 'Vary: Accept-Encoding only (CDN default)', entries: ok({ Vary: 'Accept-Encoding' }), summaryIncludes: ['Vary: Origin'] },
  ],
});
