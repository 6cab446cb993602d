/**
 * CORS Lens vs Chromium, request by request. For each request Chromium reported (CDP):
 *  - the engine's chromiumError on the same HAR must be Chromium's corsError (stored recordings
 *    in unit tests, and live);
 *  - live, the verdict the panel SHOWS must agree too: "blocked" exactly when Chromium has a
 *    corsError, with the same Chromium name in the detail view.
 */
import { analyzeHar } from '../../src/engine/diagnose.ts';
import type { Diagnosis } from '../../src/engine/types.ts';

export interface ChromiumRequest {
  url: string;
  /** Every hop's URL when known (a redirected request keeps one id); `url` is the last. */
  urls?: readonly string[];
  method: string;
  resourceType: string | null;
  corsError: string | null;
  netError: string | null;
}

/** What the panel shows for one request: its row, and the Chromium name in its detail view. */
export interface PanelVerdict {
  verdict: string;
  rule: string;
  method: string;
  url: string;
  /** The "Chromium: X" name in the detail view, or null when the detail names none. */
  chromiumError: string | null;
}

export interface ConformanceRow {
  request: string;
  chromium: string | null;
  engine: string | null;
  ruleId: string | null;
  /** Live only: the panel's row for the request ("blocked MissingAllowOriginHeader", "ok", …). */
  panel?: string;
  agree: boolean;
}

function transactionFor(diagnoses: readonly Diagnosis[], used: Set<Diagnosis>, request: ChromiumRequest): Diagnosis | undefined {
  return diagnoses.find((d) => {
    if (used.has(d)) return false;
    const hops = [...d.transaction.redirectHops, d.transaction.actualRequest];
    return hops[0]!.method === request.method && hops.some((hop) => hop.url === request.url);
  });
}

const isPreflight = (r: ChromiumRequest) => r.resourceType === 'preflight' || r.method === 'OPTIONS';

export function compareWithChromium(harDocument: unknown, requests: readonly ChromiumRequest[]): ConformanceRow[] {
  const { diagnoses } = analyzeHar(harDocument);
  const used = new Set<Diagnosis>();
  // Preflights belong to their request's transaction; Chromium reports the verdict on the request.
  return requests.filter((r) => !isPreflight(r)).map((request) => {
    const diagnosis = transactionFor(diagnoses, used, request);
    if (diagnosis) used.add(diagnosis);
    const engine = diagnosis?.chromiumError ?? null;
    // A request the DevTools HAR lacks can only agree if Chromium found no CORS error either.
    const agree = engine === request.corsError && (!request.corsError || diagnosis?.verdict === 'blocked');
    return { request: `${request.method} ${request.url}`, chromium: request.corsError, engine, ruleId: diagnosis?.ruleId ?? null, agree };
  });
}

/**
 * The panel row for a request: same first-hop method, and a URL the request went through. Rows
 * are taken in order (two identical requests have two rows) unless the panel collapsed repeats
 * of one problem into a single row, which then stands for each of them.
 */
export function panelRowFor(request: ChromiumRequest, rows: readonly PanelVerdict[], used = new Set<PanelVerdict>()): PanelVerdict | undefined {
  const urls = request.urls ?? [request.url];
  const matches = rows.filter((row) => row.method === request.method && (urls.includes(row.url) || row.url === request.url));
  const row = matches.find((candidate) => !used.has(candidate)) ?? matches[0];
  if (row) used.add(row);
  return row;
}

/** Does what the panel shows agree with Chromium's own verdict? */
export function panelAgrees(chromium: string | null, shown: PanelVerdict | undefined): boolean {
  if (!shown) return false;
  if (chromium === null) return shown.verdict !== 'blocked';
  return shown.verdict === 'blocked' && shown.chromiumError === chromium;
}

export const describePanel = (shown: PanelVerdict | undefined): string =>
  shown ? `${shown.verdict}${shown.chromiumError ? ` ${shown.chromiumError}` : ''} (${shown.rule})` : '(no row)';

/** Engine-on-HAR and panel both compared with Chromium: a row agrees only if both do. */
export function compareLive(harDocument: unknown, requests: readonly ChromiumRequest[], panelRows: readonly PanelVerdict[]): ConformanceRow[] {
  const sent = requests.filter((r) => !isPreflight(r));
  const used = new Set<PanelVerdict>();
  return compareWithChromium(harDocument, sent).map((row, i) => {
    const shown = panelRowFor(sent[i]!, panelRows, used);
    return { ...row, panel: describePanel(shown), agree: row.agree && panelAgrees(row.chromium, shown) };
  });
}

export function formatConformanceTable(rows: readonly { scenario: string; row: ConformanceRow }[]): string {
  const live = rows.some(({ row }) => row.panel !== undefined);
  const cells = rows.map(({ scenario, row }) => [
    scenario, row.chromium ?? '-', row.engine ?? '-', ...(live ? [row.panel ?? '-'] : []), row.ruleId ?? '(not in HAR)', row.agree ? 'yes' : 'NO',
  ]);
  const header = ['scenario', 'Chromium', 'CORS Lens (engine on HAR)', ...(live ? ['CORS Lens (panel shows)'] : []), 'rule', 'agree'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const agreed = rows.filter(({ row }) => row.agree).length;
  const percent = rows.length === 0 ? 0 : (100 * agreed) / rows.length;
  return [line(header), ...cells.map(line), `agreement: ${agreed}/${rows.length} (${percent.toFixed(1)} %)`].join('\n');
}
