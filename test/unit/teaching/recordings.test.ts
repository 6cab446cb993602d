/**
 * The what-if model against real Chromium: every recorded lab scenario (test/fixtures/chromium)
 * is turned into a what-if scenario, re-run through the model, and must get the error Chromium
 * itself reported while recording (*.chromium.json), and the rule the engine gives the recording.
 * Recordings the editor cannot express (network failures, no-cors mode, redirects) are listed
 * with the reason, and the list is checked too, so it cannot grow silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHarText } from '../../../src/engine/diagnose.ts';
import { scenarioFromDiagnosis } from '../../../src/engine/teaching/scenario.ts';
import { runWhatIf } from '../../../src/engine/teaching/what-if.ts';

const DIR = join(__dirname, '../../fixtures/chromium');

/** What the what-if editor does not model, by design. */
const OUT_OF_SCOPE: Record<string, string> = {
  'blocked-by-client': 'an extension cancelled it: no server answer to edit',
  'connection-refused': 'no server answered at all',
  'no-cors-mode': "mode: 'no-cors' (the editor models CORS-mode fetch only)",
  'redirect-cross-origin-needs-null': 'a redirect chain (the editor judges one answer)',
  'redirect-to-data-url': 'a redirect chain (the editor judges one answer)',
};
/** Refused by the renderer before the network: the recording holds no request to start from. */
const NOT_IN_THE_LOG = new Set(['csp-connect-src', 'same-origin-mode']);

interface Recorded {
  requests: { method: string; resourceType: string; corsError: string | null }[];
}

const recordings = readdirSync(DIR).filter((f) => f.endsWith('.har')).map((f) => f.replace(/\.har$/, '')).sort();

describe('what-if reproduces Chromium on the recorded lab scenarios', () => {
  it('has the recordings', () => expect(recordings.length).toBeGreaterThanOrEqual(40));

  const compared: string[] = [];
  for (const id of recordings) {
    it(id, () => {
      const recorded = JSON.parse(readFileSync(join(DIR, `${id}.chromium.json`), 'utf8')) as Recorded;
      const chromiumErrors = recorded.requests.filter((r) => r.resourceType !== 'preflight').map((r) => r.corsError);
      const diagnoses = analyzeHarText(readFileSync(join(DIR, `${id}.har`), 'utf8')).diagnoses.filter((d) => d.ruleId !== 'not-cross-origin');
      if (NOT_IN_THE_LOG.has(id)) {
        expect(diagnoses).toEqual([]);
        return;
      }
      if (id in OUT_OF_SCOPE) {
        // Out of scope must really be out of scope: the model then gives another answer.
        const differs = diagnoses.some((d) => {
          const outcome = runWhatIf(scenarioFromDiagnosis(d).scenario);
          return !outcome.ok || outcome.result.diagnosis.ruleId !== d.ruleId;
        });
        expect(differs, `${id} is listed as out of scope but the what-if reproduces it`).toBe(true);
        return;
      }
      expect(diagnoses.length).toBeGreaterThan(0);
      expect(diagnoses.length).toBe(chromiumErrors.length);
      diagnoses.forEach((diagnosis, i) => {
        const outcome = runWhatIf(scenarioFromDiagnosis(diagnosis).scenario);
        if (!outcome.ok) throw new Error(outcome.errors.join(' '));
        const { diagnosis: whatIf } = outcome.result;
        expect(whatIf.chromiumError, 'Chromium\'s own verdict').toBe(chromiumErrors[i]);
        expect(whatIf.ruleId, 'the engine\'s rule on the recording').toBe(diagnosis.ruleId);
      });
      compared.push(id);
    });
  }

  it('compares every recording it can express', () => {
    const expressible = recordings.filter((id) => !(id in OUT_OF_SCOPE) && !NOT_IN_THE_LOG.has(id));
    expect(compared.sort()).toEqual(expressible);
    expect(expressible.length).toBeGreaterThanOrEqual(35);
  });
});
