import rule from '../../../src/engine/rules/no-cors-redirect-mode.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { withoutOrigin } from './helpers.ts';

const APP = 'https://app.example.com';

ruleTester(rule, {
  valid: [
    {
      name: "no-cors with redirect 'follow' is an opaque response",
      entries: [withoutOrigin({ url: 'https://collector.example.net/hit?e=view', referer: `${APP}/`, error: 'net::ERR_ABORTED' })],
      declared: { mode: 'no-cors', redirect: 'follow' },
    },
    {
      name: "mode 'cors' with redirect 'manual' is allowed",
      entries: [simpleRequest({ url: 'https://api.example.com/v1/files/9', origin: APP, responseHeaders: { 'Access-Control-Allow-Origin': '*' } })],
      declared: { mode: 'cors', redirect: 'manual' },
    },
    {
      name: "no-cors + 'manual' to the page's own origin never reaches the cross-origin branch",
      entries: [withoutOrigin({ url: `${APP}/track`, referer: `${APP}/` })],
      declared: { mode: 'no-cors', redirect: 'manual' },
    },
  ],
  invalid: [
    {
      name: "beacon with mode 'no-cors' and redirect 'manual'",
      entries: [withoutOrigin({ url: 'https://collector.example.net/hit?e=view', referer: `${APP}/pricing`, status: 0, error: 'net::ERR_FAILED' })],
      declared: { mode: 'no-cors', redirect: 'manual' },
      chromiumError: 'NoCorsRedirectModeNotFollow', params: { redirectMode: 'manual' },
    },
    {
      name: "POST with mode 'no-cors' and redirect 'error'",
      entries: [simpleRequest({ url: 'https://forms.example.net/submit', method: 'POST', origin: APP, requestHeaders: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 0, error: 'net::ERR_FAILED' })],
      declared: { mode: 'no-cors', redirect: 'error' },
      chromiumError: 'NoCorsRedirectModeNotFollow', params: { redirectMode: 'error' }, summaryIncludes: ["redirect: 'follow'"],
    },
  ],
});
