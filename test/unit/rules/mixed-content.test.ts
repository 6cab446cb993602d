import rule from '../../../src/engine/rules/mixed-content.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';

const SHOP = 'https://shop.example.com';
const ALLOWED = { 'Access-Control-Allow-Origin': SHOP, Vary: 'Origin' };

ruleTester(rule, {
  valid: [
    {
      name: 'https page → http://localhost:8080 (loopback is potentially trustworthy): a refused connection, not mixed content',
      entries: [simpleRequest({ url: 'http://localhost:8080/api/cart', origin: SHOP, status: 0, error: 'net::ERR_CONNECTION_REFUSED' })],
    },
    {
      name: 'http page → http API blocked for a missing ACAO is CORS',
      entries: [simpleRequest({ url: 'http://api.example.com/v1/cart', origin: 'http://shop.example.com', blocked: true })],
    },
    {
      name: 'https page → https API blocked for a missing ACAO is CORS',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/cart', origin: SHOP, blocked: true })],
    },
    {
      name: 'https page → http://192.168.1.20 (private IP literal): exempt from mixed content since Chrome 142, goes to the Local Network Access prompt',
      entries: [simpleRequest({ url: 'http://192.168.1.20/api/status', origin: SHOP, status: 0, error: 'net::ERR_FAILED' })],
    },
    {
      name: 'https page → https API that answered',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/cart', origin: SHOP, responseHeaders: ALLOWED })],
    },
  ],
  invalid: [
    {
      name: 'https shop → http://api.example.com, stopped before it was sent',
      entries: [simpleRequest({ url: 'http://api.example.com/v1/cart', origin: SHOP, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
      chromiumError: null, params: { httpsUrl: 'https://api.example.com/v1/cart', pageOrigin: SHOP },
    },
    {
      name: 'https app → http API on a non-default port (POST JSON, no preflight ever sent)',
      entries: [simpleRequest({
        url: 'http://api.example.com:8080/graphql', method: 'POST', origin: 'https://app.example.com',
        requestHeaders: { 'Content-Type': 'application/json' }, status: 0, error: 'net::ERR_FAILED',
      })],
      chromiumError: null, params: { httpsUrl: 'https://api.example.com:8080/graphql' }, summaryIncludes: ['mixed content'],
    },
  ],
});
