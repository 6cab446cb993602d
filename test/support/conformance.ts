/**
 * Engine vs Chromium, request by request: for each request Chromium reported (CDP), the
 * engine's chromiumError on the same HAR must be Chromium's corsError. Used on the stored
 * recordings (unit test) and live in the browser (e2e test).
 */
import { analyzeHar } from '../../src/engine/diagnose.ts';
import type { Diagnosis } from '../../src/engine/types.ts';

export interface ChromiumRequest {
  url: string;
  method: string;
  resourceType: string | null;
  corsError: string | null;
  netError: string | null;
}

export interface ConformanceRow {
  request: string;
  chromium: string | null;
  engine: string | null;
  ruleId: string | null;
  agree: boolean;
}

function transactionFor(diagnoses: readonly Diagnosis[], used: Set<Diagnosis>, request: ChromiumRequest): Diagnosis | undefined {
  return diagnoses.find((d) => {
    if (used.has(d)) return false;
    const hops = [...d.transaction.redirectHops, d.transaction.actualRequest];
    return hops[0]!.method === request.method && hops.some((hop) => hop.url === request.url);
  });
}

export function compareWithChromium(harDocument: unknown, requests: readonly ChromiumRequest[]): ConformanceRow[] {
  const { diagnoses } = analyzeHar(harDocument);
  const used = new Set<Diagnosis>();
  // Preflights belong to their request's transaction; Chromium reports the verdict on the request.
  return requests.filter((r) => r.resourceType !== 'preflight' && r.method !== 'OPTIONS').map((request) => {
    const diagnosis = transactionFor(diagnoses, used, request);
    if (diagnosis) used.add(diagnosis);
    const engine = diagnosis?.chromiumError ?? null;
    // A request the DevTools HAR lacks can only agree if Chromium found no CORS error either.
    const agree = engine === request.corsError && (!request.corsError || diagnosis?.verdict === 'blocked');
    return { request: `${request.method} ${request.url}`, chromium: request.corsError, engine, ruleId: diagnosis?.ruleId ?? null, agree };
  });
}

export function formatConformanceTable(rows: readonly { scenario: string; row: ConformanceRow }[]): string {
  const cells = rows.map(({ scenario, row }) => [scenario, row.chromium ?? '-', row.engine ?? '-', row.ruleId ?? '(not in HAR)', row.agree ? 'yes' : 'NO']);
  const header = ['scenario', 'Chromium', 'CORS Lens', 'rule', 'agree'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const agreed = rows.filter(({ row }) => row.agree).length;
  return [line(header), ...cells.map(line), `agreement: ${agreed}/${rows.length}`].join('\n');
}
