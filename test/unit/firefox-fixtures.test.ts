/**
 * The engine on real Firefox recordings (test/fixtures/firefox, recorded from Debian's
 * firefox-esr by scripts/record-firefox-fixtures.ts: the HAR Firefox's DevTools give
 * extensions, and Firefox's own CORS console errors). For each lab scenario:
 *  - the verdicts on Firefox's HAR equal the verdicts on Chromium's HAR of the same scenario
 *    (test/fixtures/chromium), except the differences listed below, each for a stated reason;
 *  - the Firefox reason the engine shows is the one Firefox's console named.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/engine/diagnose.ts';
import type { Diagnosis } from '../../src/engine/types.ts';

const FIREFOX = resolve(__dirname, '../fixtures/firefox');
const CHROMIUM = resolve(__dirname, '../fixtures/chromium');

interface FirefoxRecording {
  scenario: string;
  title: string;
  firefoxVersion: string;
  console: Array<{ key: string; reason: string; message: string; url: string | null }>;
}

/**
 * Where the two browsers' HARs cannot give the same verdict, and what the engine says on
 * Firefox's. A change either way fails the test, so each line stays true.
 */
const FIREFOX_DIFFERS: Record<string, { firefox: string[]; why: string }> = {
  'connection-refused': {
    firefox: ['blocked failure-not-explained -'],
    why: "Firefox's HAR records no error name (Chromium: net::ERR_CONNECTION_REFUSED), so a refused connection looks like any request without a response",
  },
  'redirect-to-data-url': {
    firefox: ['blocked failure-not-explained -'],
    why: "Firefox's HAR has no error for the refused redirect (Chromium: net::ERR_UNSAFE_REDIRECT)",
  },
  'csp-connect-src': {
    firefox: ['blocked failure-not-explained -'],
    why: 'Firefox lists the request CSP refused; Chromium leaves it out of the HAR (only a DevTools issue)',
  },
  'same-origin-mode': {
    firefox: ['not-cors no-cors-opaque -'],
    why: "Firefox lists the request mode 'same-origin' refused; Chromium leaves it out of the HAR",
  },
  'no-cors-redirect-manual': {
    firefox: ['not-cors no-cors-opaque -'],
    why: "Firefox lists the refused no-cors request; Chromium leaves it out of the HAR",
  },
};

/** Firefox console names that are warnings, not a block (the request went through). */
const isWarning = (key: string) => /Deprecation/.test(key);

const summary = (diagnoses: readonly Diagnosis[]) => diagnoses.map((d) => `${d.verdict} ${d.ruleId} ${d.chromiumError ?? '-'}`);

const recordings = readdirSync(FIREFOX).filter((f) => f.endsWith('.firefox.json')).sort()
  .map((file) => JSON.parse(readFileSync(join(FIREFOX, file), 'utf8')) as FirefoxRecording);
const harOf = (dir: string, id: string) => JSON.parse(readFileSync(join(dir, `${id}.har`), 'utf8')) as unknown;

describe('Firefox recordings', () => {
  it('cover the lab: at least 45 scenarios, 9 distinct Firefox reasons, recorded by Firefox itself', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(45);
    const reasons = new Set(recordings.flatMap((r) => r.console.filter((c) => !isWarning(c.key)).map((c) => c.reason)));
    expect(reasons.size).toBeGreaterThanOrEqual(9);
    for (const { scenario, firefoxVersion } of recordings) {
      expect(firefoxVersion, scenario).toMatch(/^\d+\.\d+/);
      const log = (harOf(FIREFOX, scenario) as { log: { creator: { name: string } } }).log;
      expect(log.creator.name, scenario).toBe('Firefox');
    }
  });

  for (const recording of recordings) {
    const { scenario } = recording;
    describe(`${scenario}: ${recording.title}`, () => {
      const firefox = analyzeHar(harOf(FIREFOX, scenario)).diagnoses;
      const known = FIREFOX_DIFFERS[scenario];

      it(known ? `differs from Chromium as stated: ${known.why}` : 'same verdicts as on the Chromium recording', () => {
        if (known) {
          expect(summary(firefox)).toEqual(known.firefox);
          return;
        }
        expect(existsSync(join(CHROMIUM, `${scenario}.har`)), 'a Chromium recording of the same scenario').toBe(true);
        expect(summary(firefox)).toEqual(summary(analyzeHar(harOf(CHROMIUM, scenario)).diagnoses));
      });

      it("names the reason Firefox's console named", () => {
        const firefoxSays = recording.console.filter((c) => !isWarning(c.key)).map((c) => c.reason);
        const engineSays = firefox.map((d) => d.firefoxReason).filter((r): r is string => r !== null);
        if (known && firefoxSays.length > 0 && engineSays.length === 0) {
          // The engine cannot tell from Firefox's HAR what failed (see FIREFOX_DIFFERS).
          expect(firefox.every((d) => d.ruleId === 'failure-not-explained')).toBe(true);
          return;
        }
        // The first error is the verdict; after a failed preflight Firefox adds CORSDidNotSucceed.
        expect(engineSays[0] ?? null).toBe(firefoxSays[0] ?? null);
      });
    });
  }
});

describe("Firefox's data: URL entries", () => {
  it('are not CORS: Firefox lists the lab page\'s data: favicon, which Fetch answers without a CORS check', () => {
    // The entry as firefox-esr 153 recorded it on a lab page (headers trimmed to the Origin-less request it is).
    const har = { log: { creator: { name: 'Firefox', version: '153.7.0' }, pages: [{ id: 'page_1', title: 'http://localhost:47310/run/x' }], entries: [{
      startedDateTime: '2026-11-23T09:06:32.700+00:00', pageref: 'page_1',
      request: { method: 'GET', url: 'data:,', httpVersion: '', headers: [] },
      response: { status: 200, statusText: 'OK', httpVersion: '', headers: [], content: { mimeType: 'text/plain', size: 0 }, redirectURL: '' },
    }] } };
    expect(analyzeHar(har).diagnoses.map((d) => [d.verdict, d.ruleId])).toEqual([['not-cors', 'not-cross-origin']]);
  });
});
