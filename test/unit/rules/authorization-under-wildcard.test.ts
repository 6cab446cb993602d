import rule from '../../../src/engine/rules/authorization-under-wildcard.ts';
import { preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { preflightFirst } from './helpers.ts';

const APP = 'https://app.example.com';
const URL = 'https://api.example.com/v1/me';
const ANY = { status: 200, responseHeaders: { 'Access-Control-Allow-Origin': '*' } };

ruleTester(rule, {
  valid: [
    {
      name: 'authorization listed by name',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'GET', requestHeaders: ['Authorization'], preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, content-type' }, actual: ANY }),
    },
    {
      name: 'ACAH "*" but no Authorization requested (X-Api-Key only)',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'GET', requestHeaders: ['X-Api-Key'], preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' }, actual: ANY }),
    },
    {
      name: 'ACAH "*, Authorization" names it explicitly',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'GET', requestHeaders: ['Authorization'], preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*, Authorization' }, actual: ANY }),
    },
    {
      name: 'with credentials "*" is no wildcard at all: blocked, so no warning',
      entries: preflightFirst(preflightedRequest({ url: URL, origin: APP, method: 'GET', requestHeaders: ['Authorization'], preflightHeaders: { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Headers': '*' } })),
      declared: { credentials: 'include' },
    },
  ],
  invalid: [
    {
      name: 'Bearer token allowed only by ACAH "*" (works in Chromium today)',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'GET', requestHeaders: ['Authorization'], preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' }, actual: ANY }),
      params: { requestedHeaders: 'authorization' },
    },
    {
      name: 'POST JSON with Authorization, ACAM and ACAH both "*"',
      entries: preflightedRequest({ url: 'https://api.example.com/v1/orders', origin: APP, method: 'POST', requestHeaders: ['Authorization', 'Content-Type'], preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Max-Age': '600' }, actual: { status: 201, responseHeaders: { 'Access-Control-Allow-Origin': '*' } } }),
      params: { requestedHeaders: 'authorization, content-type' }, summaryIncludes: ['fails per the standard'],
    },
  ],
});
