/**
 * The fix as code, one tab per server stack. Tabs come from the engine's generator registry, so a
 * stack added there appears here with no change. The chosen stack is remembered.
 */
import { useMemo, useState } from 'preact/hooks';
import type { CorsPolicyFix } from '../engine/types.ts';
import { CopyButton } from './CopyButton.tsx';
import type { PanelPlatform } from './platform.ts';
import { DEFAULT_STACK, STACK_PREFERENCE, useSnippetGenerators } from './snippet-stacks.ts';

export function SnippetTabs({ fix, platform }: { fix: CorsPolicyFix; platform: PanelPlatform }) {
  const snippetGenerators = useSnippetGenerators() ?? [];
  const [stack, setStack] = useState(() => platform.preferences.get(STACK_PREFERENCE) ?? DEFAULT_STACK);
  const generator = snippetGenerators.find((g) => g.id === stack) ?? snippetGenerators[0];
  // Only the tab in view is rendered: generators are pure, so switching back re-renders the same text.
  const rendered = useMemo(() => {
    try {
      return { text: generator ? generator.render(fix) : '', error: null };
    } catch (error) {
      return { text: '', error: error instanceof Error ? error.message : String(error) };
    }
  }, [generator, fix]);
  const { text } = rendered;
  if (!generator) return <p class="muted" data-testid="snippets-loading">Loading the server fixes…</p>;

  const choose = (id: string) => {
    setStack(id);
    platform.preferences.set(STACK_PREFERENCE, id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const at = snippetGenerators.findIndex((g) => g.id === stack);
    const next = snippetGenerators[(at + step + snippetGenerators.length) % snippetGenerators.length]!;
    choose(next.id);
    (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-stack="${next.id}"]`)?.focus();
  };

  return (
    <div class="snippets">
      <div role="tablist" aria-label="Server stack" class="tabs" onKeyDown={onKeyDown}>
        {snippetGenerators.map((g) => (
          <button type="button" role="tab" key={g.id} id={`tab-${g.id}`} data-stack={g.id}
            aria-selected={g.id === stack ? 'true' : 'false'} aria-controls="snippet-panel"
            tabIndex={g.id === stack ? 0 : -1} class={g.id === stack ? 'tab active' : 'tab'} onClick={() => choose(g.id)}>
            {g.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="snippet-panel" aria-labelledby={`tab-${generator.id}`} class="snippet-panel" data-stack={generator.id}>
        {rendered.error !== null ? (
          <p class="notice error" role="alert">Could not write the {generator.label} snippet: {rendered.error}. The other tabs still work.</p>
        ) : (
          <>
            <div class="code-bar">
              <span class="muted">Paste into your {generator.label} server</span>
              <CopyButton text={text} platform={platform} testId="copy-snippet" />
            </div>
            <pre class={`code language-${generator.language}`} data-testid="snippet"><code>{text}</code></pre>
          </>
        )}
      </div>
    </div>
  );
}
