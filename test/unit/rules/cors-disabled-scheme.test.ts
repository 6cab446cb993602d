import rule from '../../../src/engine/rules/cors-disabled-scheme.ts';
import { PAGE, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { redirectHop } from './helpers.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      // Measured in Chromium 156: the network layer refuses it (ERR_UNSAFE_REDIRECT), no CorsError.
      name: 'redirect to data: is refused before CORS (unsafe-redirect)',
      entries: [redirectHop({
        url: 'https://api.example.com/v1/export', origin: APP, to: 'data:,x',
        responseHeaders: { 'Access-Control-Allow-Origin': APP }, error: 'net::ERR_UNSAFE_REDIRECT',
      })],
    },
    {
      name: 'https API without ACAO is a missing header, not a scheme problem',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/report.csv', origin: APP, blocked: true })],
    },
    {
      name: 'redirect to an https URL carrying user:password@ (redirect-contains-credentials)',
      entries: [redirectHop({
        url: 'https://api.example.com/v1/reports/7', origin: APP, to: 'https://deploy:s3cret@files.example.net/r/7.pdf',
        responseHeaders: { 'Access-Control-Allow-Origin': APP }, error: 'net::ERR_FAILED',
      })],
    },
    {
      name: 'redirect from the API to an https CDN that allows every origin',
      entries: [
        redirectHop({ url: 'https://api.example.com/v1/avatar/5', origin: APP, to: 'https://cdn.example.net/a/5.png', responseHeaders: { 'Access-Control-Allow-Origin': '*' } }),
        simpleRequest({ url: 'https://cdn.example.net/a/5.png', origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': '*' } }),
      ],
    },
  ],
  invalid: [
    {
      name: 'page opened from file:// fetching data.json next to it (origin "null")',
      entries: [simpleRequest({ url: 'file:///Users/dev/site/data.json', origin: 'null', status: 0, error: 'net::ERR_FAILED' })],
      chromiumError: 'CorsDisabledScheme', params: { target: 'file:///Users/dev/site/data.json', via: 'a request to' },
    },
    {
      name: 'fetch() of an ftp:// URL',
      entries: [simpleRequest({ url: 'ftp://files.example.com/reports/q3.csv', origin: PAGE, status: 0, error: 'net::ERR_FAILED' })],
      chromiumError: 'CorsDisabledScheme', params: { target: 'ftp://files.example.com/reports/q3.csv' },
    },
  ],
});
