import rule from '../../../src/engine/rules/cors-ok.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { withStatusText } from './helpers.ts';

const ECHO = { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' };

ruleTester(rule, {
  valid: [
    { name: 'blocked for a missing ACAO', entries: [simpleRequest({ blocked: true })] },
    { name: 'allowed, but the echoed origin lacks Vary: the warning is the headline', entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': PAGE } })] },
    { name: 'same-origin request', entries: [simpleRequest({ url: `${PAGE}/api/me`, origin: PAGE })] },
  ],
  invalid: [
    {
      name: 'simple GET, exact origin with Vary: Origin',
      entries: [simpleRequest({ responseHeaders: ECHO })],
      params: { preflight: 'not-needed', allowOrigin: PAGE }, summaryIncludes: [`permits ${PAGE}`],
    },
    {
      name: 'PUT after a 204 preflight',
      entries: preflightedRequest({ method: 'PUT', requestHeaders: ['Content-Type'], preflightHeaders: { ...ECHO, 'Access-Control-Allow-Methods': 'GET, PUT', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }, actual: { responseHeaders: ECHO } }),
      params: { preflight: 'sent', method: 'PUT' }, summaryIncludes: ['after a successful preflight'],
    },
    {
      name: 'PUT JSON whose preflight was served from the preflight cache (no OPTIONS in the log)',
      entries: [simpleRequest({ method: 'PUT', requestHeaders: { 'Content-Type': 'application/json' }, responseHeaders: ECHO })],
      params: { preflight: 'not-in-log' }, summaryIncludes: ["preflight cache"],
    },
    {
      name: 'a 404 with CORS headers is still allowed by CORS (the page reads the 404)',
      entries: [withStatusText(simpleRequest({ url: 'http://127.0.0.1:4000/api/users/999', status: 404, responseHeaders: { 'Access-Control-Allow-Origin': '*' } }), 'Not Found')],
      params: { status: '404', allowOrigin: '*' },
    },
  ],
});
