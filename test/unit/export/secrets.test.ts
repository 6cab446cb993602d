/**
 * No export leaks a secret unless the include toggle is on: a seeded corpus with a secret in every
 * place, then generated secrets in generated places (fast-check). Every format is checked, in the
 * shared engine functions the panel calls and through the CLI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/run-cli.ts';
import { analyzeHarText } from '../../../src/engine/diagnose.ts';
import { curlScript } from '../../../src/engine/export/curl.ts';
import { environmentFor } from '../../../src/engine/export/environment.ts';
import { involvedHar } from '../../../src/engine/export/har.ts';
import { exportResults, toJsonReport, toJsonResult } from '../../../src/engine/export/json.ts';
import { reportToMarkdown } from '../../../src/engine/export/markdown.ts';
import { REDACTED, redactDiagnosis, redactHarEntry } from '../../../src/engine/export/redact.ts';
import { snippetGenerators } from '../../../src/engine/snippets/index.ts';
import { API, PAGE, SECRETS, secretCorpusHar } from './secret-corpus.ts';

/** Every string inside a JSON text, decoded (a secret hidden behind an escape still counts). */
function jsonStrings(text: string): string {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) { out.push(k); walk(v); }
  };
  walk(JSON.parse(text));
  return out.join('\n');
}

/** Markdown with its backslash escapes removed, as a reader sees it. */
const unescapeMarkdown = (text: string) => text.replace(/\\(.)/g, '$1');

const runCliCapture = (argv: string[], harText: string) => runCliCaptured(argv, harText, new Date('2026-11-23T12:00:00.000Z'));

/** Every export of every diagnosis in `harText`, by name, as the text a user would share. */
function everyExport(harText: string, includeSecrets: boolean): Record<string, string> {
  const doc = JSON.parse(harText) as { log: { entries: unknown[]; pages?: unknown[] } };
  const analysis = analyzeHarText(harText);
  const { diagnoses } = analysis;
  const environment = environmentFor(diagnoses, { tool: 'CORS Lens extension 0.1.0', source: 'live capture', exportedAt: '2026-11-23T12:00:00.000Z' });
  const report = toJsonReport(diagnoses, { creator: analysis.creator, entries: diagnoses.length, skipped: analysis.problems }, {
    toolVersion: '0.1.0', includeSecrets, environment,
  });
  const outputs: Record<string, string> = {
    'json report': JSON.stringify(report),
    'json report (decoded)': jsonStrings(JSON.stringify(report)),
    'har from the file': JSON.stringify(involvedHar(diagnoses, { includeSecrets, creator: { name: 't', version: '1' }, raw: { entries: doc.log.entries, pages: doc.log.pages } })),
    'har from exchanges (panel)': JSON.stringify(involvedHar(diagnoses, { includeSecrets, creator: { name: 't', version: '1' } })),
  };
  outputs['har from the file (decoded)'] = jsonStrings(outputs['har from the file']!);
  outputs['har from exchanges (decoded)'] = jsonStrings(outputs['har from exchanges (panel)']!);
  // The stack changes only the snippet (generated from the fix, which holds no secret): two of them.
  for (const { id } of [snippetGenerators[0]!, snippetGenerators[snippetGenerators.length - 1]!]) {
    const markdown = reportToMarkdown(report, id);
    outputs[`markdown ${id}`] = markdown;
    outputs[`markdown ${id} (unescaped)`] = unescapeMarkdown(markdown);
  }
  diagnoses.forEach((d, i) => {
    const [single] = exportResults([d], { includeSecrets });
    outputs[`markdown of diagnosis ${i}`] = reportToMarkdown({ results: [single!], environment, redaction: { secretsIncluded: includeSecrets } });
    outputs[`curl of diagnosis ${i}`] = single!.curl;
    // What the panel's detail view shows and copies (curl.ts on the captured transaction).
    outputs[`detail curl of diagnosis ${i}`] = curlScript(d.transaction, { includeSecrets });
  });
  const flag = includeSecrets ? ['--include-secrets'] : [];
  for (const format of [[], ['--json'], ['--markdown']]) {
    const cli = runCliCapture(['analyze', 'x.har', '--all', ...format, '--har-out', 'out.har', ...flag], harText);
    outputs[`cli ${format.join(' ') || 'text'}`] = cli.stdout + cli.stderr;
    outputs[`cli ${format.join(' ') || 'text'} --har-out`] = cli.files['out.har'] ?? '(not written)';
  }
  return outputs;
}

function leaks(outputs: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(outputs).flatMap(([name, text]) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${name}: ${secret}`));
}

const corpusText = JSON.stringify(secretCorpusHar());
const allSecrets = Object.values(SECRETS);

describe('the seeded corpus: a secret in every place', () => {
  it('is diagnosed as three blocked requests whose evidence quotes the secret places', () => {
    const { diagnoses } = analyzeHarText(corpusText);
    expect(diagnoses.map((d) => [d.verdict, d.ruleId])).toEqual([
      ['blocked', 'wildcard-with-credentials'], ['blocked', 'header-not-allowed'], ['blocked', 'redirect-contains-credentials'],
    ]);
  });

  it('no export contains any of them by default', () => {
    expect(leaks(everyExport(corpusText, false), allSecrets)).toEqual([]);
  });

  it('the redacted exports still say where the secrets were (names, schemes, attributes kept)', () => {
    const outputs = everyExport(corpusText, false);
    const json = outputs['json report']!;
    expect(json).toContain(`sid=${REDACTED}; csrftoken=${REDACTED}`);
    expect(json).toContain(`Bearer ${REDACTED}`);
    expect(json).toContain(`session=${REDACTED}; Path=/; SameSite=None; Secure`);
    expect(json).toContain(`access_token=${REDACTED}&token=${REDACTED}&key=${REDACTED}&signature=${REDACTED}`);
    expect(json).toContain(`http://u:${REDACTED}@127.0.0.1:4000/final?sig=${REDACTED}`);
    expect(json).toContain('"secretsIncluded":false');
    expect(outputs['markdown express']).toContain('| Secrets | redacted');
    const har = JSON.parse(outputs['har from the file']!);
    const first = har.log.entries[0];
    expect(first.request.postData).toEqual({ mimeType: 'application/json', text: '', comment: 'Body removed by CORS Lens redaction.' });
    expect(first.response.content.text).toBeUndefined();
    expect(first.request.cookies).toEqual([{ name: 'sid', value: REDACTED }, { name: 'csrftoken', value: REDACTED }]);
  });

  it('with the include toggle on, every secret is there again, and the CLI warns', () => {
    const outputs = everyExport(corpusText, true);
    // The file's own HAR keeps every field: all secrets, bodies included.
    const har = outputs['har from the file']!;
    expect(allSecrets.filter((secret) => !har.includes(secret))).toEqual([]);
    // The report quotes every header and URL secret (bodies and initiator stacks are not part of a report).
    const notInReports = new Set<string>([SECRETS.requestBody, SECRETS.responseBody, SECRETS.initiatorKey, SECRETS.stackToken, SECRETS.pageSession]);
    const json = outputs['json report (decoded)']!;
    expect(allSecrets.filter((secret) => !notInReports.has(secret) && !json.includes(secret))).toEqual([]);
    expect(outputs['cli --json']).toContain('--include-secrets: this output holds cookies');
  });

  it('redacting does not change a diagnosis: the redacted HAR reads back to the same verdicts', () => {
    const redacted = everyExport(corpusText, false)['har from the file']!;
    const again = analyzeHarText(redacted).diagnoses.map((d) => [d.verdict, d.ruleId, d.chromiumError]);
    expect(again).toEqual(analyzeHarText(corpusText).diagnoses.map((d) => [d.verdict, d.ruleId, d.chromiumError]));
  });
});

// ---------------------------------------------------------------------------------------------
// Generated secrets in generated places.

type Place =
  | 'jwt-anywhere' | 'cookie' | 'set-cookie' | 'authorization' | 'proxy-authorization' | 'secret-header' | 'query' | 'fragment'
  | 'url-password' | 'referer' | 'location' | 'request-body' | 'response-body';

/** Characters each place can hold as the protocol allows them (cookie-octet, token68, unreserved…). */
const COOKIE_VALUE = fc.stringMatching(/^[A-Za-z0-9!#$%&'()*+\-./:<=>?@[\]^_`{|}~]{10,40}$/);
const TOKEN68 = fc.stringMatching(/^[A-Za-z0-9\-._~+/]{10,40}=*$/);
const VISIBLE = fc.stringMatching(/^[!-~]{10,40}$/);
const UNRESERVED = fc.stringMatching(/^[A-Za-z0-9\-._~]{10,40}$/);

/** A JWT: three base64url parts, the first two JSON objects ("eyJ"). */
const JWT = fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{8,30}$/), fc.stringMatching(/^[A-Za-z0-9_-]{8,60}$/), fc.stringMatching(/^[A-Za-z0-9_-]{0,43}$/))
  .map(([h, p, sig]) => `eyJ${h}.eyJ${p}.${sig}`);

/**
 * Real secrets are not all short: session blobs, SAML assertions and JWTs with many claims run to
 * kilobytes. Most generated values stay short; some grow to 1–64 KB, a few to 100–400 KB, with
 * characters of the place's own alphabet (pseudo-random from a generated seed: quick to build).
 */
const EXTRA_LENGTH = fc.oneof(
  { weight: 12, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 1_000, max: 65_536 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 400_000 }) },
);
const ALPHABETS: Record<Place, string> = (() => {
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const cookie = `${alnum}!#$%&'()*+-./:<=>?@[]^_\`{|}~`;
  const token68 = `${alnum}-._~+/`;
  const visible = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
  const unreserved = `${alnum}-._~`;
  return {
    'jwt-anywhere': `${alnum}_-`, cookie, 'set-cookie': cookie, authorization: token68, 'proxy-authorization': token68,
    'secret-header': visible, query: unreserved, fragment: unreserved, 'url-password': unreserved, referer: unreserved,
    location: unreserved, 'request-body': visible, 'response-body': visible,
  };
})();

function filler(alphabet: string, length: number, seed: number): string {
  let state = seed >>> 0;
  const chars: string[] = new Array(length);
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    chars[i] = alphabet[(state >>> 8) % alphabet.length]!;
  }
  return chars.join('');
}

const PLACES: Record<Place, fc.Arbitrary<string>> = {
  'jwt-anywhere': JWT,
  cookie: COOKIE_VALUE, 'set-cookie': COOKIE_VALUE, authorization: TOKEN68, 'proxy-authorization': TOKEN68,
  'secret-header': VISIBLE, query: UNRESERVED, fragment: UNRESERVED, 'url-password': UNRESERVED, referer: UNRESERVED,
  location: UNRESERVED, 'request-body': VISIBLE, 'response-body': VISIBLE,
};

const SECRET_HEADER_NAMES = fc.oneof(
  fc.constantFrom('X-API-Key', 'Api-Key', 'X-Auth-Token', 'X-CSRF-Token', 'X-Amz-Security-Token', 'Ocp-Apim-Subscription-Key', 'X-Access-Token'),
  fc.tuple(fc.constantFrom('token', 'key', 'secret', 'auth', 'session', 'signature', 'password', 'jwt'), fc.stringMatching(/^[a-z]{0,6}$/))
    .map(([word, suffix]) => `X-${suffix ? `${suffix}-` : ''}${word}`.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())),
);
const SECRET_PARAM_NAMES = fc.constantFrom(
  'access_token', 'token', 'id_token', 'refresh_token', 'key', 'api_key', 'apikey', 'signature', 'sig', 'X-Amz-Signature',
  'X-Amz-Credential', 'client_secret', 'password', 'code', 'session', 'jwt', 'Key-Pair-Id',
);

interface Seed { place: Place; secret: string; name: string; scheme: string }

const seedArb = fc.constantFrom(...(Object.keys(PLACES) as Place[])).chain((place) => fc.record({
  place: fc.constant(place),
  // "Sx" makes a leak unambiguous; a JWT must start as JWTs do, so it goes at the end there (and
  // the filler lengthens its signature).
  secret: fc.tuple(PLACES[place], EXTRA_LENGTH, fc.integer()).map(([v, extra, seed]) => {
    const more = filler(ALPHABETS[place], extra, seed);
    return place === 'jwt-anywhere' ? `${v}${more}Sx` : `Sx${more}${v}`;
  }),
  name: place === 'secret-header' ? SECRET_HEADER_NAMES : SECRET_PARAM_NAMES,
  scheme: fc.constantFrom('Bearer', 'Basic', 'Token', 'Digest', 'AWS4-HMAC-SHA256', 'MAC'),
}));

/** A credentialed GET the server answers with "*" (blocked) or a preflighted PUT, carrying the seeds. */
function seededHar(seeds: readonly Seed[], preflighted: boolean): string {
  const requestHeaders: { name: string; value: string }[] = [{ name: 'Origin', value: PAGE }];
  const responseHeaders: { name: string; value: string }[] = [{ name: 'Access-Control-Allow-Origin', value: preflighted ? PAGE : '*' }];
  const query: string[] = ['page=2'];
  const fragment: string[] = [];
  let password: string | null = null;
  const redirectQuery: string[] = [];
  const requestBody: string[] = [];
  const responseBody: string[] = [];
  for (const { place, secret, name, scheme } of seeds) {
    // A recognizable token under names that say nothing: a custom header and an innocent parameter.
    if (place === 'jwt-anywhere') {
      requestHeaders.push({ name: 'X-Trace-Context', value: secret });
      query.push(`state=${secret}`);
    }
    if (place === 'cookie') requestHeaders.push({ name: 'Cookie', value: `c${requestHeaders.length}=${secret}` });
    if (place === 'set-cookie') responseHeaders.push({ name: 'Set-Cookie', value: `s=${secret}; Path=/; SameSite=None; Secure` });
    if (place === 'authorization') requestHeaders.push({ name: 'Authorization', value: `${scheme} ${secret}` });
    if (place === 'proxy-authorization') requestHeaders.push({ name: 'Proxy-Authorization', value: `${scheme} ${secret}` });
    if (place === 'secret-header') requestHeaders.push({ name, value: secret });
    if (place === 'query') query.push(`${name}=${secret}`);
    if (place === 'fragment') fragment.push(`${name}=${secret}`);
    if (place === 'url-password') {
      if (password === null) password = secret;
      else query.push(`password=${secret}`); // a URL has one password: the next one goes in the query
    }
    if (place === 'referer') requestHeaders.push({ name: 'Referer', value: `${PAGE}/cb?${name}=${secret}&state=1` });
    if (place === 'location') redirectQuery.push(`${name}=${secret}`);
    if (place === 'request-body') requestBody.push(secret);
    if (place === 'response-body') responseBody.push(secret);
  }
  const url = `http://${password !== null ? `lab:${password}@` : ''}127.0.0.1:4000/data?${query.join('&')}${fragment.length ? `#${fragment.join('&')}` : ''}`;
  const entry = (at: string, method: string, entryUrl: string, extra: Record<string, unknown>) => ({
    startedDateTime: at, time: 5, _resourceType: 'fetch', _initiator: { type: 'script' },
    request: { method, url: entryUrl, httpVersion: 'HTTP/1.1', headers: requestHeaders, queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: {
      status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: responseHeaders, cookies: [], content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '', headersSize: -1, bodySize: 0, _error: 'net::ERR_FAILED',
    },
    cache: {}, timings: { send: 0, wait: 1, receive: 1 }, ...extra,
  });
  const main = entry('2026-11-23T10:00:00.000Z', preflighted ? 'PUT' : 'GET', url, {});
  const m = main as { request: Record<string, unknown>; response: Record<string, unknown> };
  const redirectTo = redirectQuery.length > 0 ? `${API}/next?${redirectQuery.join('&')}` : null;
  if (requestBody.length > 0) m.request.postData = { mimeType: 'text/plain', text: requestBody.join(' ') };
  if (responseBody.length > 0) m.response.content = { size: 1, mimeType: 'text/plain', text: responseBody.join(' ') };
  if (redirectTo !== null) {
    m.response = { ...m.response, status: 302, redirectURL: redirectTo, _error: null, headers: [...responseHeaders, { name: 'Location', value: redirectTo }] };
  }
  const entries: unknown[] = [main];
  if (redirectTo !== null) entries.push(entry('2026-11-23T10:00:00.050Z', 'GET', redirectTo, {}));
  if (preflighted) {
    entries.push({
      ...entry('2026-11-23T10:00:00.010Z', 'OPTIONS', url, { _resourceType: 'preflight', _initiator: { type: 'preflight' } }),
      request: { method: 'OPTIONS', url, headers: [{ name: 'Origin', value: PAGE }, { name: 'Access-Control-Request-Method', value: 'PUT' }], queryString: [], cookies: [] },
      response: { status: 204, statusText: 'No Content', headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', _error: null },
    });
  }
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries } });
}

/** QA_PROPERTY_RUNS=5000 for a deeper search (takes minutes); the default keeps npm test quick. */
const RUNS = Number(process.env.QA_PROPERTY_RUNS ?? 150);
// Generous: values of hundreds of KB make a run take ~0.1 s, more on a loaded machine.
const TIMEOUT = Math.max(60_000, RUNS * 300);

describe('generated secrets in generated places (property)', () => {
  it('no export contains a generated secret unless secrets are included', () => {
    fc.assert(fc.property(fc.array(seedArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (seeds, preflighted) => {
      const secrets = seeds.map((seed) => seed.secret);
      const harText = seededHar(seeds, preflighted);
      // A secret that the same request without it already contains would prove nothing.
      const baseline = Object.values(everyExport(seededHar([], preflighted), false)).join('\n');
      fc.pre(secrets.every((secret) => !baseline.includes(secret)));
      expect(leaks(everyExport(harText, false), secrets)).toEqual([]);
    }), { numRuns: RUNS });
  }, TIMEOUT);

  it('layer 1 alone (structural redaction, without the net) already removes every generated secret', () => {
    fc.assert(fc.property(fc.array(seedArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (seeds, preflighted) => {
      const harText = seededHar(seeds, preflighted);
      const entries = (JSON.parse(harText) as { log: { entries: unknown[] } }).log.entries;
      const structural = [
        ...analyzeHarText(harText).diagnoses.map((d) => JSON.stringify(toJsonResult(redactDiagnosis(d)))),
        ...entries.map((e) => JSON.stringify(redactHarEntry(e))),
      ].join('\n');
      const baseline = Object.values(everyExport(seededHar([], preflighted), false)).join('\n');
      const secrets = seeds.map((seed) => seed.secret);
      fc.pre(secrets.every((secret) => !baseline.includes(secret)));
      expect(secrets.filter((secret) => structural.includes(secret) || jsonStrings(`[${structural.split('\n').join(',')}]`).includes(secret))).toEqual([]);
    }), { numRuns: Math.ceil(RUNS * 2 / 3) });
  }, TIMEOUT);

  it('the same secrets are in the file HAR export when the include toggle is on (the property can fail)', () => {
    fc.assert(fc.property(fc.array(seedArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (seeds, preflighted) => {
      const harText = seededHar(seeds, preflighted);
      const har = everyExport(harText, true)['har from the file (decoded)']!;
      expect(seeds.map((seed) => seed.secret).filter((secret) => !har.includes(secret))).toEqual([]);
    }), { numRuns: 50 });
  });
});
