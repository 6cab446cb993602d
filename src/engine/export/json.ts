/** The CLI's --json schema (version 1). The panel's JSON export uses the same function. */
import { explain } from '../explain/index.ts';
import { renderSnippets } from '../snippets/index.ts';
import type { Diagnosis, Evidence, Verdict } from '../types.ts';

export const JSON_REPORT_VERSION = 1;

export interface JsonResult {
  url: string;
  method: string;
  startedDateTime: string;
  status: Verdict;
  ruleId: string;
  chromiumError: string | null;
  firefoxReason: string | null;
  title: string;
  summary: string;
  explanation: { whatHappened: string; why: string; fix: string; links: string[] };
  inferences: string[];
  preflight: { url: string; status: number } | null;
  preflightState: 'sent' | 'not-needed' | 'not-in-log';
  requestOrigin: string | null;
  httpStatus: number;
  evidence: Evidence[];
  warnings: { ruleId: string; title: string; summary: string }[];
  snippets: Record<string, string>;
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'cors-lens'; version: string };
  source: { creator: string | null; entries: number; skipped: string[] };
  results: JsonResult[];
}

export function toJsonResult(diagnosis: Diagnosis): JsonResult {
  const { transaction: tx } = diagnosis;
  const first = tx.redirectHops[0] ?? tx.actualRequest;
  const explanation = explain(diagnosis);
  return {
    url: first.url,
    method: first.method,
    startedDateTime: first.startedDateTime,
    status: diagnosis.verdict,
    ruleId: diagnosis.ruleId,
    chromiumError: diagnosis.chromiumError,
    firefoxReason: diagnosis.firefoxReason,
    title: explanation.title,
    summary: explanation.summary,
    explanation: { whatHappened: explanation.whatHappened, why: explanation.why, fix: explanation.fix, links: explanation.links },
    inferences: explanation.inferences,
    preflight: tx.preflight ? { url: tx.preflight.url, status: tx.preflight.status } : null,
    preflightState: tx.preflightState,
    requestOrigin: tx.requestOrigin,
    httpStatus: tx.actualRequest.status,
    evidence: diagnosis.finding.evidence,
    warnings: diagnosis.warnings.map((w) => {
      const text = explain({ ...diagnosis, ruleId: w.ruleId, finding: w.finding });
      return { ruleId: w.ruleId, title: text.title, summary: text.summary };
    }),
    snippets: diagnosis.finding.fix ? renderSnippets(diagnosis.finding.fix) : {},
  };
}

export function toJsonReport(
  diagnoses: readonly Diagnosis[],
  source: { creator: string | null; entries: number; skipped: string[] },
  toolVersion: string,
): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: 'cors-lens', version: toolVersion },
    source,
    results: diagnoses.map(toJsonResult),
  };
}
