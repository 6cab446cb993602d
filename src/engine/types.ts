// The vocabulary of CORS Lens. Pure data: no DOM, no chrome.*, no Preact.
import type { CorsHeaders } from './cors-headers.ts';
import type { UrlParts } from './origin.ts';

export interface Header {
  name: string;
  value: string;
}

/** One HTTP request/response pair as the network log saw it (one HAR entry). */
export interface Exchange {
  /** Index of the entry in its source log, stable for the life of a capture. */
  index: number;
  url: string;
  /**
   * `url` parsed, once, by normalize (null: it does not parse), so the checks and rules of a big
   * log do not look it up again and again. Read it through targetOf(): exchanges built elsewhere
   * (what-if, tests) leave it out.
   */
  target?: UrlParts | null;
  method: string;
  startedDateTime: string;
  /** Milliseconds since epoch; NaN when the log had no usable time. */
  startedMs: number;
  requestHeaders: Header[];
  /** 0 when no response arrived (blocked preflight, network failure). */
  status: number;
  statusText: string;
  responseHeaders: Header[];
  /**
   * The headers CORS reads on every exchange (Origin, Access-Control-*, Cookie…), found by
   * normalize in one pass over each list. Read them through corsHeadersOf(): exchanges built
   * elsewhere leave it out.
   */
  corsHeaders?: CorsHeaders;
  /** Location of a redirect hop, else "". */
  redirectURL: string;
  /** Chrome's `response._error` (e.g. "net::ERR_FAILED"), else null. */
  error: string | null;
  /** Chrome's `_resourceType` (fetch, xhr, preflight, document, …), else null. */
  resourceType: string | null;
  /** Chrome's `_initiator.type` ("preflight", "script", "parser", …), else null. */
  initiatorType: string | null;
  fetchedViaServiceWorker: boolean;
  /** URL of the page (HAR `pages[].title`) the entry belongs to, else null. */
  pageUrl: string | null;
  /**
   * What the log says happened: failed (a `_error`, or no response), completed, or unknown
   * (logs such as Firefox's that do not record why a request failed).
   */
  outcome: 'failed' | 'completed' | 'unknown';
  /**
   * What the source knows beyond HAR (what-if editor, lab). A HAR never carries these:
   * the engine infers them and says so.
   */
  declared?: DeclaredRequestFacts;
}

export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate';
export type CredentialsMode = 'omit' | 'same-origin' | 'include';
export type RedirectMode = 'follow' | 'error' | 'manual';

export interface DeclaredRequestFacts {
  mode?: RequestMode;
  credentials?: CredentialsMode;
  redirect?: RedirectMode;
  /** Origin of the page that made the request, when known independently of the Origin header. */
  pageOrigin?: string;
  /** Response headers the page's script reads (e.g. via response.headers.get). */
  readsResponseHeaders?: string[];
  /** The page's Content-Security-Policy, when the source knows it. */
  contentSecurityPolicy?: string;
}

/** An actual request with its preflight and redirect hops, as the browser saw them. */
export interface CorsTransaction {
  /** The final hop of the actual request (the one that carries the outcome). */
  actualRequest: Exchange;
  /** Earlier hops of the actual request, oldest first (each has a redirectURL). */
  redirectHops: readonly Exchange[];
  preflight: Exchange | null;
  /**
   * sent: an OPTIONS preflight is in the log; not-needed: a simple request;
   * not-in-log: one was needed but none was captured (preflight cache, or recording started late).
   */
  preflightState: 'sent' | 'not-needed' | 'not-in-log';
  /** Origin the request was made from ("null" for opaque origins), or null when unknown. */
  requestOrigin: string | null;
  crossOrigin: boolean;
}

export type Verdict = 'blocked' | 'warning' | 'ok' | 'not-cors';

/** A quoted fact the diagnosis rests on, shown and highlighted in the UI. */
export interface Evidence {
  /** Where the fact was seen. */
  on: 'preflight-request' | 'preflight-response' | 'request' | 'response' | 'redirect' | 'log';
  /** Header name (lower case) or a short label ("status", "error", "url"). */
  label: string;
  /** The value as captured, or null when the point is that it is absent. */
  value: string | null;
  /** Why this fact matters, in a few words. */
  note: string;
}

/** Server-neutral description of the CORS policy that would have let the request through. */
export interface CorsPolicyFix {
  /** Exact origins to allow; never "*" when credentials is true. Empty = no change needed. */
  allowOrigins: readonly string[];
  /** Methods the preflight must allow (upper case as the request sends them). */
  allowMethods: readonly string[];
  /** Request headers the preflight must allow (lower case). */
  allowHeaders: readonly string[];
  allowCredentials: boolean;
  /** Response headers the page must be able to read. */
  exposeHeaders: readonly string[];
  /** Seconds the browser may cache the preflight, or null to leave the default. */
  maxAgeSeconds: number | null;
  /** Answer OPTIONS with 204 and CORS headers before any auth/redirect middleware. */
  answerPreflightBeforeAuth: boolean;
  /** Echoing the origin: add Vary: Origin so caches keep origins apart. */
  varyOrigin: boolean;
  /** The API path that failed, for stacks that configure per route. */
  path: string;
  /** Fix that is not a CORS header (e.g. client code, https, permission); shown as a note. */
  notes: readonly string[];
}

/** Values the explanation text may quote; every placeholder must be filled from here. */
export type ExplanationParams = Record<string, string>;

export interface Finding {
  evidence: Evidence[];
  params: ExplanationParams;
  /** True when the verdict rests on an inferred credentials mode or another inference. */
  inferences: readonly string[];
  fix: CorsPolicyFix | null;
}

export interface Diagnosis {
  verdict: Verdict;
  ruleId: RuleId;
  chromiumError: string | null;
  firefoxReason: string | null;
  finding: Finding;
  /** Further warnings on the same transaction (verdict 'warning' or 'ok' only). */
  warnings: readonly { ruleId: RuleId; finding: Finding }[];
  transaction: CorsTransaction;
}

export type RuleId = string;
