/**
 * What both fixture recorders (Chromium, Firefox) share: which scenarios to record, and the lab on
 * the ports the committed recordings use, so both browsers' fixtures carry the same URLs and Origins.
 */
import { SCENARIOS, type Scenario } from '../lab/scenarios.ts';
import { startLab, type Lab } from '../lab/server.ts';
import { FIXED_PORTS } from '../test/e2e/run-scenario.ts';

/** The scenarios named on the command line (all when none); null, after saying so, for an unknown id. */
export function scenariosFromArgs(only: readonly string[]): readonly Scenario[] | null {
  const unknown = only.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) {
    console.error(`Unknown scenario id(s): ${unknown.join(', ')}`);
    return null;
  }
  return only.length > 0 ? SCENARIOS.filter((s) => only.includes(s.id)) : SCENARIOS;
}

export function startLabOnFixedPorts(): Promise<Lab> {
  return startLab(FIXED_PORTS).catch((error: unknown) => {
    console.warn(`Fixed ports ${Object.values(FIXED_PORTS).join('/')} unavailable (${String(error)}); using random ports.`);
    return startLab();
  });
}

/** Runs a recorder's main and exits with its code; bounded overall, so a wedged browser cannot hang CI. */
export function runBounded(name: string, main: () => Promise<number>): void {
  const overall = setTimeout(() => {
    console.error(`${name}: gave up after 10 minutes`);
    process.exit(3);
  }, 600_000);
  overall.unref();
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
