/** Reference links, named once. */
export const MDN = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS';
export const mdnError = (reason: string) => `https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/${reason}`;
export const FETCH = {
  corsCheck: 'https://fetch.spec.whatwg.org/#cors-check',
  preflight: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  protocol: 'https://fetch.spec.whatwg.org/#http-cors-protocol',
  safelistedHeader: 'https://fetch.spec.whatwg.org/#cors-safelisted-request-header',
  safelistedResponse: 'https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name',
  redirect: 'https://fetch.spec.whatwg.org/#http-redirect-fetch',
  credentials: 'https://fetch.spec.whatwg.org/#concept-request-credentials-mode',
  mode: 'https://fetch.spec.whatwg.org/#concept-request-mode',
  methodNormalize: 'https://fetch.spec.whatwg.org/#concept-method-normalize',
};
export const MDN_PAGES = {
  credentials: 'https://developer.mozilla.org/en-US/docs/Web/API/RequestInit#credentials',
  mixedContent: 'https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content',
  csp: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/connect-src',
  sameSite: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#samesitesamesite-value',
  vary: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Vary',
  exposeHeaders: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Expose-Headers',
  maxAge: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Max-Age',
  allowHeaders: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Allow-Headers',
  noCors: 'https://developer.mozilla.org/en-US/docs/Web/API/RequestInit#mode',
  localNetwork: 'https://developer.chrome.com/blog/local-network-access',
};
