/**
 * One verdict per transaction. Decides the credentials mode (declared, else inferred from the
 * evidence the log holds), runs Chromium's checks, and lets the first matching rule explain.
 */
import { evaluateCors, evaluateCorsBothModes, type CorsFailure } from './chromium-cors.ts';
import { firefoxReasonFor } from './firefox.ts';
import { corsHeadersOf, type CorsHeaders } from './cors-headers.ts';
import { describeEarlier, describeWindow, EARLIER_CONTEXT, type EarlierExchange } from './history.ts';
import { NONE } from './none.ts';
import { entryCount, normalizeHar, parseHarJson, type NormalizedLog } from './normalize.ts';
import { withUrlCache } from './origin.ts';
import { byTime, inTimeOrder, pairInTimeOrder } from './pair.ts';
import { rulesFor } from './rules/index.ts';
import type { CredentialsInference, RuleContext } from './rule.ts';
import type { CorsTransaction, Diagnosis, Exchange, Finding, RuleId } from './types.ts';

/** The few possible inferences, made once: every diagnosis of a log keeps one. */
const CREDENTIALS = {
  declaredInclude: Object.freeze<CredentialsInference>({ include: true, basis: 'declared' }),
  declaredOmit: Object.freeze<CredentialsInference>({ include: false, basis: 'declared' }),
  cookieHeader: Object.freeze<CredentialsInference>({ include: true, basis: 'cookie-header' }),
  storageAccessHeader: Object.freeze<CredentialsInference>({ include: true, basis: 'storage-access-header' }),
  outcome: Object.freeze<CredentialsInference>({ include: true, basis: 'outcome' }),
  default: Object.freeze<CredentialsInference>({ include: false, basis: 'default' }),
};

function knownCredentials(tx: CorsTransaction): CredentialsInference | null {
  const declared = tx.actualRequest.declared?.credentials;
  if (declared) return declared === 'include' ? CREDENTIALS.declaredInclude : CREDENTIALS.declaredOmit;
  if (anyHopSent(tx, sentCookie)) return CREDENTIALS.cookieHeader;
  if (anyHopSent(tx, sentStorageAccess)) return CREDENTIALS.storageAccessHeader;
  return null;
}

const sentCookie = (headers: CorsHeaders) => headers.cookie !== null;
const sentStorageAccess = (headers: CorsHeaders) => headers.secFetchStorageAccess !== null;

function anyHopSent(tx: CorsTransaction, sent: (headers: CorsHeaders) => boolean): boolean {
  const hops = tx.redirectHops;
  for (let i = 0; i < hops.length; i++) if (sent(corsHeadersOf(hops[i]!))) return true;
  return sent(corsHeadersOf(tx.actualRequest));
}

interface CorsOutcome {
  credentials: CredentialsInference;
  failure: CorsFailure | null;
  alternativeFailure: CorsFailure | null;
}

/**
 * Without evidence, assume fetch's default (no credentials). If the headers pass that way but the
 * browser still blocked the request, only credentials explain it: infer them from the outcome.
 */
export function decideCors(tx: CorsTransaction): CorsOutcome {
  const known = knownCredentials(tx);
  if (known) return { credentials: known, failure: evaluateCors(tx, known.include), alternativeFailure: null };
  const { omit: withoutCredentials, include: withCredentials } = evaluateCorsBothModes(tx);
  if (!withoutCredentials && withCredentials && blockedAsCorsBlocks(tx.actualRequest)) {
    return { credentials: CREDENTIALS.outcome, failure: withCredentials, alternativeFailure: null };
  }
  return { credentials: CREDENTIALS.default, failure: withoutCredentials, alternativeFailure: withCredentials };
}

/**
 * Failed the way a CORS block fails: Chromium logs net::ERR_FAILED (or, for the request a failed
 * preflight stopped, nothing at all). A fetch the page aborted (net::ERR_ABORTED, which SPAs do
 * all the time) or a network error says nothing about credentials.
 */
const blockedAsCorsBlocks = (request: Exchange): boolean =>
  request.outcome === 'failed' && (request.error === null || request.error === 'net::ERR_FAILED');

/**
 * What a transaction's history rules may look back at: a window of the log (the panel's, a
 * test's), or, from diagnoseLog, a function handing the facts it read once for the whole log.
 * Only two warning rules read it, on requests that passed, so it is built on first use.
 */
export type EarlierSource = readonly Exchange[] | (() => readonly EarlierExchange[]);

export function diagnoseTransaction(tx: CorsTransaction, earlier: EarlierSource = []): Diagnosis {
  // Its findings keep what they need of the context (not the earlier exchanges): the context goes.
  return diagnoseInContext(new TransactionContext(tx, earlier, decideCors(tx)));
}

function diagnoseInContext(context: TransactionContext): Diagnosis {
  const { tx } = context;
  // Most transactions have no warning: they share the frozen empty list.
  let warnings: { ruleId: RuleId; finding: Finding }[] | null = null;
  for (const rule of rulesFor(context.failure?.error ?? null)) {
    const found = rule.check(context);
    if (!found) continue;
    if (rule.meta.verdict === 'warning') {
      (warnings ??= []).push({ ruleId: rule.meta.id, finding: found });
      continue;
    }
    const failure = rule.meta.chromiumErrors.length > 0 ? context.failure : null;
    const chromiumError = failure && rule.meta.chromiumErrors.includes(failure.error) ? failure.error : null;
    // Firefox's name follows from the response when Chromium's verdict is known (Firefox checks
    // in another order); otherwise from the rule.
    const firefoxReason = chromiumError ? firefoxReasonFor(chromiumError, tx, context.credentials.include)
      : rule.meta.firefoxReason ?? null;
    const headline = rule.meta.verdict === 'ok' ? warnings?.shift() : undefined;
    return {
      verdict: headline ? 'warning' : rule.meta.verdict,
      ruleId: headline ? headline.ruleId : rule.meta.id,
      chromiumError,
      firefoxReason,
      finding: headline ? headline.finding : found,
      warnings: warnings ?? NONE,
      transaction: tx,
    };
  }
  // Unreachable while the rule list ends with rules that cover every case; kept total for safety.
  return {
    verdict: 'not-cors', ruleId: 'not-cross-origin', chromiumError: null, firefoxReason: null,
    finding: { evidence: [], params: {}, inferences: [], fix: null }, warnings: warnings ?? NONE, transaction: tx,
  };
}

/** A class, not an object literal with a getter: V8 builds those slowly, once per transaction. */
class TransactionContext implements RuleContext {
  readonly failure: CorsFailure | null;
  readonly alternativeFailure: CorsFailure | null;
  readonly credentials: CredentialsInference;
  private window: readonly EarlierExchange[] | null = null;

  constructor(readonly tx: CorsTransaction, private readonly earlierSource: EarlierSource, outcome: CorsOutcome) {
    this.failure = outcome.failure;
    this.alternativeFailure = outcome.alternativeFailure;
    this.credentials = outcome.credentials;
  }

  get earlier(): readonly EarlierExchange[] {
    const source = this.earlierSource;
    return (this.window ??= typeof source === 'function' ? source() : describeWindow(source));
  }
}

export interface LogDiagnosis {
  diagnoses: Diagnosis[];
  problems: string[];
  creator: string | null;
}

/** Diagnoses every transaction of a normalized log, in time order. */
export function diagnoseLog(log: Pick<NormalizedLog, 'exchanges' | 'problems'> & { creator?: string | null }): LogDiagnosis {
  // Request URLs, redirect targets, Origin and Referer values: at most a few per exchange.
  return withUrlCache(2 * log.exchanges.length, () => diagnoseOrderedLog(log));
}

function diagnoseOrderedLog(log: Pick<NormalizedLog, 'exchanges' | 'problems'> & { creator?: string | null }): LogDiagnosis {
  const ordered = inTimeOrder(log.exchanges);
  const transactions = pairInTimeOrder(ordered);
  // The exchanges a rule may cite as context (their positions in `ordered`), read as the
  // diagnosis reaches them: each transaction gets its window without copying 500 exchanges.
  const contextAt: number[] = [];
  const contextExchanges: EarlierExchange[] = [];
  const diagnoses: Diagnosis[] = [];
  let seen = 0;
  let windowStart = 0;
  // Indexed (see pairTransactions): a for…of here allocated an iterator result per transaction.
  for (let i = 0; i < transactions.length; i++) {
    const tx = transactions[i]!;
    const first = tx.redirectHops[0] ?? tx.actualRequest;
    // Everything logged before this transaction began is its context (cookies set, origins echoed).
    for (; seen < ordered.length && byTime(ordered[seen]!, first) < 0; seen++) {
      const facts = describeEarlier(ordered[seen]!);
      if (facts) {
        contextAt.push(seen);
        contextExchanges.push(facts);
      }
    }
    // `seen` only moves forward, so the window's start does too; its end is all read so far.
    while (windowStart < contextAt.length && contextAt[windowStart]! < seen - EARLIER_CONTEXT) windowStart++;
    const from = windowStart;
    const to = contextAt.length;
    diagnoses.push(diagnoseTransaction(tx, () => contextExchanges.slice(from, to)));
  }
  return { diagnoses, problems: log.problems, creator: log.creator ?? null };
}

/** HAR text → diagnoses. Throws HarInputError (with a message for the user) on bad input. */
export function analyzeHarText(text: string): LogDiagnosis {
  return analyzeHar(parseHarJson(text));
}

export function analyzeHar(harDocument: unknown): LogDiagnosis {
  // Room for the log's URLs from the start: normalize parses each entry's once (Exchange.target).
  return withUrlCache(2 * entryCount(harDocument), () => diagnoseLog(normalizeHar(harDocument)));
}
