/**
 * The engine against the real browser: every HAR in test/fixtures/chromium was recorded from
 * Chromium through the extension's own DevTools API (npm run record:fixtures), next to the
 * verdict Chromium itself reported over CDP (Network.loadingFailed.corsErrorStatus). The
 * engine's chromiumError must equal it, request by request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithChromium, type ChromiumRequest } from '../support/conformance.ts';

const DIR = resolve(__dirname, '../fixtures/chromium');

interface Recording {
  scenario: string;
  title: string;
  chromiumVersion: string;
  requests: ChromiumRequest[];
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
      const har = JSON.parse(readFileSync(join(DIR, file.replace(/\.chromium\.json$/, '.har')), 'utf8')) as unknown;
      for (const row of compareWithChromium(har, recording.requests)) {
        expect(row, `${row.request}: Chromium ${row.chromium}, CORS Lens ${row.engine} (${row.ruleId})`).toMatchObject({ agree: true });
      }
    });
  }
});
