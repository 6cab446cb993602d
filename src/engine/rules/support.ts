/** Small helpers the rules share: evidence, the base fix, and the facts most explanations quote. */
import { corsHeadersOf } from '../cors-headers.ts';
import { isSafelistedMethod } from '../fetch-spec.ts';
import { NONE } from '../none.ts';
import { pathnameOf, targetOf } from '../origin.ts';
import { requestedHeaders, requestMethod, type ChromiumCorsError, type CorsFailure } from '../chromium-cors.ts';
import type { EarlierExchange } from '../history.ts';
import type { CredentialsInference, RuleContext } from '../rule.ts';
import type { CorsPolicyFix, CorsTransaction, Evidence, Exchange, ExplanationParams, Finding } from '../types.ts';

export function evidence(on: Evidence['on'], label: string, value: string | null, note: string): Evidence {
  return { on, label, value, note };
}

export function failureIs(context: RuleContext, ...errors: ChromiumCorsError[]): boolean {
  return context.failure !== null && errors.includes(context.failure.error);
}

/** Where the failing response was: the preflight, a redirect hop, or the final response. */
export function failedOn(context: RuleContext): 'preflight-response' | 'redirect' | 'response' {
  const stage = context.failure?.stage;
  return stage === 'preflight' ? 'preflight-response' : stage === 'redirect' ? 'redirect' : 'response';
}

export function pathOf(exchange: Exchange): string {
  return pathnameOf(exchange.url) ?? '/';
}

/** The facts nearly every explanation quotes. */
export function baseParams(context: RuleContext): ExplanationParams {
  const { tx } = context;
  const first = tx.redirectHops[0] ?? tx.actualRequest;
  const checked: Exchange = context.failure?.exchange ?? tx.actualRequest;
  const requested = requestedHeaders(tx).join(', ');
  return {
    origin: context.failure?.comparedOrigin ?? tx.requestOrigin ?? '(unknown origin)',
    pageOrigin: tx.requestOrigin ?? '(unknown origin)',
    url: first.url,
    apiOrigin: targetOf(first)?.origin ?? first.url,
    path: pathOf(first),
    method: requestMethod(tx),
    status: String(checked.status),
    preflightStatus: tx.preflight ? String(tx.preflight.status) : '',
    allowOrigin: corsHeadersOf(checked).allowOrigin ?? '',
    credentialsMode: context.credentials.include ? 'include' : 'omit',
    credentialsBasis: credentialsBasisText(context),
    requestedHeaders: requested,
    requestedHeadersClause: requested !== '' ? `, Access-Control-Allow-Headers: ${requested}` : '',
  };
}

export function credentialsBasisText(context: RuleContext): string {
  switch (context.credentials.basis) {
    case 'declared': return 'the request declared its credentials mode';
    case 'cookie-header': return 'the request carried a Cookie header, so it was sent with credentials';
    case 'storage-access-header': return 'the request carried Sec-Fetch-Storage-Access, which Chromium sends on credentialed cross-site requests';
    case 'outcome': return "the server's answer passes every check without credentials, yet the browser blocked it, so the request must have been sent with credentials";
    case 'default': return 'nothing in the log shows credentials, so the default (no credentials) is assumed';
  }
}

/** The sentence stating an inferred credentials mode, made once per basis and mode rather than once per finding. */
const inferredSentences = new Map<string, readonly [omit: string, include: string]>();
function credentialsInferred(context: RuleContext): string {
  const { basis, include } = context.credentials;
  let sentences = inferredSentences.get(basis);
  if (!sentences) {
    const sentence = (mode: string) => `Credentials mode "${mode}" inferred: ${credentialsBasisText(context)}.`;
    inferredSentences.set(basis, (sentences = [sentence('omit'), sentence('include')]));
  }
  return sentences[include ? 1 : 0];
}

/** Inferences the verdict rests on, stated to the user. */
export function inferences(context: RuleContext): readonly string[] {
  let notes: string[] | null = null;
  if (context.credentials.basis !== 'declared' && context.credentials.basis !== 'default') {
    (notes ??= []).push(credentialsInferred(context));
  }
  // Only worth saying when the verdict itself depends on the mode.
  if (context.failure && context.alternativeFailure && context.alternativeFailure.error !== context.failure.error) {
    (notes ??= []).push(`If the request is sent ${context.credentials.include ? 'without' : 'with'} credentials, Chromium reports ${context.alternativeFailure.error} instead.`);
  }
  if (context.tx.preflightState === 'not-in-log') {
    (notes ??= []).push('This request needed a preflight but none is in the log: it was served from the preflight cache, or sent before recording started.');
  }
  return notes ?? NONE;
}

/** The policy that lets exactly this request through, before a rule adjusts it. */
export function baseFix(context: RuleContext, overrides?: Partial<CorsPolicyFix>): CorsPolicyFix {
  const { tx } = context;
  const method = requestMethod(tx);
  const upper = method.toUpperCase();
  const origin = tx.requestOrigin;
  const fix: CorsPolicyFix = {
    allowOrigins: origin && origin !== 'null' ? [origin] : NONE,
    allowMethods: isSafelistedMethod(upper) && method === upper ? NONE : [upper],
    allowHeaders: requestedHeaders(tx),
    allowCredentials: context.credentials.include,
    exposeHeaders: NONE,
    maxAgeSeconds: null,
    answerPreflightBeforeAuth: tx.preflight !== null || tx.preflightState === 'not-in-log',
    varyOrigin: true,
    path: pathOf(tx.redirectHops[0] ?? tx.actualRequest),
    // fetch() sends "patch" as written and methods compare byte for byte: fix the page's code too.
    notes: method !== upper ? [`In the page, write the method in upper case: method: '${upper}' (fetch() sends '${method}' as written).`] : NONE,
  };
  return overrides ? Object.assign(fix, overrides) : fix;
}

/** What a rule found: its evidence and, on top of the common ones, its own params and fix changes. */
export interface Found {
  evidence: Evidence[];
  params?: ExplanationParams;
  /** Absent: the base fix; null: no CORS fix; an object: the base fix with these changes. */
  fix?: Partial<CorsPolicyFix> | null;
  inferences?: string[];
}

/**
 * Builds what a rule found, from the transaction's context and what the rule's check worked out
 * on the way (`detail`, when rebuilding it would repeat the check's work). A module-level
 * function, not a closure: a closure would be one more object kept per diagnosis.
 */
export type BuildFound<Detail> = (context: RuleContext, detail: Detail) => Found;

/** What a finding has built so far: the rule's part on first read, the common parts as each is read. */
interface Built {
  found: Found;
  params: ExplanationParams | null;
  inferences: readonly string[] | null;
  fix: CorsPolicyFix | null | undefined;
}

/**
 * A finding built when first read, all of it: evidence, params, inferences, fix. A log's analysis
 * diagnoses every transaction but the user reads a few explanations. Building the common parts up
 * front cost a tenth of a big analysis (cachegrind: 7–13% of its instructions); building the
 * evidence and the rule's own parts up front kept four more objects per diagnosis for the
 * collector to copy.
 *
 * It keeps the four facts of its context that building reads, and is the context its builder
 * gets: the rule's context itself is let go, with the earlier exchanges it may hold (the panel
 * hands 500). A builder gets what it needs of those as its detail.
 */
class RuleFinding<Detail> implements Finding, RuleContext {
  readonly tx: CorsTransaction;
  readonly failure: CorsFailure | null;
  readonly alternativeFailure: CorsFailure | null;
  readonly credentials: CredentialsInference;
  private built: Built | null = null;

  constructor(context: RuleContext, private readonly build: BuildFound<Detail>, private readonly detail: Detail) {
    this.tx = context.tx;
    this.failure = context.failure;
    this.alternativeFailure = context.alternativeFailure;
    this.credentials = context.credentials;
  }

  get earlier(): readonly EarlierExchange[] {
    return NONE;
  }

  private get parts(): Built {
    return (this.built ??= { found: this.build(this, this.detail), params: null, inferences: null, fix: undefined });
  }

  get evidence(): Evidence[] {
    return this.parts.found.evidence;
  }

  get params(): ExplanationParams {
    const parts = this.parts;
    const own = parts.found.params;
    return (parts.params ??= own ? Object.assign(baseParams(this), own) : baseParams(this));
  }

  get inferences(): readonly string[] {
    const parts = this.parts;
    const own = parts.found.inferences;
    return (parts.inferences ??= own ? [...inferences(this), ...own] : inferences(this));
  }

  get fix(): CorsPolicyFix | null {
    const parts = this.parts;
    if (parts.fix === undefined) {
      const changes = parts.found.fix;
      parts.fix = changes === null ? null : baseFix(this, changes);
    }
    return parts.fix;
  }
}

/** A finding with the common params, inferences and fix, plus what `build` says the rule found. */
export function finding(context: RuleContext, build: BuildFound<undefined>): Finding;
export function finding<Detail>(context: RuleContext, build: BuildFound<Detail>, detail: Detail): Finding;
export function finding<Detail>(context: RuleContext, build: BuildFound<Detail>, detail?: Detail): Finding {
  return new RuleFinding(context, build, detail as Detail);
}

/** What the Allow-Origin rules found: the origin sent and the Allow-Origin it got back. */
export function originFound(context: RuleContext): Found {
  return { evidence: originEvidence(context) };
}

/** Evidence: the Origin the browser sent, and the Allow-Origin it got back. */
export function originEvidence(context: RuleContext): Evidence[] {
  const failure = context.failure;
  const on = failedOn(context);
  const requestSide = on === 'preflight-response' ? 'preflight-request' : 'request';
  const checked = failure?.exchange ?? context.tx.actualRequest;
  return [
    evidence(requestSide, 'origin', failure?.comparedOrigin ?? context.tx.requestOrigin, 'the origin the browser sent'),
    evidence(on, 'access-control-allow-origin', corsHeadersOf(checked).allowOrigin, 'must equal the origin exactly'),
  ];
}
