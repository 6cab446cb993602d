/**
 * Direct tables for the port of Chromium's checks (services/network/public/cpp/cors/cors.cc
 * CheckAccessInternal, services/network/cors/preflight_result.cc), and for the order in which
 * evaluateCors applies them.
 */
import { describe, expect, it } from 'vitest';
import {
  checkAccess, evaluateCors, firstDisallowedHeader, methodAllowed, originForHop,
} from '../../src/engine/chromium-cors.ts';
import { parseAllowList } from '../../src/engine/headers.ts';
import { normalizeHar } from '../../src/engine/normalize.ts';
import { pairTransactions } from '../../src/engine/pair.ts';
import type { CorsTransaction } from '../../src/engine/types.ts';
import { har, PAGE, preflightedRequest, simpleRequest } from '../support/har-builder.ts';
import { redirectHop, viaServiceWorker } from './rules/helpers.ts';

const APP = 'https://app.example.com';

describe('checkAccess (CheckAccessInternal)', () => {
  type Row = [name: string, allowOrigin: string | null, allowCredentials: string | null, credentials: boolean, origin: string, expected: string | null];
  const rows: Row[] = [
    ['exact origin', APP, null, false, APP, null],
    ['exact origin, credentials, ACAC "true"', APP, 'true', true, APP, null],
    ['ACAC ignored without credentials', APP, 'false', false, APP, null],
    ['"*" without credentials', '*', null, false, APP, null],
    ['"*" with credentials', '*', null, true, APP, 'WildcardOriginNotAllowed'],
    ['"*" with credentials, even with ACAC "true"', '*', 'true', true, APP, 'WildcardOriginNotAllowed'],
    ['"*" for an opaque origin', '*', null, false, 'null', null],
    ['absent', null, null, false, APP, 'MissingAllowOriginHeader'],
    ['absent, with credentials', null, 'true', true, APP, 'MissingAllowOriginHeader'],
    ['"null" matches an opaque origin', 'null', null, false, 'null', null],
    ['"null" for a real origin is a mismatch (valid value, wrong origin)', 'null', null, false, APP, 'AllowOriginMismatch'],
    ['comma list', 'https://app.example.com,https://admin.example.com', null, false, APP, 'MultipleAllowOriginValues'],
    ['comma-space list (header sent twice, joined)', `${APP}, ${APP}`, null, false, APP, 'MultipleAllowOriginValues'],
    ['space-separated list', 'https://app.example.com https://admin.example.com', null, false, APP, 'MultipleAllowOriginValues'],
    ['"*, *" (wildcard sent twice)', '*, *', null, false, APP, 'MultipleAllowOriginValues'],
    ['list checked before validity: "a.com,b.com"', 'a.example.com,b.example.com', null, false, APP, 'MultipleAllowOriginValues'],
    ['garbage: bare host', 'app.example.com', null, false, APP, 'InvalidAllowOriginValue'],
    ['garbage: empty string', '', null, false, APP, 'InvalidAllowOriginValue'],
    ['garbage: scheme without host', 'https://', null, false, APP, 'InvalidAllowOriginValue'],
    ['garbage: IP:port without scheme (GURL: scheme must start with a letter)', '127.0.0.1:3000', null, false, 'http://127.0.0.1:3000', 'InvalidAllowOriginValue'],
    ['"localhost:3000" parses as scheme "localhost": a mismatch, not invalid', 'localhost:3000', null, false, PAGE, 'AllowOriginMismatch'],
    ['trailing slash', `${APP}/`, null, false, APP, 'AllowOriginMismatch'],
    ['other port', 'http://localhost:3001', null, false, PAGE, 'AllowOriginMismatch'],
    ['other scheme', 'http://app.example.com', null, false, APP, 'AllowOriginMismatch'],
    ['upper case (byte-for-byte comparison)', 'HTTPS://APP.EXAMPLE.COM', null, false, APP, 'AllowOriginMismatch'],
    ['mismatch wins over a missing ACAC', 'https://admin.example.com', null, true, APP, 'AllowOriginMismatch'],
    ['credentials, no ACAC', APP, null, true, APP, 'InvalidAllowCredentials'],
    ['credentials, ACAC "TRUE" (case-sensitive)', APP, 'TRUE', true, APP, 'InvalidAllowCredentials'],
    ['credentials, ACAC "True"', APP, 'True', true, APP, 'InvalidAllowCredentials'],
    ['credentials, ACAC "1"', APP, '1', true, APP, 'InvalidAllowCredentials'],
    ['credentials, ACAC sent twice ("true, true")', APP, 'true, true', true, APP, 'InvalidAllowCredentials'],
    ['credentials, "null" for an opaque origin and ACAC "true"', 'null', 'true', true, 'null', null],
  ];
  it.each(rows)('%s', (_name, allowOrigin, allowCredentials, credentials, origin, expected) => {
    expect(checkAccess(allowOrigin, allowCredentials, credentials, origin)).toBe(expected);
  });
});

describe('parseAllowList (ParseAccessControlAllowList)', () => {
  const rows: [value: string | null, expected: string[] | null][] = [
    [null, []],
    ['', []],
    ['   ', []],
    ['GET', ['GET']],
    ['GET, POST, PUT', ['GET', 'POST', 'PUT']],
    ['GET,POST', ['GET', 'POST']],
    ['Content-Type, X-Requested-With', ['Content-Type', 'X-Requested-With']],
    ['x-api-key,\tauthorization', ['x-api-key', 'authorization']],
    ['*', ['*']],
    // Chromium's own unittest: {"GET, ", {"GET"}, kNoError}, {", GET, POST, ,", {"GET", "POST"}, kNoError}.
    ['GET, ', ['GET']],
    ['GET, POST, PUT,', ['GET', 'POST', 'PUT']],
    [', GET, POST, ,', ['GET', 'POST']],
    ['GET,,POST', ['GET', 'POST']],
    ['bad value', null],
    ['GET POST', null],
    ['GET; POST', null],
    ['["GET","PUT"]', null],
    ['"GET"', null],
    ['Content-Type: application/json', null],
    ['GET, PO ST', null],
  ];
  it.each(rows)('%j → %j', (value, expected) => {
    expect(parseAllowList(value)).toEqual(expected);
  });
});

describe('methodAllowed (EnsureAllowedCrossOriginMethod)', () => {
  const rows: [method: string, allowMethods: string[], credentials: boolean, expected: boolean][] = [
    ['GET', [], false, true],
    ['HEAD', [], true, true],
    ['POST', [], true, true],
    ['get', [], false, true],
    ['PUT', ['PUT'], false, true],
    ['PUT', ['GET', 'POST'], false, false],
    ['PUT', ['put'], false, false],
    ['PATCH', ['patch'], false, false],
    ['PATCH', ['Patch'], false, false],
    ['patch', ['PATCH'], false, false],
    ['patch', ['patch'], false, true],
    ['DELETE', ['*'], false, true],
    ['DELETE', ['*'], true, false],
    ['DELETE', ['*', 'DELETE'], true, true],
    ['PROPFIND', ['PROPFIND'], true, true],
    ['PUT', [], false, false],
  ];
  it.each(rows)('%s with [%s], credentials %s → %s', (method, allowMethods, credentials, expected) => {
    expect(methodAllowed(method, allowMethods, credentials)).toBe(expected);
  });
});

describe('firstDisallowedHeader (EnsureAllowedCrossOriginHeaders)', () => {
  const rows: [requested: string[], allowHeaders: string[], credentials: boolean, expected: string | null][] = [
    [[], [], false, null],
    [['content-type'], ['Content-Type'], false, null],
    [['content-type'], ['CONTENT-TYPE'], true, null],
    [['content-type'], [], false, 'content-type'],
    [['content-type', 'x-api-key'], ['content-type'], false, 'x-api-key'],
    [['x-request-id', 'authorization'], [], false, 'authorization'],
    [['x-b', 'x-a'], ['x-c'], false, 'x-a'],
    [['authorization'], ['*'], false, null],
    [['x-api-key', 'content-type'], ['*'], false, null],
    [['authorization'], ['*'], true, 'authorization'],
    [['content-type'], ['*'], true, 'content-type'],
    [['content-type'], ['*', 'content-type'], true, null],
  ];
  it.each(rows)('%j allowed by %j, credentials %s → %s', (requested, allowHeaders, credentials, expected) => {
    expect(firstDisallowedHeader(requested, allowHeaders, credentials)).toBe(expected);
  });
});

function transaction(entries: Record<string, unknown>[]): CorsTransaction {
  const transactions = pairTransactions(normalizeHar(har(entries)).exchanges);
  return transactions[transactions.length - 1]!;
}

describe('evaluateCors: order of the checks', () => {
  const preflight = (status: number, headers: Record<string, string>) =>
    transaction(preflightedRequest({ url: 'https://api.example.com/v1/orders/1', origin: APP, method: 'PUT', requestHeaders: ['Content-Type'], preflightStatus: status, preflightHeaders: headers }));

  it('OPTIONS 404 without CORS headers: the Allow-Origin check comes before the status', () => {
    expect(evaluateCors(preflight(404, {}), false)?.error).toBe('PreflightMissingAllowOriginHeader');
  });

  it('OPTIONS 404 with ACAO: then the status fails', () => {
    const failure = evaluateCors(preflight(404, { 'Access-Control-Allow-Origin': APP }), false);
    expect(failure).toMatchObject({ error: 'PreflightInvalidStatus', stage: 'preflight', failedParameter: '404' });
  });

  it('OPTIONS 401 with ACAO "*" and credentials: the wildcard fails before the status', () => {
    expect(evaluateCors(preflight(401, { 'Access-Control-Allow-Origin': '*' }), true)?.error).toBe('PreflightWildcardOriginNotAllowed');
  });

  it('OPTIONS 200 whose ACAM and ACAH are both broken: methods are parsed first', () => {
    const tx = preflight(200, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'GET PUT', 'Access-Control-Allow-Headers': 'a b' });
    expect(evaluateCors(tx, false)).toMatchObject({ error: 'InvalidAllowMethodsPreflightResponse', failedParameter: 'GET PUT' });
  });

  it('a method that is not allowed is reported before a header that is not allowed', () => {
    const tx = preflight(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'GET' });
    expect(evaluateCors(tx, false)).toMatchObject({ error: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
  });

  it('a redirected preflight fails as a redirect, whatever its headers', () => {
    const tx = transaction(preflightedRequest({ origin: APP, method: 'DELETE', preflightRedirect: 'https://api.example.com/login', preflightHeaders: { 'Access-Control-Allow-Origin': APP } }));
    expect(evaluateCors(tx, false)?.error).toBe('PreflightDisallowedRedirect');
  });

  it('a preflight the log holds no response for (status 0, no headers) failed no CORS check', () => {
    // What DevTools sometimes hands a listener under load: the entry before its response.
    expect(evaluateCors(preflight(0, {}), false)).toBeNull();
    // Firefox records a refused preflight with status 0 but keeps its headers: those are judged.
    expect(evaluateCors(preflight(0, { 'Access-Control-Allow-Origin': 'https://other.example' }), false)?.error).toBe('PreflightAllowOriginMismatch');
  });

  it('the actual response status is never checked: a 500 without ACAO is a missing header', () => {
    const tx = transaction([simpleRequest({ status: 500, blocked: true })]);
    expect(evaluateCors(tx, false)).toMatchObject({ error: 'MissingAllowOriginHeader', stage: 'actual' });
  });

  it('a 500 with ACAO passes', () => {
    expect(evaluateCors(transaction([simpleRequest({ status: 500, responseHeaders: { 'Access-Control-Allow-Origin': PAGE } })]), false)).toBeNull();
  });

  it('a redirect hop is checked before its Location', () => {
    const tx = transaction([redirectHop({ url: 'https://api.example.com/r', origin: APP, to: 'https://u:p@files.example.net/x', error: 'net::ERR_FAILED' })]);
    expect(evaluateCors(tx, false)?.error).toBe('MissingAllowOriginHeader');
    const allowed = transaction([redirectHop({ url: 'https://api.example.com/r', origin: APP, to: 'https://u:p@files.example.net/x', responseHeaders: { 'Access-Control-Allow-Origin': APP }, error: 'net::ERR_FAILED' })]);
    expect(evaluateCors(allowed, false)).toMatchObject({ error: 'RedirectContainsCredentials', stage: 'redirect' });
  });

  it('after a cross-origin redirect the next hop is compared with "null"', () => {
    const tx = transaction([
      redirectHop({ url: 'https://api.example.com/dl', origin: null, to: 'https://cdn.example.net/f', responseHeaders: { 'Access-Control-Allow-Origin': APP } }),
      simpleRequest({ url: 'https://cdn.example.net/f', origin: 'null', responseHeaders: { 'Access-Control-Allow-Origin': APP }, blocked: true }),
    ]);
    expect(originForHop(tx, 1)).toBe('null');
    expect(evaluateCors(tx, false)).toMatchObject({ error: 'AllowOriginMismatch', comparedOrigin: 'null' });
  });

  it('a request to a non-http(s) URL fails in the renderer', () => {
    expect(evaluateCors(transaction([simpleRequest({ url: 'file:///tmp/data.json', origin: 'null', status: 0, error: 'net::ERR_FAILED' })]), false))
      .toMatchObject({ error: 'CorsDisabledScheme', stage: 'renderer' });
  });

  it('mode same-origin to another origin fails before anything else', () => {
    const tx = transaction([simpleRequest({ blocked: true })]);
    tx.actualRequest.declared = { mode: 'same-origin' };
    expect(evaluateCors(tx, false)?.error).toBe('DisallowedByMode');
  });

  it('no-cors: redirect other than follow fails; otherwise no CORS check', () => {
    const tx = transaction([simpleRequest({ blocked: true })]);
    tx.actualRequest.declared = { mode: 'no-cors', redirect: 'manual' };
    expect(evaluateCors(tx, false)?.error).toBe('NoCorsRedirectModeNotFollow');
    tx.actualRequest.declared = { mode: 'no-cors' };
    expect(evaluateCors(tx, false)).toBeNull();
  });

  it('a response that never arrived (status 0) is not checked', () => {
    expect(evaluateCors(transaction([simpleRequest({ status: 0, error: 'net::ERR_FAILED' })]), true)).toBeNull();
  });

  it('status 0 answered by a service worker is an InvalidResponse', () => {
    expect(evaluateCors(transaction([viaServiceWorker(simpleRequest({ status: 0, error: 'net::ERR_FAILED' }))]), false)?.error).toBe('InvalidResponse');
  });

  it('public page → private address with no answer: LocalNetworkAccessPermissionDenied', () => {
    const tx = transaction([simpleRequest({ url: 'http://192.168.1.20/api', origin: APP, status: 0, error: 'net::ERR_FAILED' })]);
    expect(evaluateCors(tx, false)?.error).toBe('LocalNetworkAccessPermissionDenied');
  });

  it('… but not when the connection itself failed, nor from local to loopback', () => {
    expect(evaluateCors(transaction([simpleRequest({ url: 'http://192.168.1.20/api', origin: APP, status: 0, error: 'net::ERR_CONNECTION_REFUSED' })]), false)).toBeNull();
    expect(evaluateCors(transaction([simpleRequest({ url: 'http://localhost:8080/api', origin: 'http://10.0.0.7:3000', status: 0, error: 'net::ERR_FAILED' })]), false)).toBeNull();
  });
});
