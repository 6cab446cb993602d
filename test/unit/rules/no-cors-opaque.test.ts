import rule from '../../../src/engine/rules/no-cors-opaque.ts';
import { simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { withoutOrigin } from './helpers.ts';

const SHOP = 'https://shop.example.com';

ruleTester(rule, {
  valid: [
    {
      name: "no-cors with redirect 'manual' is refused outright (no-cors-redirect-mode)",
      entries: [withoutOrigin({ url: 'https://api.example.com/v1/products', referer: `${SHOP}/`, status: 0, error: 'net::ERR_FAILED' })],
      declared: { mode: 'no-cors', redirect: 'manual' },
    },
    {
      name: 'a CORS GET (Origin sent) blocked for a missing ACAO',
      entries: [simpleRequest({ url: 'https://api.example.com/v1/products', origin: SHOP, blocked: true })],
    },
    {
      name: 'same-origin GET without Origin',
      entries: [withoutOrigin({ url: `${SHOP}/api/products`, referer: `${SHOP}/` })],
    },
    {
      name: 'no Origin, but the connection was refused',
      entries: [withoutOrigin({ url: 'http://localhost:8080/api/products', referer: 'http://localhost:3000/', status: 0, error: 'net::ERR_CONNECTION_REFUSED' })],
    },
  ],
  invalid: [
    {
      name: "fetch(url, { mode: 'no-cors' }): no Origin, 200, body cut by ORB (ERR_ABORTED)",
      entries: [withoutOrigin({
        url: 'https://api.example.com/v1/products', referer: `${SHOP}/catalog`, status: 200, error: 'net::ERR_ABORTED',
        responseHeaders: { 'Content-Type': 'application/json' },
      })],
      chromiumError: null, params: { resourceType: 'fetch', url: 'https://api.example.com/v1/products' },
    },
    {
      name: "declared no-cors POST (Chrome still sends Origin on POST), 204 without CORS headers",
      entries: [simpleRequest({ url: 'https://collector.example.net/events', method: 'POST', origin: SHOP, requestHeaders: { 'Content-Type': 'text/plain;charset=UTF-8' }, status: 204 })],
      declared: { mode: 'no-cors' },
      chromiumError: null, params: { pageOrigin: SHOP },
    },
    {
      name: '<img> from another origin without crossorigin',
      entries: [withoutOrigin({ url: 'https://cdn.example.net/img/hero.webp', referer: `${SHOP}/`, resourceType: 'image', responseHeaders: { 'Content-Type': 'image/webp' } })],
      chromiumError: null, params: { resourceType: 'image' },
    },
  ],
});
