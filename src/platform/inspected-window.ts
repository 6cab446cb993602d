/**
 * "Retry from the page": re-sends a request from the inspected page itself, through
 * devtools.inspectedWindow.eval (inspected-window-eval.ts). Never from the extension: extension
 * pages are not bound by the page's CORS, so a fetch from here would "work" and prove nothing.
 *
 * inspectedWindow.eval does not await promises, so the fetch stores its outcome on the page
 * under a random id and the panel polls for it (bounded), then removes it.
 */

export interface RetryRequest {
  url: string;
  method: string;
  /** Headers the page's code set (browser-managed ones are left out: fetch would refuse them). */
  headers: Array<{ name: string; value: string }>;
  credentials: 'omit' | 'same-origin' | 'include';
  mode: 'cors' | 'no-cors' | 'same-origin';
}

export type RetryResult =
  | { outcome: 'response'; status: number; statusText: string; type: string; headers: Array<[string, string]> }
  /** fetch() rejected: what a CORS failure looks like to page code ("TypeError: Failed to fetch"). */
  | { outcome: 'network-error'; message: string }
  /** The retry itself could not run (page gone, eval refused, timed out). */
  | { outcome: 'not-run'; message: string };

export interface InspectedPage {
  retry(request: RetryRequest): Promise<RetryResult>;
  /** The page's origin now (it may have navigated since the request), or null if unknown. */
  origin(): Promise<string | null>;
}

/** Where the page keeps pending retry outcomes (one property, deleted once read). */
const SLOT = '__corsLensRetry';

/** The code run in the page: starts the fetch and records its outcome under `id`. */
export function retryExpression(id: string, request: RetryRequest): string {
  const init = {
    method: request.method,
    headers: request.headers.map(({ name, value }) => [name, value]),
    credentials: request.credentials,
    mode: request.mode,
    cache: 'no-store',
  };
  // JSON literals are valid JavaScript: captured values reach the page as data, never as code.
  return `(() => {
  const slot = (window[${JSON.stringify(SLOT)}] = window[${JSON.stringify(SLOT)}] || {});
  const id = ${JSON.stringify(id)};
  slot[id] = { pending: true };
  fetch(${JSON.stringify(request.url)}, ${JSON.stringify(init)}).then(
    (response) => { slot[id] = { outcome: 'response', status: response.status, statusText: response.statusText,
      type: response.type, headers: [...response.headers] }; },
    (error) => { slot[id] = { outcome: 'network-error', message: String(error) }; });
  return true;
})()`;
}

/** Reads (and, once settled, removes) the outcome stored under `id`; null while pending. */
export function pollExpression(id: string): string {
  return `(() => {
  const slot = window[${JSON.stringify(SLOT)}] || {};
  const result = slot[${JSON.stringify(id)}];
  if (!result) return { outcome: 'not-run', message: 'The page was reloaded before the retry finished.' };
  if (result.pending) return null;
  delete slot[${JSON.stringify(id)}];
  return result;
})()`;
}

type Evaluate = (expression: string) => Promise<unknown>;

/** Retry over any evaluator (the real inspectedWindow.eval, or a test double). */
export function createInspectedPage(evaluate: Evaluate, options: { timeoutMs?: number; intervalMs?: number } = {}): InspectedPage {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 100;
  return {
    async origin() {
      try {
        const origin = await evaluate('location.origin');
        return typeof origin === 'string' ? origin : null;
      } catch {
        return null;
      }
    },
    async retry(request) {
      const id = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      try {
        await evaluate(retryExpression(id, request));
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          const result = await evaluate(pollExpression(id));
          if (result) return result as RetryResult;
          await new Promise((done) => setTimeout(done, intervalMs));
        }
        return { outcome: 'not-run', message: `The page did not finish the request within ${timeoutMs / 1000} s.` };
      } catch (error) {
        return { outcome: 'not-run', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** What a failed inspectedWindow.eval reports (both browsers use these fields). */
interface EvalExceptionInfo {
  isError?: boolean;
  isException?: boolean;
  /** isException: the thrown value as a string. */
  value?: unknown;
  /** isError: DevTools' message, with %s where `details` go. */
  description?: unknown;
  details?: unknown;
}

/** Property of the envelope the page puts its value in (see evalAnswerValue). */
const ENVELOPE = 'corsLensValue';

/** The expression to hand inspectedWindow.eval: `expression`'s value inside an envelope. */
export function envelopedExpression(expression: string): string {
  return `({ ${ENVELOPE}: (${expression}) })`;
}

/**
 * The value from what inspectedWindow.eval resolved with, for an envelopedExpression(); throws the
 * page's exception. The promise differs by browser:
 *  - Firefox: [result, undefined] or [undefined, exceptionInfo];
 *  - Chromium through the polyfill (Chromium without a native `browser`): the callback's
 *    arguments as an array (metadata singleCallbackArg: false), [result] or [null, exceptionInfo];
 *  - Chromium's native `browser.devtools` (Chromium 156): the result itself, and a rejection with
 *    the exceptionInfo (see evalFailure).
 * A bare result that is an array would read as the first two; the envelope (never an array) tells
 * them apart.
 */
export function evalAnswerValue(answer: unknown): unknown {
  const [envelope, exceptionInfo] = (Array.isArray(answer) ? answer : [answer]) as [unknown, unknown];
  if (isExceptionInfo(exceptionInfo)) throw new Error(exceptionMessage(exceptionInfo));
  if (typeof envelope !== 'object' || envelope === null) throw new Error('The page gave no answer.');
  // A JSON answer drops an undefined value, and the envelope's property with it.
  return (envelope as Record<string, unknown>)[ENVELOPE];
}

/** The Error for a rejected inspectedWindow.eval (Chromium's native one rejects with the exceptionInfo). */
export function evalFailure(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(isExceptionInfo(error) ? exceptionMessage(error) : String(error));
}

function isExceptionInfo(value: unknown): value is EvalExceptionInfo {
  return typeof value === 'object' && value !== null
    && ((value as EvalExceptionInfo).isException === true || (value as EvalExceptionInfo).isError === true);
}

function exceptionMessage(info: EvalExceptionInfo): string {
  if (info.isException && info.value !== undefined) return String(info.value);
  if (typeof info.description === 'string') {
    const details = Array.isArray(info.details) ? info.details.map(String) : [];
    return info.description.replace(/%s/g, () => details.shift() ?? '');
  }
  return 'The page refused to run the retry.';
}
