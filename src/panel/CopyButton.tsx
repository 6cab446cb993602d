import { useState } from 'preact/hooks';
import type { PanelPlatform } from './platform.ts';

/** A copy button that says whether the copy worked. */
export function CopyButton({ text, platform, testId, label = 'Copy' }: { text: string; platform: PanelPlatform; testId: string; label?: string }) {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button type="button" class="copy-button" data-testid={testId} aria-live="polite"
      onClick={async () => setResult(await platform.copyText(text) ? 'copied' : 'failed')}
      onBlur={() => setResult('idle')}>
      {result === 'copied' ? 'Copied' : result === 'failed' ? 'Copy failed: select the text' : label}
    </button>
  );
}
