import rule from '../../../src/engine/rules/header-wildcard-with-credentials.ts';
import { preflightedRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { preflightFirst } from './helpers.ts';

const APP = 'https://app.example.com';
const URL = 'https://api.example.com/v1/cart/items';
const CREDENTIALED = { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': 'POST' };
const ok = { status: 201, responseHeaders: { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } };

ruleTester(rule, {
  valid: [
    {
      name: 'ACAH "*" without credentials covers content-type',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'POST', requestHeaders: ['Content-Type'], preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' }, actual: { status: 201, responseHeaders: { 'Access-Control-Allow-Origin': '*' } } }),
    },
    {
      name: 'credentials with every header listed by name',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'POST', credentials: true, requestHeaders: ['Content-Type', 'X-CSRF-Token'], preflightHeaders: { ...CREDENTIALED, 'Access-Control-Allow-Headers': 'Content-Type, X-CSRF-Token' }, actual: ok }),
    },
    {
      name: 'credentials, a named list that lacks x-csrf-token: header-not-allowed',
      entries: preflightFirst(preflightedRequest({ url: URL, origin: APP, method: 'POST', requestHeaders: ['Content-Type', 'X-CSRF-Token'], preflightHeaders: { ...CREDENTIALED, 'Access-Control-Allow-Headers': 'Content-Type' } })),
      declared: { credentials: 'include' },
    },
  ],
  invalid: [
    {
      name: "ACAH \"*\" with credentials: 'include' (declared): content-type is not covered",
      entries: preflightFirst(preflightedRequest({ url: URL, origin: APP, method: 'POST', requestHeaders: ['Content-Type'], preflightHeaders: { ...CREDENTIALED, 'Access-Control-Allow-Headers': '*' } })),
      declared: { credentials: 'include' },
      chromiumError: 'HeaderDisallowedByPreflightResponse', params: { header: 'content-type', allowHeaders: '*', credentialsMode: 'include' },
    },
    {
      name: 'ACAH "*" with ACAC true and a blocked request: credentials inferred; first missing name in sorted order',
      entries: preflightedRequest({ url: URL, origin: APP, method: 'POST', requestHeaders: ['X-CSRF-Token', 'Content-Type'], preflightHeaders: { ...CREDENTIALED, 'Access-Control-Allow-Headers': '*' } }),
      chromiumError: 'HeaderDisallowedByPreflightResponse', params: { header: 'content-type', credentialsMode: 'include', requestedHeaders: 'content-type, x-csrf-token' },
    },
  ],
});
