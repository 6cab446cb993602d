/** What "Retry from the page" sends: the request as the page's code made it, nothing the browser adds. */
import { isBrowserManagedHeader } from '../engine/fetch-spec.ts';
import { getHeader } from '../engine/headers.ts';
import type { Diagnosis } from '../engine/types.ts';
import type { RetryRequest } from '../platform/inspected-window.ts';

export function retryRequestFor(diagnosis: Diagnosis): RetryRequest {
  const tx = diagnosis.transaction;
  const first = tx.redirectHops[0] ?? tx.actualRequest;
  const declared = first.declared;
  // The credentials mode: declared, or what the diagnosis established (a Cookie was sent, or
  // only credentials explain the block); else fetch's default.
  const include = declared?.credentials === 'include' || getHeader(first.requestHeaders, 'cookie') !== null
    || diagnosis.finding.params.credentialsMode === 'include';
  const mode = declared?.mode === 'no-cors' || declared?.mode === 'same-origin' ? declared.mode : 'cors';
  return {
    url: first.url,
    method: first.method,
    headers: first.requestHeaders.filter((h) => !isBrowserManagedHeader(h.name)).map(({ name, value }) => ({ name, value })),
    credentials: declared?.credentials ?? (include ? 'include' : 'same-origin'),
    mode,
  };
}
