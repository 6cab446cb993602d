/**
 * The detail view's curl reproduction, loaded on first use (Detail lists it through lazySlot):
 * it brings the exports' redaction with it, which the panel does not need to open.
 */
import { useMemo } from 'preact/hooks';
import { curlScript } from '../engine/export/curl.ts';
import type { Diagnosis } from '../engine/types.ts';
import { CopyButton } from './CopyButton.tsx';
import type { PanelPlatform } from './platform.ts';

export function CurlSection({ diagnosis, platform }: { diagnosis: Diagnosis; platform: PanelPlatform }) {
  const curl = useMemo(() => curlScript(diagnosis.transaction), [diagnosis]);
  return (
    <div class="curl">
      <div class="code-bar">
        <span class="muted">curl does not enforce CORS: it shows the headers the server sends</span>
        <CopyButton text={curl} platform={platform} testId="copy-curl" />
      </div>
      <pre class="code" data-testid="curl"><code>{curl}</code></pre>
    </div>
  );
}
