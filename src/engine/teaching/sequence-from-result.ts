/**
 * The sequence diagram of an exported result (JSON schema v1), for the Markdown export: the
 * exchanges there are already redacted, so the diagram quotes nothing the export does not.
 */
import { evaluateCors, type CorsFailure } from '../chromium-cors.ts';
import { decideCors } from '../diagnose.ts';
import { getHeader } from '../headers.ts';
import { originOf } from '../origin.ts';
import type { JsonExchange, JsonResult } from '../export/json.ts';
import type { CorsTransaction, Diagnosis, Exchange } from '../types.ts';
import { buildSequence, type SequenceDiagram } from './sequence.ts';

function toExchange(e: JsonExchange, index: number, kind: 'preflight' | 'fetch'): Exchange {
  const location = e.status >= 300 && e.status < 400 ? getHeader(e.responseHeaders, 'location') : null;
  let redirectURL = '';
  if (location) {
    try {
      redirectURL = new URL(location, e.url).href;
    } catch {
      redirectURL = location;
    }
  }
  return {
    index, url: e.url, method: e.method, startedDateTime: e.startedDateTime, startedMs: Date.parse(e.startedDateTime),
    requestHeaders: e.requestHeaders, status: e.status, statusText: e.statusText, responseHeaders: e.responseHeaders,
    redirectURL, error: e.error, resourceType: kind, initiatorType: kind === 'preflight' ? 'preflight' : 'script',
    fetchedViaServiceWorker: false, pageUrl: null,
    outcome: e.error !== null || e.status === 0 ? 'failed' : 'completed',
  };
}

export function sequenceFromResult(result: JsonResult): SequenceDiagram {
  const { exchanges } = result;
  const tx: CorsTransaction = {
    preflight: exchanges.preflight ? toExchange(exchanges.preflight, 0, 'preflight') : null,
    redirectHops: exchanges.redirects.map((hop, i) => toExchange(hop, i + 1, 'fetch')),
    actualRequest: toExchange(exchanges.request, exchanges.redirects.length + 1, 'fetch'),
    preflightState: result.preflightState,
    requestOrigin: result.requestOrigin,
    crossOrigin: result.ruleId !== 'not-cross-origin',
  };
  if (tx.requestOrigin === null) tx.crossOrigin = tx.crossOrigin && originOf(exchanges.request.url) !== null;
  // The export keeps the verdict, not the credentials mode it rests on: take the mode that gives it.
  let failure: CorsFailure | null = decideCors(tx).failure;
  if ((failure?.error ?? null) !== result.chromiumError) {
    failure = [evaluateCors(tx, true), evaluateCors(tx, false)].find((f) => (f?.error ?? null) === result.chromiumError) ?? failure;
  }
  const diagnosis: Diagnosis = {
    verdict: result.status, ruleId: result.ruleId, chromiumError: result.chromiumError, firefoxReason: result.firefoxReason,
    finding: { evidence: result.evidence, params: {}, inferences: result.inferences, fix: null }, warnings: [], transaction: tx,
  };
  return buildSequence({ diagnosis, failure });
}
