/** Real Chromium recordings (test/fixtures/chromium) as the panel receives them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HarEntry } from '../../../src/platform/network-source.ts';

export const FIXTURE_DIR = resolve(__dirname, '../../fixtures/chromium');

export const fixtureNames: string[] = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.har')).map((f) => f.replace(/\.har$/, '')).sort();

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURE_DIR, `${name}.har`), 'utf8');
}

export function fixtureEntries(name: string): HarEntry[] {
  return (JSON.parse(fixtureText(name)) as { log: { entries: HarEntry[] } }).log.entries;
}

/** Every fixture's entries in one log, each scenario shifted `gapMs` later than the one before. */
export function allFixtureEntries(gapMs = 60_000): HarEntry[] {
  const base = Date.parse('2026-01-01T00:00:00Z');
  return fixtureNames.flatMap((name, i) => {
    const entries = fixtureEntries(name);
    const start = Math.min(...entries.map((e) => Date.parse(e.startedDateTime)));
    return entries.map((entry) => ({
      ...entry,
      startedDateTime: new Date(base + i * gapMs + (Date.parse(entry.startedDateTime) - start)).toISOString(),
    }));
  });
}
