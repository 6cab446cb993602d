import rule from '../../../src/engine/rules/redirect-contains-credentials.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { redirectHop } from './helpers.ts';

const APP = 'https://app.example.com';
const ALLOW = { 'Access-Control-Allow-Origin': APP, Vary: 'Origin' };

ruleTester(rule, {
  valid: [
    {
      name: 'redirect to a plain URL on another origin that allows "*"',
      entries: [
        redirectHop({ url: 'https://api.example.com/v1/reports/7', origin: APP, to: 'https://files.example.net/r/7.pdf', responseHeaders: ALLOW }),
        simpleRequest({ url: 'https://files.example.net/r/7.pdf', origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': '*' } }),
      ],
    },
    {
      name: 'user:password@ redirect, but the 302 itself has no ACAO: its CORS check fails first',
      entries: [redirectHop({ url: 'https://api.example.com/v1/reports/7', origin: APP, to: 'https://deploy:s3cret@files.example.net/r/7.pdf', error: 'net::ERR_FAILED' })],
    },
    {
      name: 'redirect to a custom scheme: cors-disabled-scheme',
      entries: [redirectHop({ url: 'https://auth.example.com/authorize', origin: APP, to: 'myapp://callback?code=1', responseHeaders: ALLOW, error: 'net::ERR_FAILED' })],
    },
  ],
  invalid: [
    {
      name: 'API redirects to a file server URL with basic-auth credentials in it',
      entries: [redirectHop({ url: 'https://api.example.com/v1/reports/7', origin: APP, to: 'https://deploy:s3cret@files.example.net/r/7.pdf', responseHeaders: ALLOW, error: 'net::ERR_FAILED' })],
      chromiumError: 'RedirectContainsCredentials', params: { location: 'https://deploy:s3cret@files.example.net/r/7.pdf', url: 'https://api.example.com/v1/reports/7' },
    },
    {
      name: 'registry 307 to a URL with only a user name (token@)',
      entries: [redirectHop({ url: 'https://registry.example.com/v2/app/blobs/sha256:ab12', origin: APP, status: 307, to: 'https://ghp_token@storage.example.net/blobs/ab12', responseHeaders: { 'Access-Control-Allow-Origin': '*' }, error: 'net::ERR_FAILED' })],
      chromiumError: 'RedirectContainsCredentials', summaryIncludes: ['https://ghp_token@storage.example.net/blobs/ab12'],
    },
  ],
});
