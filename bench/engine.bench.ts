/**
 * Engine benchmark: a 100,000-entry HAR built from the real Chromium recordings (every entry of
 * every recording, repeated with shifted times and paths so pairing works as in a long session),
 * analysed end to end (parse + normalize + pair + diagnose). Prints the ratio of its time to
 * JSON.parse of the same text (target ≤ 1.5) and entries per second, then the engine alone on the
 * parsed log. Parse and analysis alternate, RUNS times, so a slow spell of a shared machine hits
 * both: the ratio is of the best of each, and the spread of the per-pair ratios is printed too.
 * Every timed run starts after a full garbage collection, as the CLI starts in a fresh process:
 * otherwise the previous run's hundreds of MB are collected inside whichever run comes next, and
 * the ratio of one run ranged 0.9–2.3 on a 2-core machine.
 *
 *   npx tsx bench/engine.bench.ts [entries]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeHar, analyzeHarText } from '../src/engine/diagnose.ts';

const ENTRIES = Number(process.argv[2] ?? 100_000);
const RUNS = 5;
const fixtures = new URL('../test/fixtures/chromium/', import.meta.url);

interface Entry { startedDateTime: string; request: { url: string }; response: { redirectURL?: string } }
// hostile-* recordings (a 200 KB header value) test robustness: copied 1,000 times they would
// make the HAR ~250 MB and measure only string copying.
const recordings = readdirSync(fixtures).filter((f) => f.endsWith('.har') && !f.startsWith('hostile-')).sort()
  .map((f) => (JSON.parse(readFileSync(new URL(f, fixtures), 'utf8')) as { log: { entries: Entry[]; pages?: unknown[] } }).log);

/** Copies of the recordings, one after another in time, each under its own path (so copies never pair with each other). */
export function buildHar(count: number): string {
  const entries: Entry[] = [];
  const start = Date.parse('2026-11-23T10:00:00.000Z');
  for (let copy = 0; entries.length < count; copy++) {
    for (const log of recordings) {
      const base = Date.parse(log.entries[0]?.startedDateTime ?? '') || start;
      for (const entry of log.entries) {
        if (entries.length >= count) break;
        const clone = structuredClone(entry);
        const shift = start + (copy * recordings.length + recordings.indexOf(log)) * 5_000 - base;
        clone.startedDateTime = new Date(Date.parse(entry.startedDateTime) + shift).toISOString();
        clone.request.url = entry.request.url.replace('/s/', `/c${copy}/s/`);
        if (clone.response.redirectURL) clone.response.redirectURL = clone.response.redirectURL.replace('/s/', `/c${copy}/s/`);
        entries.push(clone);
      }
    }
  }
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'cors-lens bench', version: '1' }, pages: recordings.flatMap((l) => l.pages ?? []), entries } });
}

// Without --expose-gc on the command line (npm run bench runs tsx): enable it, then take a gc function.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function timed(run: () => void): number {
  collectGarbage();
  const t = performance.now();
  run();
  return performance.now() - t;
}

function best(run: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < RUNS; i++) fastest = Math.min(fastest, timed(run));
  return fastest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = buildHar(ENTRIES);
  let transactions = 0;
  const parses: number[] = [];
  const analyses: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    parses.push(timed(() => JSON.parse(text)));
    analyses.push(timed(() => { transactions = analyzeHarText(text).diagnoses.length; }));
  }
  const parseMs = Math.min(...parses);
  const analyzeMs = Math.min(...analyses);
  const ratio = analyzeMs / parseMs;
  const pairRatios = analyses.map((a, i) => a / parses[i]!).sort((a, b) => a - b);
  // The engine's own part, on a log parsed beforehand: what a faster engine changes, apart from
  // the cost of parsing (and of collecting garbage right after a parse) that the ratio includes.
  const parsed: unknown = JSON.parse(text);
  const engineMs = best(() => analyzeHar(parsed));
  console.log(`engine: ${ENTRIES.toLocaleString('en')} entries (${(text.length / 1024 / 1024).toFixed(1)} MB of HAR from ${recordings.length} real recordings), ${transactions.toLocaleString('en')} transactions`);
  console.log(`  JSON.parse            ${parseMs.toFixed(0)} ms`);
  console.log(`  analyze (parse+all)   ${analyzeMs.toFixed(0)} ms   ratio ${ratio.toFixed(2)} (target ≤ 1.5)   ${Math.round(ENTRIES / (analyzeMs / 1000)).toLocaleString('en')} entries/s`);
  console.log(`  per-pair ratios       median ${pairRatios[pairRatios.length >> 1]!.toFixed(2)}, ${pairRatios[0]!.toFixed(2)}–${pairRatios.at(-1)!.toFixed(2)} over ${RUNS} parse/analyze pairs`);
  console.log(`  engine alone          ${engineMs.toFixed(0)} ms   (the same log, already parsed)`);
}
