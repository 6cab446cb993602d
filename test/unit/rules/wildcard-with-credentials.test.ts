import rule from '../../../src/engine/rules/wildcard-with-credentials.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { preflightFirst } from './helpers.ts';

const COOKIE = { Cookie: 'session=8f2c1e9a; theme=dark' };

ruleTester(rule, {
  valid: [
    {
      name: 'ACAO "*" without credentials',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': '*' } })],
    },
    {
      name: 'cookie sent, exact origin and ACAC true',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } })],
    },
    {
      name: 'cookie sent, exact origin, no ACAC: a credentials problem, not the wildcard',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': PAGE }, blocked: true })],
    },
    {
      name: 'ACAO "*" sent twice (app + proxy) with a cookie: reads as "*, *", several values',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Origin', '*']], blocked: true })],
    },
    {
      name: "declared credentials 'omit' with ACAO \"*\"",
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': '*' } })],
      declared: { credentials: 'omit' },
    },
  ],
  invalid: [
    {
      name: 'ACAO "*" on a request that carried cookies',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': '*' }, blocked: true })],
      chromiumError: 'WildcardOriginNotAllowed', params: { origin: PAGE, credentialsMode: 'include' },
    },
    {
      name: 'ACAO "*" plus ACAC true does not help',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' }, blocked: true })],
      chromiumError: 'WildcardOriginNotAllowed',
    },
    {
      name: "preflight answered ACAO \"*\" for a DELETE sent with credentials: 'include'",
      entries: preflightFirst(preflightedRequest({ method: 'DELETE', preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'DELETE' } })),
      declared: { credentials: 'include' },
      chromiumError: 'PreflightWildcardOriginNotAllowed',
    },
    {
      name: 'no cookie in the log (axios withCredentials, cookie blocked), "*" yet blocked: credentials inferred from the outcome',
      entries: [simpleRequest({ responseHeaders: { 'Access-Control-Allow-Origin': '*' }, blocked: true })],
      chromiumError: 'WildcardOriginNotAllowed', params: { credentialsMode: 'include' },
    },
  ],
});
