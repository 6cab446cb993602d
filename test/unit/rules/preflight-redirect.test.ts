import rule from '../../../src/engine/rules/preflight-redirect.ts';
import { preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { redirectHop, withStatusText } from './helpers.ts';

const PAGE = 'http://localhost:3000';
const CORS = { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'GET, PUT, DELETE', 'Access-Control-Allow-Headers': 'content-type' };

const preflight304 = (() => {
  const [actual, preflight] = preflightedRequest({ url: 'https://api.example.com/v1/items', method: 'PUT', requestHeaders: ['Content-Type'], preflightStatus: 304, preflightHeaders: CORS });
  return [actual!, withStatusText(preflight!, 'Not Modified')];
})();

ruleTester(rule, {
  valid: [
    {
      // The network stack follows a 3xx only with a Location: this one is a final answer, not ok.
      name: 'OPTIONS answered 300 without Location is not a redirect',
      entries: preflightedRequest({ method: 'PUT', preflightStatus: 300, preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'PUT' } }),
    },
    {
      name: 'OPTIONS answered 401 (no redirect) is a rejected preflight',
      entries: preflightedRequest({ url: 'https://api.example.com/v1/items', method: 'PUT', requestHeaders: ['Content-Type', 'Authorization'], preflightStatus: 401 }),
    },
    {
      name: 'a redirect of the actual simple GET (not the preflight), allowed on both hops',
      entries: [
        redirectHop({ url: 'https://api.example.com/v1/items', to: 'https://api.example.com/v1/items/', status: 301, responseHeaders: { 'Access-Control-Allow-Origin': PAGE } }),
        simpleRequest({ url: 'https://api.example.com/v1/items/', responseHeaders: { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' } }),
      ],
    },
    {
      name: 'OPTIONS 304 Not Modified is not a redirect: it fails the status check',
      entries: preflight304,
    },
  ],
  invalid: [
    {
      name: 'OPTIONS 301 http → https (the API forces TLS)',
      entries: preflightedRequest({
        url: 'http://api.example.com/v1/items', method: 'PUT', requestHeaders: ['Content-Type'],
        preflightRedirect: 'https://api.example.com/v1/items',
      }),
      chromiumError: 'PreflightDisallowedRedirect', params: { location: 'https://api.example.com/v1/items', preflightStatus: '301' },
    },
    {
      name: 'OPTIONS 307 trailing-slash redirect (FastAPI redirect_slashes)',
      entries: preflightedRequest({
        url: 'https://api.example.com/v1/items', method: 'POST', requestHeaders: ['Content-Type'],
        preflightStatus: 307, preflightRedirect: 'https://api.example.com/v1/items/', preflightHeaders: CORS,
      }),
      chromiumError: 'PreflightDisallowedRedirect', params: { location: 'https://api.example.com/v1/items/' },
    },
    {
      name: 'OPTIONS 302 to the SSO login page (auth gateway in front of the API)',
      entries: preflightedRequest({
        url: 'https://api.example.com/v1/items/3', method: 'DELETE',
        preflightStatus: 302, preflightRedirect: 'https://sso.example.com/login?next=%2Fv1%2Fitems%2F3',
      }),
      chromiumError: 'PreflightDisallowedRedirect', summaryIncludes: ['https://sso.example.com/login'],
    },
  ],
});
