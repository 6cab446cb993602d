/**
 * The live capture's incremental diagnosis must equal diagnosing the whole log at once
 * (diagnoseLog), however the entries arrive, and must stay linear on long sessions.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from '../../../src/engine/diagnose.ts';
import { normalizeEntries } from '../../../src/engine/normalize.ts';
import type { Diagnosis } from '../../../src/engine/types.ts';
import { Capture, REPAIR_WINDOW_MS } from '../../../src/panel/capture.ts';
import type { HarEntry } from '../../../src/platform/network-source.ts';
import { allFixtureEntries, fixtureEntries, fixtureNames } from './fixtures.ts';

const summary = (d: Diagnosis) => ({
  index: (d.transaction.redirectHops[0] ?? d.transaction.actualRequest).index,
  ruleId: d.ruleId,
  verdict: d.verdict,
  chromiumError: d.chromiumError,
  preflight: d.transaction.preflight?.index ?? null,
  hops: d.transaction.redirectHops.length,
});

function wholeLog(entries: readonly HarEntry[]) {
  return diagnoseLog(normalizeEntries(entries)).diagnoses.map(summary);
}

/** Feeds entries to a capture in batches of `size`, in the order given (indexes stay entry order). */
function incremental(entries: readonly HarEntry[], order: number[], size: number, cap?: number): Capture {
  const capture = new Capture(cap);
  const normalized = normalizeEntries(entries).exchanges;
  for (let i = 0; i < order.length; i += size) capture.add(order.slice(i, i + size).map((at) => normalized[at]!));
  return capture;
}

const inOrder = (n: number) => [...Array(n).keys()];
/** Chromium's onRequestFinished order: by finish time, so a slow request arrives after later ones. */
const byFinish = (entries: readonly HarEntry[]) => inOrder(entries.length)
  .sort((a, b) => (Date.parse(entries[a]!.startedDateTime) + (entries[a]!.time ?? 0)) - (Date.parse(entries[b]!.startedDateTime) + (entries[b]!.time ?? 0)));

describe('incremental diagnosis equals diagnosing the whole log', () => {
  for (const name of fixtureNames) {
    it(`${name}: one entry at a time, in finish order`, () => {
      const entries = fixtureEntries(name);
      const capture = incremental(entries, byFinish(entries), 1);
      expect(capture.diagnoses.map(summary)).toEqual(wholeLog(entries));
    });
  }

  it('every fixture in one session, arriving in finish order one by one, and in batches of 7', () => {
    const entries = allFixtureEntries(3_000);
    const expected = wholeLog(entries);
    expect(expected.length).toBeGreaterThan(40);
    expect(incremental(entries, byFinish(entries), 1).diagnoses.map(summary)).toEqual(expected);
    expect(incremental(entries, byFinish(entries), 7).diagnoses.map(summary)).toEqual(expected);
  });

  it('a preflight logged after its request (Chromium order) still pairs when they arrive apart', () => {
    const entries = fixtureEntries('method-not-allowed');
    const preflightFirst = inOrder(entries.length).sort((a, b) => Number(entries[b]!.request.method === 'OPTIONS') - Number(entries[a]!.request.method === 'OPTIONS'));
    const capture = incremental(entries, preflightFirst, 1);
    expect(capture.diagnoses.map(summary)).toEqual(wholeLog(entries));
    expect(capture.diagnoses.some((d) => d.ruleId === 'method-not-allowed' && d.transaction.preflight !== null)).toBe(true);
  });
});

describe('capture cap', () => {
  it('drops the oldest transactions whole and counts the dropped entries', () => {
    const entries = allFixtureEntries(60_000);
    const cap = 30;
    const capture = incremental(entries, inOrder(entries.length), 1, cap);
    expect(capture.size).toBeLessThanOrEqual(cap);
    expect(capture.size + capture.dropped).toBe(entries.length);
    // What is kept is exactly the tail of the full diagnosis, transaction by transaction.
    const full = wholeLog(entries);
    expect(capture.diagnoses.map(summary)).toEqual(full.slice(full.length - capture.diagnoses.length));
  });
});

describe('cost on a long live session', () => {
  it(`10,000 entries one at a time: each add re-pairs only the last ${REPAIR_WINDOW_MS / 1000} s`, () => {
    // Every fixture again and again, 500 ms apart: a busy page for 80 minutes.
    const template = allFixtureEntries(0).slice(0, 50);
    const base = Date.parse('2026-01-01T00:00:00Z');
    const entries: HarEntry[] = [];
    for (let i = 0; entries.length < 10_000; i++) {
      const entry = template[i % template.length]!;
      entries.push({ ...entry, startedDateTime: new Date(base + i * 500).toISOString() });
    }
    const normalized = normalizeEntries(entries).exchanges;
    const capture = new Capture();
    const timings: number[] = [];
    for (let i = 0; i < normalized.length; i++) {
      const started = performance.now();
      capture.add([normalized[i]!]);
      timings.push(performance.now() - started);
    }
    const total = timings.reduce((a, b) => a + b, 0);
    const wholeStarted = performance.now();
    const whole = wholeLog(entries);
    console.log(`10,000 live adds: ${total.toFixed(0)} ms in all; diagnosing the whole log once: ${(performance.now() - wholeStarted).toFixed(0)} ms`);
    expect(capture.diagnoses.map(summary)).toEqual(whole);
    // Linear: the last thousand adds cost about what the second thousand did, not 5× as much.
    const mean = (from: number) => timings.slice(from, from + 1000).reduce((a, b) => a + b, 0) / 1000;
    expect(mean(9000)).toBeLessThan(mean(1000) * 3 + 0.05);
  });
});
