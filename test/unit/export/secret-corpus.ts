/**
 * HAR entries seeded with a distinct secret in every place a secret hides in real traffic:
 * cookies (header and HAR `cookies` arrays), Set-Cookie, Authorization, Proxy-Authorization, API-key
 * and token headers, tokens in query strings and fragments (and the decoded `queryString` array),
 * URL passwords, Referer and Location URLs, request and response bodies, the initiator's URLs and
 * the page's URL. Shaped like Chromium's getHAR() output (test/fixtures/chromium).
 *
 * Every secret value starts with "Sx" and ends with "9Qz" so a leak is unambiguous.
 */
export const PAGE = 'http://localhost:3000';
export const API = 'http://127.0.0.1:4000';

const s = (tag: string) => `Sx${tag}9Qz`;

/** Every seeded secret, by where it was put. */
export const SECRETS = {
  urlPassword: s('UrlPassw0rd'),
  queryAccessToken: s('QsAccessToken'),
  queryToken: s('QsToken'),
  queryKey: s('QsKey'),
  querySignature: s('QsSignature'),
  queryAmzSignature: s('QsAmzSig'),
  fragmentIdToken: s('FragIdToken'),
  cookieSid: s('CookieSid'),
  cookieCsrf: s('CookieCsrf'),
  bearer: s('BearerJwt.eyJ.sig'),
  proxyBasic: s('ProxyBasic'),
  apiKey: s('ApiKeyHeader'),
  authToken: s('XAuthToken'),
  csrfHeader: s('CsrfHeader'),
  refererCode: s('RefererCode'),
  setCookieSession: s('SetCookieSession'),
  responseToken: s('RespRefreshToken'),
  requestBody: s('ReqBodyPassword'),
  responseBody: s('RespBodySecret'),
  initiatorKey: s('InitiatorKey'),
  stackToken: s('StackToken'),
  pageSession: s('PageSession'),
  preflightBasic: s('BasicOnActual'),
  preflightApiKey: s('ApiKeyOnActual'),
  redirectPassword: s('RedirectPassw0rd'),
  redirectSig: s('RedirectSig'),
  locationToken: s('LocationToken'),
} as const;

type Entry = Record<string, unknown>;

function base(at: string, method: string, url: string, opts: {
  resourceType?: string; initiator?: unknown; requestHeaders: [string, string][]; status: number;
  responseHeaders: [string, string][]; error?: string | null; redirectURL?: string; pageref?: string;
  requestCookies?: [string, string][]; responseCookies?: [string, string][]; queryString?: [string, string][];
  postData?: unknown; contentText?: string;
}): Entry {
  return {
    startedDateTime: at,
    time: 5,
    _resourceType: opts.resourceType ?? 'fetch',
    _initiator: opts.initiator ?? { type: 'script' },
    ...(opts.pageref ? { pageref: opts.pageref } : {}),
    request: {
      method, url, httpVersion: 'HTTP/1.1',
      headers: opts.requestHeaders.map(([name, value]) => ({ name, value })),
      queryString: (opts.queryString ?? []).map(([name, value]) => ({ name, value })),
      cookies: (opts.requestCookies ?? []).map(([name, value]) => ({ name, value })),
      headersSize: -1, bodySize: 0,
      ...(opts.postData ? { postData: opts.postData } : {}),
    },
    response: {
      status: opts.status, statusText: opts.status === 0 ? '' : 'OK', httpVersion: 'HTTP/1.1',
      headers: opts.responseHeaders.map(([name, value]) => ({ name, value })),
      cookies: (opts.responseCookies ?? []).map(([name, value]) => ({ name, value })),
      content: { size: 10, mimeType: 'application/json', ...(opts.contentText !== undefined ? { text: opts.contentText } : {}) },
      redirectURL: opts.redirectURL ?? '', headersSize: -1, bodySize: 0, _transferSize: 0, _error: opts.error ?? null,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 1 },
  };
}

/** A HAR document with three blocked transactions carrying every secret above. */
export function secretCorpusHar(): { log: { version: string; creator: unknown; pages: unknown[]; entries: Entry[] } } {
  const S = SECRETS;
  const credentialed = base('2026-11-23T10:00:00.000Z', 'GET',
    `http://lab:${S.urlPassword}@127.0.0.1:4000/data?access_token=${S.queryAccessToken}&token=${S.queryToken}&key=${S.queryKey}`
      + `&signature=${S.querySignature}&X-Amz-Signature=${S.queryAmzSignature}&page=2#id_token=${S.fragmentIdToken}`, {
      pageref: 'page_1',
      initiator: {
        type: 'script', url: `${PAGE}/app.js?key=${S.initiatorKey}`,
        stack: { callFrames: [{ functionName: 'load', url: `${PAGE}/app.js?token=${S.stackToken}`, lineNumber: 1, columnNumber: 2 }] },
      },
      requestHeaders: [
        ['Origin', PAGE],
        ['Cookie', `sid=${S.cookieSid}; csrftoken=${S.cookieCsrf}`],
        ['Authorization', `Bearer ${S.bearer}`],
        ['Proxy-Authorization', `Basic ${S.proxyBasic}`],
        ['X-API-Key', S.apiKey],
        ['X-Auth-Token', S.authToken],
        ['X-CSRF-Token', S.csrfHeader],
        ['Referer', `${PAGE}/callback?code=${S.refererCode}&state=ok`],
      ],
      requestCookies: [['sid', S.cookieSid], ['csrftoken', S.cookieCsrf]],
      queryString: [['access_token', S.queryAccessToken], ['token', S.queryToken], ['key', S.queryKey], ['signature', S.querySignature],
        ['X-Amz-Signature', S.queryAmzSignature], ['page', '2']],
      postData: { mimeType: 'application/json', text: `{"password":"${S.requestBody}"}`, params: [{ name: 'password', value: S.requestBody }] },
      status: 200,
      responseHeaders: [
        ['Access-Control-Allow-Origin', '*'],
        ['Set-Cookie', `session=${S.setCookieSession}; Path=/; SameSite=None; Secure`],
        ['X-Refresh-Token', S.responseToken],
      ],
      responseCookies: [['session', S.setCookieSession]],
      contentText: `{"secret":"${S.responseBody}"}`,
      error: 'net::ERR_FAILED',
    });

  // A preflighted PUT whose preflight does not allow Authorization: the actual request never goes out.
  const actual = base('2026-11-23T10:00:01.000Z', 'PUT', `${API}/items/1`, {
    requestHeaders: [['Origin', PAGE], ['Authorization', `Basic ${S.preflightBasic}`], ['X-Api-Key', S.preflightApiKey], ['Content-Type', 'application/json']],
    status: 0, responseHeaders: [], error: 'net::ERR_FAILED',
  });
  const preflight = base('2026-11-23T10:00:01.005Z', 'OPTIONS', `${API}/items/1`, {
    resourceType: 'preflight', initiator: { type: 'preflight', url: `${API}/items/1` },
    requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'authorization,content-type,x-api-key']],
    status: 204, responseHeaders: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type']],
  });

  // A redirect to a URL with user:password@ (and a signed query) in its Location.
  const location = `http://u:${S.redirectPassword}@127.0.0.1:4000/final?sig=${S.redirectSig}`;
  const hop = base('2026-11-23T10:00:02.000Z', 'GET', `${API}/start?access_token=${S.locationToken}`, {
    requestHeaders: [['Origin', PAGE]], status: 302,
    responseHeaders: [['Location', location], ['Access-Control-Allow-Origin', PAGE]], redirectURL: location,
  });
  const final = base('2026-11-23T10:00:02.010Z', 'GET', location, {
    requestHeaders: [['Origin', PAGE]], status: 0, responseHeaders: [], error: 'net::ERR_FAILED',
  });

  return {
    log: {
      version: '1.2', creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: '2026-11-23T09:59:59.000Z', id: 'page_1', title: `${PAGE}/callback?session=${S.pageSession}`, pageTimings: {} }],
      entries: [credentialed, actual, preflight, hop, final],
    },
  };
}
