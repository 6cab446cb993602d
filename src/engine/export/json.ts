/**
 * The CLI's --json schema (version 1). The panel's JSON export uses the same functions.
 * Fields were only ever added to version 1 (exchanges, curl, environment, redaction), never
 * changed, so a reader of the first version reads this one.
 */
import { explain } from '../explain/index.ts';
import { renderSnippets } from '../snippets/index.ts';
import type { Diagnosis, Evidence, Exchange, Header, Verdict } from '../types.ts';
import { curlScript } from './curl.ts';
import type { ExportEnvironment } from './environment.ts';
import { collectSecrets, redactDiagnosis, redactText, scrubDeep, secretScrubber, transactionExchanges } from './redact.ts';

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
  inferences: readonly string[];
  preflight: { url: string; status: number } | null;
  preflightState: 'sent' | 'not-needed' | 'not-in-log';
  requestOrigin: string | null;
  httpStatus: number;
  evidence: Evidence[];
  warnings: { ruleId: string; title: string; summary: string }[];
  snippets: Record<string, string>;
  /** The exchanges themselves, every header as captured (redacted unless secrets were included). */
  exchanges: { preflight: JsonExchange | null; redirects: JsonExchange[]; request: JsonExchange };
  /** Shell commands that replay the preflight and the request (curl ignores CORS: read the answer). */
  curl: string;
}

export interface JsonExchange {
  method: string;
  url: string;
  startedDateTime: string;
  status: number;
  statusText: string;
  error: string | null;
  requestHeaders: Header[];
  responseHeaders: Header[];
}

export interface JsonRedaction {
  /** False: cookie values, credentials, API keys and URL tokens were replaced by REDACTED, bodies left out. */
  secretsIncluded: boolean;
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'cors-lens'; version: string };
  source: { creator: string | null; entries: number; skipped: string[] };
  results: JsonResult[];
  environment?: ExportEnvironment;
  redaction: JsonRedaction;
}

function toJsonExchange(e: Exchange): JsonExchange {
  return {
    method: e.method, url: e.url, startedDateTime: e.startedDateTime, status: e.status, statusText: e.statusText,
    error: e.error, requestHeaders: e.requestHeaders.map(({ name, value }) => ({ name, value })),
    responseHeaders: e.responseHeaders.map(({ name, value }) => ({ name, value })),
  };
}

/**
 * The result as captured: no redaction. Exports go through `exportResults`. `stacks`: the servers
 * whose fix it carries (default: every one; a fix for all 17 is most of a result's size).
 */
export function toJsonResult(diagnosis: Diagnosis, stacks?: readonly string[]): JsonResult {
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
    snippets: diagnosis.finding.fix ? renderSnippets(diagnosis.finding.fix, stacks) : {},
    exchanges: {
      preflight: tx.preflight ? toJsonExchange(tx.preflight) : null,
      redirects: tx.redirectHops.map(toJsonExchange),
      request: toJsonExchange(tx.actualRequest),
    },
    // The transaction is already redacted when it should be: curl keeps what it is given.
    curl: curlScript(tx, { includeSecrets: true }),
  };
}

/**
 * Results for an export: redacted (both layers, see redact.ts) unless secrets are included.
 * Markdown, JSON, the panel and the CLI all come through here.
 */
export function exportResults(diagnoses: readonly Diagnosis[], options: { includeSecrets?: boolean; stacks?: readonly string[] } = {}): JsonResult[] {
  const { stacks } = options;
  if (options.includeSecrets === true) return diagnoses.map((diagnosis) => toJsonResult(diagnosis, stacks));
  return diagnoses.map((diagnosis) => {
    const scrub = secretScrubber(collectSecrets(transactionExchanges(diagnosis.transaction)));
    return scrubDeep(toJsonResult(redactDiagnosis(diagnosis), stacks), scrub);
  });
}

/**
 * Redaction for what surrounds the results (skipped-entry lines, the environment): they quote
 * URLs too. Both layers, with the secrets of every transaction in the report.
 */
export function cleaner(diagnoses: readonly Diagnosis[], includeSecrets: boolean): <T>(value: T) => T {
  if (includeSecrets) return (value) => value;
  const scrub = secretScrubber(diagnoses.flatMap((d) => [...collectSecrets(transactionExchanges(d.transaction))]));
  return (value) => scrubDeep(scrubDeep(value, redactText), scrub);
}

export interface ReportOptions {
  toolVersion: string;
  includeSecrets?: boolean;
  environment?: ExportEnvironment;
  /** The servers whose fix each result carries (default: every one). */
  stacks?: readonly string[];
}

export function toJsonReport(
  diagnoses: readonly Diagnosis[],
  source: { creator: string | null; entries: number; skipped: string[] },
  options: ReportOptions,
): JsonReport {
  const includeSecrets = options.includeSecrets === true;
  const results = exportResults(diagnoses, { includeSecrets, stacks: options.stacks });
  const clean = cleaner(diagnoses, includeSecrets);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: 'cors-lens', version: options.toolVersion },
    source: clean(source),
    results,
    ...(options.environment ? { environment: clean(options.environment) } : {}),
    redaction: { secretsIncluded: includeSecrets },
  };
}
