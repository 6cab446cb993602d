/**
 * The engine against the real browser: every HAR in test/fixtures/chromium was recorded from
 * Chromium through the extension's own DevTools API (scripts/record-fixtures.ts), next to the
 * verdict Chromium itself reported over CDP (Network.loadingFailed.corsErrorStatus). The
 * engine's chromiumError must equal it, request by request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHarText } from '../../src/engine/diagnose.ts';

const DIR = resolve(__dirname, '../fixtures/chromium');

interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string | null;
  corsError: string | null;
  failedParameter: string | null;
  netError: string | null;
}
interface Recording {
  scenario: string;
  title: string;
  chromiumVersion: string;
  requests: RecordedRequest[];
}

const recordings = readdirSync(DIR).filter((f) => f.endsWith('.chromium.json')).sort()
  .map((file) => ({ file, recording: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Recording }));

describe('verdicts equal Chromium on real recordings', () => {
  it('has recordings for at least 10 distinct Chromium verdicts', () => {
    const verdicts = new Set(recordings.flatMap(({ recording }) => recording.requests.map((r) => r.corsError)).filter(Boolean));
    expect(verdicts.size).toBeGreaterThanOrEqual(10);
  });

  for (const { file, recording } of recordings) {
    it(`${recording.scenario}: ${recording.title}`, () => {
      const harText = readFileSync(join(DIR, file.replace(/\.chromium\.json$/, '.har')), 'utf8');
      const { diagnoses } = analyzeHarText(harText);
      // Preflights are part of their request's transaction; Chromium reports the verdict on the request.
      const requests = recording.requests.filter((r) => r.resourceType !== 'preflight' && r.method !== 'OPTIONS');
      const matched = new Set<(typeof diagnoses)[number]>();
      for (const request of requests) {
        const diagnosis = diagnoses.find((d) => {
          if (matched.has(d)) return false;
          const first = d.transaction.redirectHops[0] ?? d.transaction.actualRequest;
          const hops = [...d.transaction.redirectHops, d.transaction.actualRequest];
          return first.method === request.method && hops.some((hop) => hop.url === request.url);
        });
        if (diagnosis) matched.add(diagnosis);
        if (!diagnosis) {
          // Chromium reported a request the DevTools HAR does not contain (e.g. refused before sending).
          expect(request.corsError, `${request.method} ${request.url} missing from the HAR`).toBeNull();
          continue;
        }
        expect(diagnosis.chromiumError, `${request.method} ${request.url} → ${diagnosis.ruleId}`).toBe(request.corsError);
        if (request.corsError) expect(diagnosis.verdict).toBe('blocked');
      }
    });
  }
});
