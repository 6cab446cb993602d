/**
 * Re-sends the selected request from the inspected page (see src/platform/inspected-window.ts)
 * and says what the page got. The new attempt also shows up in the list like any request.
 */
import { useState } from 'preact/hooks';
import type { Diagnosis } from '../engine/types.ts';
import type { RetryResult } from '../platform/inspected-window.ts';
import type { PanelPlatform } from './platform.ts';
import { retryRequestFor } from './retry-request.ts';

/** Render with key={row key}: a new row starts with no result (the retried request itself joins its row). */
export function RetryFromPage({ diagnosis, platform, imported }: { diagnosis: Diagnosis; platform: PanelPlatform; imported: boolean }) {
  const [state, setState] = useState<'idle' | 'running' | RetryResult>('idle');
  const page = platform.inspectedPage;
  const disabledWhy = !page ? 'No inspected page to send from.'
    : imported ? 'This request comes from an imported file: the inspected page may be another site.' : null;
  const request = retryRequestFor(diagnosis);
  return (
    <div class="retry">
      <button type="button" data-testid="retry" disabled={disabledWhy !== null || state === 'running'} title={disabledWhy ?? undefined}
        onClick={async () => {
          setState('running');
          // From another origin the browser would judge a different request: refuse rather than mislead.
          const origin = await page!.origin();
          const from = diagnosis.transaction.requestOrigin;
          if (origin !== null && from !== null && origin !== from) {
            setState({ outcome: 'not-run', message: `the inspected page is now at ${origin}, but the request was made from ${from}. Open a page of ${from} and retry there.` });
            return;
          }
          setState(await page!.retry(request));
        }}>
        {state === 'running' ? 'Retrying…' : 'Retry from the page'}
      </button>
      <span class="muted"> {request.method} with credentials: {request.credentials}{request.headers.length > 0 ? `, headers: ${request.headers.map((h) => h.name).join(', ')}` : ''}{request.method === 'GET' || request.method === 'HEAD' ? '' : ', without a body (CORS does not look at it)'}. Sent by the page, so the browser applies CORS exactly as before.</span>
      {typeof state === 'object' && (
        <p class={`retry-result retry-${state.outcome}`} data-testid="retry-result" data-outcome={state.outcome} role="status">
          {state.outcome === 'response' && state.type === 'opaque'
            ? 'The page got an opaque response (mode no-cors): it was sent, but the page cannot read it.'
            : state.outcome === 'response'
            ? `The page read the response: HTTP ${state.status} ${state.statusText} (response type "${state.type}"). CORS lets it through now.`
            : state.outcome === 'network-error'
              ? `Still blocked: the page's fetch failed with "${state.message}". The new attempt is in the list.`
              : `Could not retry: ${state.message}`}
        </p>
      )}
    </div>
  );
}
