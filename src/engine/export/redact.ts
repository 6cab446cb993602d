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
import { headerValueText } from '../normalize.ts';
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
const SECRET_NAME_WORDS = /token|key|secret|passw|pwd|auth|session|sig|hmac|credential|csrf|xsrf|jwt|bearer|cookie|ticket|oidc|saml/i;
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
  // Field by field, not a spread: pairing's transactions decide preflightState when read (a getter).
  return {
    actualRequest: redactExchange(tx.actualRequest),
    redirectHops: tx.redirectHops.map(redactExchange),
    preflight: tx.preflight ? redactExchange(tx.preflight) : null,
    preflightState: tx.preflightState,
    requestOrigin: tx.requestOrigin,
    crossOrigin: tx.crossOrigin,
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

/** Field by field, not a spread: a finding builds its parts when read (rules/support.ts RuleFinding). */
function redactFinding(finding: Finding): Finding {
  return {
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

/**
 * The net as a function over strings: every stretch of text covered by an occurrence of any
 * secret becomes REDACTED (overlapping occurrences merge into one), so neither a prefix nor an
 * overlap ever leaves a tail. Built once per export and run on many strings, so its cost must not
 * be secrets × text: one scan per string, in time linear in the text for all secrets at once
 * (see SecretIndex).
 */
export function secretScrubber(secrets: Iterable<string>): (text: string) => string {
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_NET_LENGTH && s !== REDACTED);
  if (list.length === 0) return (text) => text;
  const index = new SecretIndex(list);
  // A handful of secrets: String#includes (a native, skipping search) first rules out most texts.
  const few = list.length <= FEW_SECRETS ? list : null;
  return (text) => {
    if (few !== null && !few.some((secret) => text.includes(secret))) return text;
    let out = text;
    // A secret that overlaps the word REDACTED can show up again across a replacement: scan the
    // result again (bounded) when that is possible at all.
    for (let pass = 0; pass < 3; pass++) {
      const next = index.replaceAll(out);
      if (next === out) break;
      out = next;
      if (!index.mayTouchReplacement) break;
    }
    return out;
  };
}

const FEW_SECRETS = 16;

/** Whether `secret` could be found again across a REDACTED it was next to or part of. */
function overlapsReplacement(secret: string): boolean {
  if (secret.includes(REDACTED) || REDACTED.includes(secret)) return true;
  for (let k = 1; k < REDACTED.length; k++) {
    if (secret.endsWith(REDACTED.slice(0, k)) || secret.startsWith(REDACTED.slice(-k))) return true;
  }
  return false;
}

/** Second filter: a bit per hash (mod 2^32) of a secret's first MIN_NET_LENGTH characters. */
const MAX_FILTER_BITS = 20;

/** First filter, the cheapest: a bit per hashed pair of a secret's first two characters. */
const pairSlot = (first: number, second: number) => ((first << 7) ^ second) & 0xffff;

function gramHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < MIN_NET_LENGTH; k++) h = (Math.imul(h, 31) + text.charCodeAt(at + k)) | 0;
  return h;
}

/** The smallest p such that gram[k] = gram[k + p] for every k (its length if none is shorter). */
function smallestPeriod(gram: string): number {
  for (let p = 1; p < gram.length; p++) {
    let periodic = true;
    for (let k = 0; periodic && k + p < gram.length; k++) periodic = gram.charCodeAt(k) === gram.charCodeAt(k + p);
    if (periodic) return p;
  }
  return gram.length;
}

/** Whether `secret` could start at `at` judging by its last and middle characters. */
function sameEnds(text: string, at: number, secret: string): boolean {
  const last = secret.length - 1;
  const middle = last >> 1;
  return text.charCodeAt(at + last) === secret.charCodeAt(last) && text.charCodeAt(at + middle) === secret.charCodeAt(middle);
}

/** Up to this length a candidate is compared character by character; longer ones by hash first. */
const COMPARE_DIRECTLY = 64;
// Two polynomial hashes modulo primes below 2^26 (products stay exact in doubles), with bases
// drawn at random per index, so no input can be built in advance to collide. A collision could
// only extend a stretch that is redacted anyway; a new stretch is always checked on the text.
const P1 = 67_108_859;
const P2 = 67_108_837;
/**
 * x mod p for an integer |x| < 2^53, faster than % (fmod on doubles). x / p can round across an
 * integer near 2^52, so the quotient may be off by one: the result is brought back into [0, p).
 */
function mod(x: number, p: number): number {
  const r = x - Math.floor(x / p) * p;
  return r < 0 ? r + p : r >= p ? r - p : r;
}

interface Bucket {
  /** Longest first, and the secrets of each length at the same index. */
  lengths: number[];
  groups: SameLength[];
}

interface SameLength {
  secrets: string[];
  /** By whole hash (first hash → second hash, secret), built when a long one is first a candidate. */
  byHash: Map<number, Array<[number, string]>> | null;
}

/**
 * Every secret by its first MIN_NET_LENGTH characters (its start). A scan visits the positions of
 * the text where some secret's start occurs: with few distinct starts, String#indexOf jumps from
 * one to the next; otherwise every position goes through two bit filters (first two characters,
 * then a hash of the start) and a map. At a visited position the secrets with that start are tried
 * longest first; those longer than COMPARE_DIRECTLY are compared by hash in constant time (prefix
 * hashes of the text) before the text itself is, so a long secret that almost matches everywhere
 * (aaaa…ab in aaaa…) cannot make a scan quadratic. Hashes are computed only when such a candidate
 * turns up: building the index costs a few operations per secret.
 */
class SecretIndex {
  /** gram hash → lengths (longest first) → the secrets of that length starting that way. */
  private readonly buckets = new Map<number, Bucket>();
  /** About 16 bits per secret (at most 2^20): an export builds one index per request. */
  private readonly filterShift: number;
  private readonly filter: Uint8Array;
  private readonly pairs = new Uint8Array(1 << (16 - 3));
  readonly base1 = 256 + Math.floor(Math.random() * (P1 - 512));
  readonly base2 = 256 + Math.floor(Math.random() * (P2 - 512));
  pow1 = new Float64Array([1]);
  pow2 = new Float64Array([1]);
  /** The distinct first MIN_NET_LENGTH characters of the secrets, when there are few. */
  private readonly gramTexts: Array<{ gram: string; bucket: Bucket; period: number }> | null;
  readonly mayTouchReplacement: boolean;

  constructor(secrets: readonly string[]) {
    const bits = Math.min(MAX_FILTER_BITS, Math.max(8, 36 - Math.clz32(secrets.length)));
    this.filterShift = 32 - bits;
    this.filter = new Uint8Array(1 << (bits - 3));
    for (const secret of secrets) {
      const pair = pairSlot(secret.charCodeAt(0), secret.charCodeAt(1));
      this.pairs[pair >>> 3]! |= 1 << (pair & 7);
      const gram = gramHash(secret, 0);
      const slot = gram >>> this.filterShift;
      this.filter[slot >>> 3]! |= 1 << (slot & 7);
      let bucket = this.buckets.get(gram);
      if (!bucket) this.buckets.set(gram, bucket = { lengths: [], groups: [] });
      const at = bucket.lengths.indexOf(secret.length);
      if (at === -1) {
        bucket.lengths.push(secret.length);
        bucket.groups.push({ secrets: [secret], byHash: null });
      } else {
        bucket.groups[at]!.secrets.push(secret);
      }
    }
    for (const bucket of this.buckets.values()) {
      const order = bucket.lengths.map((_, k) => k).sort((a, b) => bucket.lengths[b]! - bucket.lengths[a]!);
      bucket.lengths = order.map((k) => bucket.lengths[k]!);
      bucket.groups = order.map((k) => bucket.groups[k]!);
    }
    const grams = [...new Set(secrets.map((secret) => secret.slice(0, MIN_NET_LENGTH)))];
    this.gramTexts = grams.length <= FEW_SECRETS
      ? grams.map((gram) => ({ gram, bucket: this.buckets.get(gramHash(gram, 0))!, period: smallestPeriod(gram) }))
      : null;
    this.mayTouchReplacement = secrets.some((s) => overlapsReplacement(s));
  }

  replaceAll(text: string): string {
    const n = text.length;
    if (n < MIN_NET_LENGTH) return text;
    const scan = new Scan(this, text);
    if (this.gramTexts !== null) {
      // Few distinct starts: the native indexOf jumps from one possible start to the next.
      const grams = this.gramTexts;
      const nextAt = grams.map(({ gram }) => text.indexOf(gram));
      for (;;) {
        let first = -1;
        for (let k = 0; k < nextAt.length; k++) if (nextAt[k] !== -1 && (first === -1 || nextAt[k]! < nextAt[first]!)) first = k;
        if (first === -1) break;
        const start = grams[first]!;
        const gram = start.gram;
        const period = start.period;
        const i = nextAt[first]!;
        scan.visit(i, start.bucket);
        // Distinct starts: no other one is at i. In a run (aaaa…), the next occurrence of a start
        // with period p is at i + p when the p characters after it continue the run: no call.
        let run = period < MIN_NET_LENGTH && i + MIN_NET_LENGTH + period <= n;
        for (let k = 0; run && k < period; k++) run = text.charCodeAt(i + MIN_NET_LENGTH + k) === gram.charCodeAt(MIN_NET_LENGTH - period + k);
        nextAt[first] = run ? i + period : text.indexOf(gram, i + 1);
      }
    } else {
      const { pairs, filter, filterShift } = this;
      let next = text.charCodeAt(0);
      for (let i = 0; i + MIN_NET_LENGTH <= n; i++) {
        const first = next;
        next = text.charCodeAt(i + 1);
        const pair = pairSlot(first, next);
        if ((pairs[pair >>> 3]! & (1 << (pair & 7))) === 0) continue;
        const gram = gramHash(text, i);
        const slot = gram >>> filterShift;
        if ((filter[slot >>> 3]! & (1 << (slot & 7))) === 0) continue;
        const bucket = this.buckets.get(gram);
        if (bucket) scan.visit(i, bucket);
      }
    }
    return scan.result();
  }

  /** The group's secrets by whole hash (first → [second, secret]); powers grown to their length. */
  hashed(group: SameLength): Map<number, Array<[number, string]>> {
    if (group.byHash) return group.byHash;
    this.growPowers(group.secrets[0]!.length);
    group.byHash = new Map();
    for (const secret of group.secrets) {
      const [a, b] = this.wholeHash(secret);
      const same = group.byHash.get(a);
      if (same) same.push([b, secret]);
      else group.byHash.set(a, [[b, secret]]);
    }
    return group.byHash;
  }

  private wholeHash(text: string): [number, number] {
    let a = 0;
    let b = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      a = mod(a * this.base1 + c, P1);
      b = mod(b * this.base2 + c, P2);
    }
    return [a, b];
  }

  growPowers(length: number): void {
    if (this.pow1.length > length) return;
    const size = Math.max(length + 1, this.pow1.length * 2);
    const [p1, p2] = [new Float64Array(size), new Float64Array(size)];
    p1.set(this.pow1);
    p2.set(this.pow2);
    for (let i = this.pow1.length; i < size; i++) {
      p1[i] = mod(p1[i - 1]! * this.base1, P1);
      p2[i] = mod(p2[i - 1]! * this.base2, P2);
    }
    this.pow1 = p1;
    this.pow2 = p2;
  }
}

/** One scan of one text: the redacted stretches found so far (a class, not closures: hot code). */
class Scan {
  /** Redacted stretches [start, end), in order, overlapping ones merged. */
  private readonly stretches: number[] = [];
  private coveredEnd = 0;
  private readonly hashes: TextHashes;

  constructor(private readonly index: SecretIndex, private readonly text: string) {
    this.hashes = new TextHashes(index, text);
  }

  /** Records the longest secret starting at `i` if it reaches past what is covered already. */
  visit(i: number, bucket: Bucket): void {
    const { text, coveredEnd } = this;
    const lengths = bucket.lengths;
    for (let k = 0; k < lengths.length; k++) {
      const length = lengths[k]!;
      const end = i + length;
      if (end <= coveredEnd) return; // this one and every shorter one lie inside a stretch already
      if (end > text.length) continue;
      const group = bucket.groups[k]!;
      let found = false;
      if (length <= COMPARE_DIRECTLY) {
        for (const secret of group.secrets) if (text.startsWith(secret, i)) found = true;
      } else if (group.secrets.length > 1 || sameEnds(text, i, group.secrets[0]!)) {
        // (A single secret whose last or middle character differs is the usual near miss.)
        const [a, b] = this.hashes.window(i, length);
        let secret: string | undefined;
        for (const [second, candidate] of this.index.hashed(group).get(a) ?? []) if (second === b) secret = candidate;
        // The hash found it; the text decides, once per character: only where a new stretch starts.
        found = secret !== undefined && (i < coveredEnd || text.startsWith(secret, i));
      }
      if (!found) continue;
      if (i < coveredEnd) this.stretches[this.stretches.length - 1] = end;
      else this.stretches.push(i, end);
      this.coveredEnd = end;
      return;
    }
  }

  result(): string {
    const { stretches, text } = this;
    if (stretches.length === 0) return text;
    const parts: string[] = [];
    let from = 0;
    for (let k = 0; k < stretches.length; k += 2) {
      parts.push(text.slice(from, stretches[k]), REDACTED);
      from = stretches[k + 1]!;
    }
    parts.push(text.slice(from));
    return parts.join('');
  }
}

/** h[k + 1] = hash of text[0, k + 1) for k in [from, to): a plain function, so it optimizes once. */
function fillPrefixHashes(text: string, h1: Float64Array, h2: Float64Array, from: number, to: number, base1: number, base2: number): void {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    h1[k + 1] = mod(h1[k]! * base1 + c, P1);
    h2[k + 1] = mod(h2[k]! * base2 + c, P2);
  }
}

/**
 * Prefix hashes of one text, filled only as far as a window asked for so far: a long secret near
 * the start of a 1 MB value costs its own length, not the megabyte.
 */
class TextHashes {
  private h1: Float64Array | null = null;
  private h2: Float64Array | null = null;
  private filled = 0;

  constructor(private readonly index: SecretIndex, private readonly text: string) {}

  /** The two hashes of text[at, at + length). */
  window(at: number, length: number): [number, number] {
    const end = at + length;
    this.fill(end);
    this.index.growPowers(length);
    const h1 = this.h1!;
    const h2 = this.h2!;
    const { pow1, pow2 } = this.index;
    return [mod(h1[end]! - mod(h1[at]! * pow1[length]!, P1), P1), mod(h2[end]! - mod(h2[at]! * pow2[length]!, P2), P2)];
  }

  private fill(upTo: number): void {
    if (upTo <= this.filled) return;
    this.h1 ??= new Float64Array(this.text.length + 1);
    this.h2 ??= new Float64Array(this.text.length + 1);
    fillPrefixHashes(this.text, this.h1, this.h2, this.filled, upTo, this.index.base1, this.index.base2);
    this.filled = upTo;
  }
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


/**
 * A {name, value} list redacted item by item. Values that are not strings are redacted as the
 * JSON text normalize reads them as (a number or a list must not slip past as raw data); an item
 * without a string name loses its value; a list written as a {name: value} map is redacted the same.
 */
function redactNameValues(list: unknown, redactValue: (name: string, value: string) => string): unknown {
  if (isObject(list)) {
    return Object.fromEntries(Object.entries(list).map(([name, value]) => [name, redactValue(name, headerValueText(value))]));
  }
  if (!Array.isArray(list)) return list;
  return list.map((item) => {
    if (!isObject(item) || !('value' in item)) return item;
    return { ...item, value: typeof item.name === 'string' ? redactValue(item.name, headerValueText(item.value)) : REDACTED };
  });
}

/** The (name, raw value) items of a list or a {name: value} map, as redactNameValues reads them. */
function nameValueItems(list: unknown): [string, unknown][] {
  if (isObject(list)) return Object.entries(list);
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is Json => isObject(item) && 'value' in item).map((item) => [typeof item.name === 'string' ? item.name : '', item.value]);
}

/** The (name, value as text) pairs of a list or map; a value that is not a string adds its parts, which may be quoted elsewhere on their own. */
function nameValues(list: unknown): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of nameValueItems(list)) {
    pairs.push([name, headerValueText(value)]);
    if (typeof value !== 'string') for (const leaf of leaves(value)) pairs.push([name, leaf]);
  }
  return pairs;
}

function leaves(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  else if (typeof value === 'object' && value !== null && depth < 8) for (const item of Object.values(value)) leaves(item, out, depth + 1);
  return out;
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
    for (const [name, value] of nameValues(side.headers)) headerSecrets(name, value, into);
    for (const [, value] of nameValues(side.cookies)) into.add(value);
    for (const [name, value] of nameValues(side.queryString)) if (isSecretParamName(name)) into.add(value);
    for (const field of ['url', 'redirectURL']) if (typeof side[field] === 'string') textSecrets(side[field] as string, into);
  }
  return into;
}
