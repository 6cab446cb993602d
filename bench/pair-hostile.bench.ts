/**
 * Pairing on hostile logs: shapes a long session or a crafted HAR can take that would make a
 * naive pairing quadratic. Prints the time to pair each (normalize excluded), and how many
 * requests found a preflight, for two sizes: linear growth shows as ~4x time for 4x entries.
 *
 *   npx tsx bench/pair-hostile.bench.ts
 */
import { normalizeHar } from '../src/engine/normalize.ts';
import { pairTransactions } from '../src/engine/pair.ts';

const T = Date.parse('2026-11-23T10:00:00.000Z');
const URL = 'https://api.example/items';
const ORIGIN = 'https://app.example';

const preflight = (method: string, ms: number) => ({
  startedDateTime: new Date(T + ms).toISOString(), time: 1, _resourceType: 'preflight',
  request: { method: 'OPTIONS', url: URL, headers: [{ name: 'Origin', value: ORIGIN }, { name: 'Access-Control-Request-Method', value: method }] },
  response: { status: 204, headers: [] },
});
const request = (method: string, ms: number) => ({
  startedDateTime: new Date(T + ms).toISOString(), time: 1, _resourceType: 'fetch',
  request: { method, url: URL, headers: [{ name: 'Origin', value: ORIGIN }] },
  response: { status: 200, headers: [] },
});

const SHAPES: [name: string, build: (n: number) => unknown[]][] = [
  // Each request's nearest unused preflight is the latest: a scan from the first unused one would read them all.
  ['n unused preflights to one URL, then n requests', (n) => [
    ...Array.from({ length: n }, (_, i) => preflight('PUT', i)),
    ...Array.from({ length: n }, (_, i) => request('PUT', n + 5_000 + i)),
  ]],
  ['n methods to one URL, a preflight and a request each', (n) => [
    ...Array.from({ length: n }, (_, i) => preflight(`M${i}`, i)),
    ...Array.from({ length: n }, (_, i) => request(`M${n - 1 - i}`, n + i)),
  ]],
  ['n requests and preflights to one URL, all at one instant', (n) => Array.from({ length: 2 * n }, (_, i) => (i % 2 ? request('PUT', 0) : preflight('PUT', 0)))],
];

for (const [name, build] of SHAPES) {
  for (const n of [5_000, 20_000]) {
    const { exchanges } = normalizeHar({ log: { entries: build(n) } });
    let fastest = Infinity;
    let paired = 0;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      paired = pairTransactions(exchanges).filter((tx) => tx.preflight && tx.actualRequest.method !== 'OPTIONS').length;
      fastest = Math.min(fastest, performance.now() - start);
    }
    console.log(`pairing: ${name.replaceAll(/\bn\b/g, n.toLocaleString('en')).padEnd(80)} ${fastest.toFixed(0).padStart(5)} ms  (${paired.toLocaleString('en')} paired)`);
  }
}
