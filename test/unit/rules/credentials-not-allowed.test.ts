import rule from '../../../src/engine/rules/credentials-not-allowed.ts';
import { PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';
import { ruleTester } from '../../support/rule-tester.ts';
import { preflightFirst } from './helpers.ts';

const COOKIE = { Cookie: 'sessionid=q8v2l0; csrftoken=Zk3' };
const ECHO = { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' };

ruleTester(rule, {
  valid: [
    { name: 'cookie sent and ACAC "true"', entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { ...ECHO, 'Access-Control-Allow-Credentials': 'true' } })] },
    { name: 'no credentials, no ACAC', entries: [simpleRequest({ responseHeaders: ECHO })] },
    { name: 'cookie with ACAO "*": the wildcard check fails first', entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' }, blocked: true })] },
    { name: 'cookie with a mismatching ACAO: the origin check fails first', entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { 'Access-Control-Allow-Origin': 'http://localhost:8080' }, blocked: true })] },
    // A fetch the page aborted says nothing about credentials (SPAs cancel requests all the time).
    { name: 'no cookie, passing headers, aborted by the page (net::ERR_ABORTED)', entries: [simpleRequest({ responseHeaders: ECHO, error: 'net::ERR_ABORTED' })] },
    {
      name: 'preflighted, passing preflight, the request aborted before its response',
      entries: preflightFirst(preflightedRequest({ method: 'PUT', preflightHeaders: { ...ECHO, 'Access-Control-Allow-Methods': 'PUT' }, actual: { status: 0, error: 'net::ERR_ABORTED' } })),
    },
  ],
  invalid: [
    {
      // No cookie in the log, yet blocked as CORS blocks (net::ERR_FAILED): only credentials explain it.
      name: 'no cookie, ACAO echoes the origin, blocked with net::ERR_FAILED',
      entries: [simpleRequest({ responseHeaders: ECHO, blocked: true })],
      chromiumError: 'InvalidAllowCredentials', params: { credentialsMode: 'include' },
    },
    {
      name: 'cookie sent, ACAO echoes the origin, no ACAC at all',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: ECHO, blocked: true })],
      chromiumError: 'InvalidAllowCredentials', params: { allowCredentials: '', credentialsMode: 'include' },
    },
    {
      name: 'ACAC "True" (Python str(True))',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { ...ECHO, 'Access-Control-Allow-Credentials': 'True' }, blocked: true })],
      chromiumError: 'InvalidAllowCredentials', params: { allowCredentials: 'True' },
      summaryIncludes: ['Access-Control-Allow-Credentials: true'],
    },
    {
      name: "preflight without ACAC for credentials: 'include'",
      entries: preflightFirst(preflightedRequest({ method: 'PUT', requestHeaders: ['Content-Type'], preflightHeaders: { ...ECHO, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'content-type' } })),
      declared: { credentials: 'include' },
      chromiumError: 'PreflightInvalidAllowCredentials',
    },
    {
      name: 'ACAC "true" and a no-break space: not exactly "true"',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: { ...ECHO, 'Access-Control-Allow-Credentials': 'true\u00a0' }, blocked: true })],
      chromiumError: 'InvalidAllowCredentials',
    },
    {
      name: 'ACAC sent twice (app + proxy) reads "true, true"',
      entries: [simpleRequest({ requestHeaders: COOKIE, responseHeaders: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Credentials', 'true']], blocked: true })],
      chromiumError: 'InvalidAllowCredentials', params: { allowCredentials: 'true, true' },
    },
  ],
});
