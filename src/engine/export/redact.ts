/**
 * Redaction for every export (Markdown, JSON, HAR, curl), in the panel and the CLI alike. The HAR
 * that DevTools hands an extension is not sanitized, so this is the only line of defence between
 * a user's cookies and a public bug tracker.
 *
 * Two layers:
 * 1. Structural: secret headers (Cookie, Set-Cookie, Authorization, API keys, tokens…) keep their
 *    name and shape but lose their value (`sid=REDACTED`, `Bearer REDACTED`), secret query and
 *    fragment parameters and URL passwords are replaced, bodies are dropped. Cookie names and
 *    Set-Cookie attributes stay: the cookie diagnoses rest on them.
 * 2. A net: every secret value seen in the captured traffic is collected, and any string of the
 *    export that still contains one (an explanation quoting a header, an initiator URL, a field we
 *    did not know about) has it replaced. Values shorter than MIN_NET_LENGTH are left to layer 1,
 *    so that a cookie "1" does not blank every "1" in the report.
 */
import type { CorsTransaction, Diagnosis, Evidence, Exchange, Finding, Header } from '../types.ts';

export const REDACTED = 'REDACTED';

export interface RedactOptions {
  /** Keep every secret and body as captured (the panel's toggle, the CLI's --include-secrets). */
  includeSecrets?: boolean;
}

/** Shortest secret the net (layer 2) looks for anywhere in the output. */
export const MIN_NET_LENGTH = 6;

const SECRET_HEADER_EXACT = new Set([
  'cookie', 'cookie2', 'set-cookie', 'set-cookie2', 'authorization', 'proxy-authorization',
  'x-api-key', 'api-key', 'apikey', 'x-amz-security-token', 'x-goog-api-key', 'ocp-apim-subscription-key',
  'x-functions-key', 'x-csrf-token', 'x-xsrf-token', 'x-auth-token', 'x-access-token', 'private-token',
]);
/** Words that make a header or parameter name look like it carries a credential. */
const SECRET_NAME_WORDS = /token|key|secret|passw|pwd|auth|session|sig|credential|csrf|xsrf|jwt|bearer|cookie|ticket|oidc|saml/i;
/** Parameters whose exact name is a credential although no word above says so (OAuth's code). */
const SECRET_PARAM_EXACT = new Set(['code', 'sid', 'pass', 'pw', 'hash', 'otp', 'nonce']);
/**
 * Headers that name other headers or policies, never credentials: `Access-Control-Allow-Credentials`
 * and `Access-Control-Request-Headers: authorization` must stay readable, they are the diagnosis.
 */
const NEVER_SECRET_HEADER = /^(access-control-|sec-fetch-|sec-ch-|vary$|www-authenticate$|proxy-authenticate$|cross-origin-|timing-allow-origin$)/i;

export function isSecretHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (NEVER_SECRET_HEADER.test(lower)) return false;
  return SECRET_HEADER_EXACT.has(lower) || SECRET_NAME_WORDS.test(lower);
}

export function isSecretParamName(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch { /* a malformed escape: judge the raw name */ }
  const lower = decoded.trim().toLowerCase();
  return SECRET_PARAM_EXACT.has(lower) || SECRET_NAME_WORDS.test(lower);
}

/** `a=1; sid=xyz` → `a=REDACTED; sid=REDACTED` (names kept: cookie diagnoses quote them). */
function redactCookiePairs(value: string): string {
  return value.split(';').map((part) => {
    const eq = part.indexOf('=');
    if (eq === -1) return part.trim() === '' ? part : part.replace(/\S.*\S|\S/, REDACTED);
    return `${part.slice(0, eq + 1)}${REDACTED}`;
  }).join(';');
}

/** `sid=xyz; Path=/; SameSite=None; Secure` → `sid=REDACTED; Path=/; SameSite=None; Secure`. */
function redactSetCookie(value: string): string {
  return value.split('\n').map((line) => {
    const semicolon = line.indexOf(';');
    const pair = semicolon === -1 ? line : line.slice(0, semicolon);
    const attributes = semicolon === -1 ? '' : line.slice(semicolon);
    const eq = pair.indexOf('=');
    return `${eq === -1 ? REDACTED : `${pair.slice(0, eq + 1)}${REDACTED}`}${attributes}`;
  }).join('\n');
}

/** `Bearer abc` → `Bearer REDACTED`: the scheme says how the client authenticates, not who. */
function redactCredentials(value: string): string {
  const match = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s+\S/.exec(value);
  return match ? `${match[1]} ${REDACTED}` : REDACTED;
}

/** The value to export for a header. Non-secret headers still lose tokens in URLs they quote. */
export function redactHeaderValue(name: string, value: string): string {
  if (value === '') return value;
  const lower = name.trim().toLowerCase();
  if (!isSecretHeaderName(lower)) return redactText(value);
  if (lower === 'cookie' || lower === 'cookie2') return redactCookiePairs(value);
  if (lower === 'set-cookie' || lower === 'set-cookie2') return redactSetCookie(value);
  if (lower === 'authorization' || lower === 'proxy-authorization') return redactCredentials(value);
  return REDACTED;
}

export function redactHeaders(headers: readonly Header[]): Header[] {
  return headers.map((h) => ({ name: h.name, value: redactHeaderValue(h.name, h.value) }));
}

// `?token=…`, `&sig=…`, `#access_token=…`: a parameter after a URL delimiter. The value ends at
// the next delimiter, white space, quote or angle bracket (so `<…?key=x>` in a Link header works).
const PARAM = /([?&#;])([^=&#?\s"'<>]+)=([^&#\s"'<>]*)/g;
// `scheme://user:password@host`: the password goes, the user name stays (it says which account).
const USERINFO = /(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#@:"'<>]*):([^\s/?#@"'<>]+)@/g;

/**
 * Credentials recognizable by their shape wherever they appear, whatever the header or parameter
 * is called (as secret scanners do): JWTs, AWS access key ids, GitHub, GitLab, Slack and Stripe
 * tokens. None of them is ever part of what CORS checks.
 */
const KNOWN_TOKEN_SOURCE = [
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/, // JWT (header.payload.signature)
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/, // GitHub
  /\bglpat-[A-Za-z0-9_-]{20,}/, // GitLab
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/, // Stripe
].map((r) => r.source).join('|');
const KNOWN_TOKEN = new RegExp(KNOWN_TOKEN_SOURCE);
const KNOWN_TOKEN_ALL = new RegExp(KNOWN_TOKEN_SOURCE, 'g');

/**
 * Secret parameters, URL passwords and recognizable tokens inside any text: a URL, a Referer, a
 * Location, an explanation that quotes one. Everything else is left exactly as it was.
 */
export function redactText(text: string): string {
  const tokensGone = KNOWN_TOKEN.test(text) ? text.replace(KNOWN_TOKEN_ALL, REDACTED) : text;
  if (!tokensGone.includes('=') && !tokensGone.includes('@')) return tokensGone;
  return tokensGone
    .replace(USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
    .replace(PARAM, (match, delimiter: string, name: string, value: string) =>
      (value !== '' && value !== REDACTED && isSecretParamName(name) ? `${delimiter}${name}=${REDACTED}` : match));
}

export const redactUrl = redactText;

export function redactExchange(exchange: Exchange): Exchange {
  return {
    ...exchange,
    url: redactUrl(exchange.url),
    redirectURL: redactUrl(exchange.redirectURL),
    pageUrl: exchange.pageUrl === null ? null : redactUrl(exchange.pageUrl),
    requestHeaders: redactHeaders(exchange.requestHeaders),
    responseHeaders: redactHeaders(exchange.responseHeaders),
  };
}

export function redactTransaction(tx: CorsTransaction): CorsTransaction {
  return {
    ...tx,
    actualRequest: redactExchange(tx.actualRequest),
    redirectHops: tx.redirectHops.map(redactExchange),
    preflight: tx.preflight ? redactExchange(tx.preflight) : null,
  };
}

/** Evidence labels that are facts of the engine's, not header names (`credentials: include`). */
const NOT_A_HEADER = new Set(['credentials', 'status', 'error', 'url', 'mode', 'redirect', 'method']);

const ENGINE_NOTE = /^\((cookies sent|absent|none)\)$/;

function redactEvidence(evidence: Evidence): Evidence {
  // "(cookies sent)": the engine's own words standing in for a value it chose not to quote.
  if (evidence.value === null || ENGINE_NOTE.test(evidence.value)) return evidence;
  const value = NOT_A_HEADER.has(evidence.label) ? redactText(evidence.value) : redactHeaderValue(evidence.label, evidence.value);
  return { ...evidence, value };
}

function redactFinding(finding: Finding): Finding {
  return {
    ...finding,
    evidence: finding.evidence.map(redactEvidence),
    params: Object.fromEntries(Object.entries(finding.params).map(([k, v]) => [k, redactText(v)])),
    inferences: finding.inferences.map(redactText),
    fix: finding.fix ? { ...finding.fix, path: redactText(finding.fix.path), notes: finding.fix.notes.map(redactText) } : null,
  };
}

/** Layer 1 for a diagnosis: what Markdown, JSON and curl are rendered from. */
export function redactDiagnosis(diagnosis: Diagnosis): Diagnosis {
  return {
    ...diagnosis,
    finding: redactFinding(diagnosis.finding),
    warnings: diagnosis.warnings.map((w) => ({ ...w, finding: redactFinding(w.finding) })),
    transaction: redactTransaction(diagnosis.transaction),
  };
}

// ---------------------------------------------------------------------------------------------
// Layer 2: the values themselves.

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Secret values a header carries (the parts layer 1 replaces). */
function headerSecrets(name: string, value: string, into: Set<string>): void {
  const lower = name.trim().toLowerCase();
  if (isSecretHeaderName(lower)) {
    if (lower === 'cookie' || lower === 'cookie2') {
      for (const part of value.split(';')) into.add(part.slice(part.indexOf('=') + 1).trim());
    } else if (lower === 'set-cookie' || lower === 'set-cookie2') {
      for (const line of value.split('\n')) {
        const pair = line.split(';')[0] ?? '';
        into.add(pair.slice(pair.indexOf('=') + 1).trim());
      }
    } else if (lower === 'authorization' || lower === 'proxy-authorization') {
      const match = /^\s*[A-Za-z][A-Za-z0-9_-]*\s+(.+)$/.exec(value);
      into.add((match ? match[1]! : value).trim());
    } else {
      into.add(value.trim());
    }
  }
  textSecrets(value, into);
}

/** Secret parameter values and URL passwords in a text, raw and percent-decoded. */
function textSecrets(text: string, into: Set<string>): void {
  // Cheap guards first: this runs on every header value of every exported transaction.
  if (KNOWN_TOKEN.test(text)) for (const match of text.matchAll(KNOWN_TOKEN_ALL)) into.add(match[0]);
  if (text.includes('=')) {
    for (const match of text.matchAll(PARAM)) {
      if (isSecretParamName(match[2]!) && match[3]) {
        into.add(match[3]);
        into.add(safeDecode(match[3]));
      }
    }
  }
  if (text.includes('@')) {
    for (const match of text.matchAll(USERINFO)) {
      into.add(match[3]!);
      into.add(safeDecode(match[3]!));
    }
  }
}

/** Every secret value in these exchanges, for the net. */
export function collectSecrets(exchanges: Iterable<Exchange>, into = new Set<string>()): Set<string> {
  for (const exchange of exchanges) {
    for (const h of exchange.requestHeaders) headerSecrets(h.name, h.value, into);
    for (const h of exchange.responseHeaders) headerSecrets(h.name, h.value, into);
    textSecrets(exchange.url, into);
    textSecrets(exchange.redirectURL, into);
    if (exchange.pageUrl) textSecrets(exchange.pageUrl, into);
  }
  return into;
}

export function transactionExchanges(tx: CorsTransaction): Exchange[] {
  return [...tx.redirectHops, tx.actualRequest, ...(tx.preflight ? [tx.preflight] : [])];
}

/** The net as a function over strings; longest secrets first so a prefix never leaves a tail. */
export function secretScrubber(secrets: Iterable<string>): (text: string) => string {
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_NET_LENGTH && s !== REDACTED).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/** Applies `scrub` to every string in a JSON-like value (keys included), returning a copy. */
export function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[scrub(key)] = scrubDeep(item, scrub);
    return out as T;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Raw HAR entries (the CLI's --har-out keeps every field of the original file).

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function redactNameValues(list: unknown, redactValue: (name: string, value: string) => string): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) => (isObject(item) && typeof item.name === 'string' && typeof item.value === 'string'
    ? { ...item, value: redactValue(item.name, item.value) }
    : item));
}

const BODY_REMOVED = 'Body removed by CORS Lens redaction.';

/** A raw HAR entry, redacted: headers, cookies, query parameters, URLs; bodies dropped. */
export function redactHarEntry(entry: unknown): unknown {
  if (!isObject(entry)) return entry;
  const out: Json = { ...entry };
  delete out._webSocketMessages;
  delete out._eventSourceMessages;
  if (isObject(entry.request)) {
    const request: Json = { ...entry.request };
    if (typeof request.url === 'string') request.url = redactUrl(request.url);
    request.headers = redactNameValues(request.headers, redactHeaderValue);
    request.cookies = redactNameValues(request.cookies, () => REDACTED);
    request.queryString = redactNameValues(request.queryString, (name, value) => (isSecretParamName(name) && value !== '' ? REDACTED : redactText(value)));
    if (isObject(request.postData)) {
      request.postData = { mimeType: typeof request.postData.mimeType === 'string' ? request.postData.mimeType : '', text: '', comment: BODY_REMOVED };
    }
    out.request = request;
  }
  if (isObject(entry.response)) {
    const response: Json = { ...entry.response };
    response.headers = redactNameValues(response.headers, redactHeaderValue);
    response.cookies = redactNameValues(response.cookies, () => REDACTED);
    if (typeof response.redirectURL === 'string') response.redirectURL = redactUrl(response.redirectURL);
    if (isObject(response.content)) {
      const { text: _text, encoding: _encoding, ...content } = response.content;
      response.content = _text === undefined ? content : { ...content, comment: BODY_REMOVED };
    }
    out.response = response;
  }
  // Whatever else holds a URL (the initiator's stack, private fields): tokens in it go too.
  return scrubDeep(out, redactText);
}

/** Secret values of a raw entry (its cookies and query arrays hold decoded copies). */
export function collectEntrySecrets(entry: unknown, into = new Set<string>()): Set<string> {
  if (!isObject(entry)) return into;
  for (const side of [entry.request, entry.response]) {
    if (!isObject(side)) continue;
    if (Array.isArray(side.headers)) {
      for (const h of side.headers) if (isObject(h) && typeof h.name === 'string' && typeof h.value === 'string') headerSecrets(h.name, h.value, into);
    }
    if (Array.isArray(side.cookies)) {
      for (const c of side.cookies) if (isObject(c) && typeof c.value === 'string') into.add(c.value);
    }
    if (Array.isArray(side.queryString)) {
      for (const q of side.queryString) if (isObject(q) && typeof q.name === 'string' && typeof q.value === 'string' && isSecretParamName(q.name)) into.add(q.value);
    }
    for (const field of ['url', 'redirectURL']) if (typeof side[field] === 'string') textSecrets(side[field] as string, into);
  }
  return into;
}
