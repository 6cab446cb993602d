/**
 * Redaction benchmark: every export (Markdown, JSON, HAR from the file, HAR from exchanges, curl)
 * through the public export functions, on generated HARs full of secrets, as the secret property
 * test (test/unit/export/secrets.test.ts) builds them but much larger: many entries, many distinct
 * secrets, secrets of 10 KB to 1 MB, secrets that are prefixes and substrings of one another, and
 * secrets made of regex metacharacters and of characters JSON and Markdown escape. Prints the time
 * of each export, the HAR size and the number of secrets; checks that no secret leaked.
 *
 *   npx tsx bench/redact.bench.ts [case…] [--only=json]   (default: every case, every format)
 */
import { analyzeHarText } from '../src/engine/diagnose.ts';
import { curlScript } from '../src/engine/export/curl.ts';
import { involvedHar } from '../src/engine/export/har.ts';
import { toJsonReport } from '../src/engine/export/json.ts';
import { diagnosesToMarkdown } from '../src/engine/export/markdown.ts';
import type { Diagnosis } from '../src/engine/types.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:4000';

/** Deterministic (mulberry32): the same HARs on every run, before and after a change. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Cookie-octets and token68 both allow these; `;`, `&`, `#`, quotes, space and `<>` end a value.
const PLAIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const NASTY = `${PLAIN}.*+?^$()[]{}|\\/_-!~:@*\`|é€`;

interface CaseSpec {
  name: string;
  entries: number;
  /** Sizes of the distinct secrets of one entry (each entry gets its own, plus shared ones). */
  sizes: (rand: () => number, entry: number) => number[];
  alphabet: string;
  /** Also put prefixes and substrings of this entry's first secret in the next entry. */
  related?: boolean;
  /** Text after the echoed secrets in a header no rule redacts (the net scans all of it). */
  padding?: string;
  /**
   * Secrets of "a" with one "b" (instead of starting with "Sx"), at the end or in the middle: in
   * aaaa… they almost match everywhere. String#includes is fast on the first, quadratic on the second.
   */
  nearMiss?: 'end' | 'middle';
}

const CASES: CaseSpec[] = [
  // The headline: a 10 MB HAR, 2,000 requests with 5 secrets of 400 characters each.
  { name: '10mb', entries: 2_000, sizes: () => [400, 400, 400, 400, 400], alphabet: NASTY },
  { name: 'many-small', entries: 3_000, sizes: () => [24, 32, 40, 48, 64], alphabet: PLAIN },
  { name: 'many-small-nasty', entries: 3_000, sizes: () => [24, 32, 40, 48, 64], alphabet: NASTY, related: true },
  { name: 'large-10k-64k', entries: 200, sizes: (r) => [10_000 + Math.floor(r() * 54_000), 10_000, 2_000], alphabet: NASTY, related: true },
  { name: 'huge-1mb', entries: 12, sizes: (r, i) => [i % 3 === 0 ? 1_000_000 : 100_000 + Math.floor(r() * 200_000), 50_000], alphabet: NASTY, related: true },
  // Secrets of one repeated character echoed inside 1 MB of the same character: every position of
  // the text starts an occurrence (or almost: the last secret ends differently).
  { name: 'repetitive', entries: 20, sizes: () => [100_000, 99_999, 50_000, 64], alphabet: 'a', related: true, padding: `${'a'.repeat(1_000_000)}` },
  { name: 'near-miss', entries: 20, sizes: () => [100_000, 1_000], alphabet: 'a', nearMiss: 'end', padding: 'a'.repeat(1_000_000) },
  { name: 'middle-miss', entries: 2, sizes: () => [40_000, 1_000], alphabet: 'a', nearMiss: 'middle', padding: 'a'.repeat(200_000) },
];

function randomString(rand: () => number, size: number, alphabet: string): string {
  const chars: string[] = new Array(size);
  for (let i = 0; i < size; i++) chars[i] = alphabet[Math.floor(rand() * alphabet.length)]!;
  return chars.join('');
}

interface Built { harText: string; secrets: string[] }

function buildHar(spec: CaseSpec): Built {
  const rand = random(42);
  const secrets: string[] = [];
  const entries: unknown[] = [];
  let previous: string | null = null;
  for (let i = 0; i < spec.entries; i++) {
    const own = spec.sizes(rand, i).map((size) => {
      if (spec.nearMiss === 'end') return `${randomString(rand, size, spec.alphabet)}b`;
      if (spec.nearMiss === 'middle') return `${randomString(rand, size >> 1, spec.alphabet)}b${randomString(rand, size >> 1, spec.alphabet)}`;
      return `Sx${randomString(rand, size, spec.alphabet)}`;
    });
    if (spec.related && previous !== null) {
      // A prefix, a middle part and an extension of the previous entry's first secret.
      own.push(previous.slice(0, Math.max(8, previous.length >> 1)), `${previous.slice(1, Math.max(10, previous.length >> 2))}`, `${previous}Zz`);
    }
    previous = own[0]!;
    secrets.push(...own);
    const [first, second = first, ...rest] = own;
    const preflighted = i % 2 === 1;
    const url = `${API}/data/${i}?page=2&token=${encodeURIComponent(second!)}`;
    const requestHeaders = [
      { name: 'Origin', value: PAGE },
      { name: 'Cookie', value: [first!, ...rest].map((s, k) => `c${k}=${s}`).join('; ') },
      { name: 'Authorization', value: `Bearer ${second}` },
      { name: 'Referer', value: `${PAGE}/cb?code=${encodeURIComponent(first!)}&state=1` },
      { name: 'X-API-Key', value: rest[0] ?? first! },
    ];
    const responseHeaders = [
      { name: 'Access-Control-Allow-Origin', value: preflighted ? PAGE : '*' },
      { name: 'Set-Cookie', value: `session=${first}; Path=/; SameSite=None; Secure` },
      // Secrets echoed where no structural rule looks: only the net (layer 2) can find them.
      { name: 'X-Debug-Echo', value: `seen cookie ${first} and token ${second} ${spec.padding ?? ''}` },
    ];
    entries.push({
      startedDateTime: new Date(Date.UTC(2026, 10, 23, 10, 0, 0, i * 10)).toISOString(), time: 5, _resourceType: 'fetch', _initiator: { type: 'script' },
      request: { method: preflighted ? 'PUT' : 'GET', url, httpVersion: 'HTTP/1.1', headers: requestHeaders, queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: {
        status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: responseHeaders, cookies: [], content: { size: 0, mimeType: 'text/plain' },
        redirectURL: '', headersSize: -1, bodySize: 0, _error: 'net::ERR_FAILED',
      },
      cache: {}, timings: { send: 0, wait: 1, receive: 1 },
    });
  }
  return { harText: JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries } }), secrets };
}

function time<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

function exportsOf(diagnoses: Diagnosis[], doc: { log: { entries: unknown[] } }): Array<[string, () => string]> {
  const creator = { name: 'bench', version: '1' };
  return [
    ['markdown', () => diagnosesToMarkdown(diagnoses, { stack: 'express' })],
    ['json', () => JSON.stringify(toJsonReport(diagnoses, { creator: null, entries: diagnoses.length, skipped: [] }, { toolVersion: '0.1.0' }))],
    ['har (file)', () => JSON.stringify(involvedHar(diagnoses, { creator, raw: { entries: doc.log.entries } }))],
    ['har (panel)', () => JSON.stringify(involvedHar(diagnoses, { creator }))],
    ['curl (each)', () => diagnoses.map((d) => curlScript(d.transaction)).join('\n')],
  ];
}

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--only='));
const onlyFormat = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const mb = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;
console.log('redaction: export time per format on generated HARs full of secrets (both layers; no secret may leak)');
for (const spec of CASES.filter((c) => wanted.length === 0 || wanted.includes(c.name))) {
  const { harText, secrets } = buildHar(spec);
  const distinct = new Set(secrets);
  const [analysis, analyzeMs] = time(() => analyzeHarText(harText));
  const doc = JSON.parse(harText) as { log: { entries: unknown[] } };
  const sizes = [...distinct].map((s) => s.length);
  console.log(`${spec.name}: ${spec.entries} entries, ${mb(harText.length)}, ${distinct.size} distinct secrets of ${Math.min(...sizes)}–${Math.max(...sizes)} chars (${mb(sizes.reduce((a, b) => a + b, 0))} in all); analyze ${analyzeMs.toFixed(0)} ms`);
  // The leak check looks for a sample of the secrets (every one would cost secrets × output).
  const sample = [...distinct].filter((_, i) => i % Math.max(1, Math.floor(distinct.size / 50)) === 0);
  for (const [format, run] of exportsOf(analysis.diagnoses, doc).filter(([f]) => onlyFormat === undefined || f.startsWith(onlyFormat))) {
    const [text, ms] = time(run);
    const leaked = sample.filter((secret) => text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1))).length;
    console.log(`  ${format.padEnd(12)} ${ms.toFixed(0).padStart(7)} ms  output ${mb(text.length)}${leaked ? `  LEAKED ${leaked} of ${sample.length} sampled secrets` : ''}`);
  }
}
