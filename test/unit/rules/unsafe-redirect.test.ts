import rule from '../../../src/engine/rules/unsafe-redirect.ts';
import { PAGE, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { redirectHop } from './helpers.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      name: 'redirect to https with user:password@ is a CORS error (redirect-contains-credentials)',
      entries: [redirectHop({
        url: 'https://api.example.com/v1/reports/7', origin: APP, to: 'https://deploy:s3cret@files.example.net/r/7.pdf',
        responseHeaders: { 'Access-Control-Allow-Origin': APP }, error: 'net::ERR_FAILED',
      })],
    },
    { name: 'plain blocked GET', entries: [simpleRequest({ blocked: true })] },
  ],
  invalid: [
    {
      // As recorded in test/fixtures/chromium/redirect-to-data-url.har: one 302 entry carrying the error.
      name: '302 to a data: URL',
      entries: [redirectHop({
        url: 'http://127.0.0.1:4000/export', origin: PAGE, to: 'data:text/plain,hello',
        responseHeaders: { 'Access-Control-Allow-Origin': PAGE }, error: 'net::ERR_UNSAFE_REDIRECT',
      })],
      chromiumError: null, params: { location: 'data:text/plain,hello' },
    },
    {
      name: "OAuth authorize endpoint redirects fetch() to the app's custom scheme",
      entries: [redirectHop({
        url: 'https://auth.example.com/oauth/authorize?client_id=mobile', origin: APP,
        to: 'com.example.app://oauth/callback?code=Xy12', responseHeaders: { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' },
        error: 'net::ERR_UNSAFE_REDIRECT',
      })],
      chromiumError: null, summaryIncludes: ['com.example.app://oauth/callback'],
    },
  ],
});
