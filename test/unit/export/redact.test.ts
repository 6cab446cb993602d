import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSecretHeaderName, isSecretParamName, MIN_NET_LENGTH, redactHeaderValue, redactText, redactTransaction, secretScrubber, REDACTED,
} from '../../../src/engine/export/redact.ts';
import { normalizeHar } from '../../../src/engine/normalize.ts';
import { pairTransactions } from '../../../src/engine/pair.ts';
import { entry, har, PAGE } from '../../support/har-builder.ts';

describe('which header names carry secrets', () => {
  it.each([
    'Cookie', 'set-cookie', 'Authorization', 'Proxy-Authorization', 'X-API-Key', 'api-key', 'apikey', 'X-Auth-Token',
    'X-CSRF-Token', 'X-XSRF-TOKEN', 'X-Amz-Security-Token', 'Ocp-Apim-Subscription-Key', 'X-Goog-Api-Key', 'x-session-id',
    'X-Hub-Signature-256', 'X-Shopify-Hmac-Sha256', 'X-Client-Secret', 'Private-Token', 'X-Access-Token', 'X-Refresh-Token',
  ])('%s is secret', (name) => expect(isSecretHeaderName(name)).toBe(true));

  it.each([
    // These name other headers or policies: the diagnosis needs them verbatim.
    'Access-Control-Allow-Credentials', 'Access-Control-Request-Headers', 'Access-Control-Allow-Headers',
    'Access-Control-Expose-Headers', 'Sec-Fetch-Storage-Access', 'Vary', 'WWW-Authenticate', 'Origin', 'Referer',
    'Content-Type', 'Accept', 'User-Agent', 'Location', 'Keep-Alive', 'Host', 'Cross-Origin-Resource-Policy',
  ])('%s is not secret', (name) => expect(isSecretHeaderName(name)).toBe(false));
});

describe('which query parameters carry secrets', () => {
  it.each([
    'access_token', 'token', 'id_token', 'refresh_token', 'key', 'api_key', 'apikey', 'signature', 'sig', 'X-Amz-Signature',
    'X-Amz-Credential', 'X-Amz-Security-Token', 'client_secret', 'password', 'passwd', 'pwd', 'code', 'auth', 'session_id',
    'jwt', 'csrf_token', 'Key-Pair-Id', 'api%5Fkey',
  ])('%s is secret', (name) => expect(isSecretParamName(name)).toBe(true));

  it.each(['page', 'q', 'id', 'lang', 'format', 'redirect_uri', 'state', 'limit', 'sort'])('%s is not secret', (name) => {
    expect(isSecretParamName(name)).toBe(false);
  });
});

describe('redactHeaderValue keeps the shape the diagnosis needs and drops the secret', () => {
  it.each([
    ['Cookie', 'sid=abc123; theme=dark', `sid=${REDACTED}; theme=${REDACTED}`],
    ['Cookie', 'sid=ab=cd==', `sid=${REDACTED}`],
    ['Cookie', 'nameless', REDACTED],
    ['Set-Cookie', 'sid=xyz; Path=/; SameSite=None; Secure', `sid=${REDACTED}; Path=/; SameSite=None; Secure`],
    ['Set-Cookie', 'a=1; HttpOnly\nb=2; SameSite=Lax', `a=${REDACTED}; HttpOnly\nb=${REDACTED}; SameSite=Lax`],
    ['Authorization', 'Bearer eyJhbGciOi.payload.sig', `Bearer ${REDACTED}`],
    ['authorization', 'Basic dXNlcjpwYXNz', `Basic ${REDACTED}`],
    ['Authorization', 'Digest username="u", response="abc"', `Digest ${REDACTED}`],
    ['Authorization', 'rawtokenwithoutscheme', REDACTED],
    ['Proxy-Authorization', 'Basic Zm9vOmJhcg==', `Basic ${REDACTED}`],
    ['X-API-Key', 'k-123456', REDACTED],
    ['X-CSRF-Token', 'csrf-value', REDACTED],
    ['Cookie', '', ''],
    // Non-secret headers pass through, minus tokens in URLs they quote.
    ['Referer', 'http://app.test/cb?code=abc&state=ok', `http://app.test/cb?code=${REDACTED}&state=ok`],
    ['Location', 'https://u:pw@api.test/x?access_token=t0k#frag', `https://u:${REDACTED}@api.test/x?access_token=${REDACTED}#frag`],
    ['Link', '<https://cdn.test/a.js?sig=abc>; rel=preload', `<https://cdn.test/a.js?sig=${REDACTED}>; rel=preload`],
    ['Access-Control-Request-Headers', 'authorization,x-api-key', 'authorization,x-api-key'],
    ['Access-Control-Allow-Credentials', 'true', 'true'],
    ['Origin', 'http://localhost:3000', 'http://localhost:3000'],
    ['X-Trace-Context', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', REDACTED],
  ])('%s: %j → %j', (name, value, expected) => {
    expect(redactHeaderValue(name, value)).toBe(expected);
  });
});

describe('redactText: secret parameters and URL passwords in any text', () => {
  it.each([
    ['http://api.test/data?token=abc&page=2', `http://api.test/data?token=${REDACTED}&page=2`],
    ['http://api.test/data?page=2&api_key=abc', `http://api.test/data?page=2&api_key=${REDACTED}`],
    ['https://app.test/#access_token=abc&token_type=bearer', `https://app.test/#access_token=${REDACTED}&token_type=${REDACTED}`],
    ['https://s3.test/o?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=ff00', `https://s3.test/o?X-Amz-Credential=${REDACTED}&X-Amz-Signature=${REDACTED}`],
    ['The server redirected to http://lab:secret@127.0.0.1/x.', `The server redirected to http://lab:${REDACTED}@127.0.0.1/x.`],
    ['http://api.test/data?token=', 'http://api.test/data?token='],
    ['http://api.test/data?q=token', 'http://api.test/data?q=token'],
    ['no url here: a=b, key is fine', 'no url here: a=b, key is fine'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
    // Recognizable tokens go wherever they are, whatever the parameter or header is called.
    ['http://app.test/cb?state=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl&x=1', `http://app.test/cb?state=${REDACTED}&x=1`],
    ['AKIAIOSFODNN7EXAMPLE used here', `${REDACTED} used here`],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789 in a note', `token ${REDACTED} in a note`],
    ['glpat-abcdefghij0123456789xyz', REDACTED],
    ['xoxb-123456789012-abcdefghij', REDACTED],
    ['sk_live_abcdefghijklmnop1234', REDACTED],
    ['eyJ alone is not a token', 'eyJ alone is not a token'],
  ])('%j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = redactText('http://u:p@a.test/?token=x&sig=y');
    expect(redactText(once)).toBe(once);
  });
});

describe('secretScrubber (the net)', () => {
  it('replaces every occurrence, longest secret first, and ignores values too short to be safe to search', () => {
    const scrub = secretScrubber(['abcdef', 'abcdefgh', '123']);
    expect(scrub('x abcdefgh y abcdef z 123')).toBe(`x ${REDACTED} y ${REDACTED} z 123`);
  });
});

/**
 * The net's meaning, the slow way (indexOf per secret, as the first version did): every character
 * inside an occurrence of a secret goes, each run of overlapping occurrences becomes one REDACTED,
 * and the result is scanned again while that still changes it (a secret overlapping the word).
 */
function referenceScrub(secrets: readonly string[], text: string): string {
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_NET_LENGTH && s !== REDACTED);
  let out = text;
  for (let pass = 0; pass < 3; pass++) {
    const found: Array<[number, number]> = [];
    for (const secret of list) {
      for (let at = out.indexOf(secret); at !== -1; at = out.indexOf(secret, at + 1)) found.push([at, at + secret.length]);
    }
    if (found.length === 0) break;
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of found) {
      const last = merged[merged.length - 1];
      if (last && start < last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    let next = '';
    let from = 0;
    for (const [start, end] of merged) {
      next += out.slice(from, start) + REDACTED;
      from = end;
    }
    out = next + out.slice(from);
  }
  return out;
}

describe('secretScrubber agrees with the slow reference (property)', () => {
  // Few letters (some of REDACTED's, some regex metacharacters): secrets overlap, nest and repeat.
  const letter = fc.constantFrom('a', 'b', 'R', 'E', 'D', '.', '*', '\\', '"', 'é');
  const short = fc.array(letter, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
  // Long ones (past COMPARE_DIRECTLY: found by hash) from a repeated unit, so they occur in the text.
  const long = fc.tuple(short, fc.integer({ min: 65, max: 400 })).map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));
  const secret = fc.oneof(short, long);

  // Secrets that never occur but make the index scan every character (more than 16 distinct
  // starts) instead of jumping between the few starts with indexOf: both ways are checked.
  const crowd = Array.from({ length: 20 }, (_, k) => `#${String(k).padStart(6, '0')}`);

  it('on texts made of the secrets, their pieces and noise', () => {
    fc.assert(fc.property(fc.array(secret, { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(short, fc.nat(20)), { maxLength: 30 }), fc.boolean(), (generated, pieces, crowded) => {
      const secrets = crowded ? [...generated, ...crowd] : generated;
      // Pieces: noise, or a cut of one of the secrets (whole, prefix, suffix).
      const text = pieces.map((piece) => {
        if (typeof piece === 'string') return piece;
        const s = generated[piece % generated.length]!;
        return piece % 3 === 0 ? s : piece % 3 === 1 ? s.slice(0, Math.max(1, s.length - piece)) : s.slice(piece % s.length);
      }).join('');
      expect(secretScrubber(secrets)(text)).toBe(referenceScrub(secrets, text));
    }), { numRuns: Number(process.env.QA_PROPERTY_RUNS ?? 2000) });
  });

  it.each([false, true])('on long runs of one character (every position starts an occurrence or nearly), crowded: %s', (crowded) => {
    const text = `x${'a'.repeat(5_000)}y${'a'.repeat(300)}b`;
    const secrets = ['a'.repeat(100), 'a'.repeat(1_000), `${'a'.repeat(200)}b`, `${'a'.repeat(99)}y`, 'aaaaaa', ...(crowded ? crowd : [])];
    expect(secretScrubber(secrets)(text)).toBe(referenceScrub(secrets, text));
    expect(secretScrubber(secrets)(text)).toBe(`x${REDACTED}${REDACTED}`);
  });
});

describe('redactTransaction', () => {
  it("keeps pairing's facts, preflightState included (decided when read, so a spread would drop it)", () => {
    const entries = [entry({ url: 'https://api.example/items', method: 'GET', requestHeaders: { Origin: PAGE, 'X-Api-Key': 'k-123' } })];
    const [tx] = pairTransactions(normalizeHar(har(entries)).exchanges);
    const redacted = redactTransaction(tx!);
    expect(redacted).toMatchObject({ preflightState: 'not-in-log', requestOrigin: PAGE, crossOrigin: true, preflight: null });
    expect(Object.keys(redacted).sort()).toEqual(['actualRequest', 'crossOrigin', 'preflight', 'preflightState', 'redirectHops', 'requestOrigin']);
  });
});
