/**
 * The snippet generators (17 stacks, the largest part of the panel's code) load on first use:
 * only a detail view or the export menu needs them, never the list a developer sees first.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SnippetGenerator } from '../engine/snippets/index.ts';

/** Preference key of the stack the user chose last (snippet tabs and exports share it). */
export const STACK_PREFERENCE = 'snippet-stack';
/** The first stack in the engine's registry, used until the user picks one. */
export { DEFAULT_STACK } from '../engine/snippets/default-stack.ts';

let loading: Promise<SnippetGenerator[]> | null = null;
let loaded: SnippetGenerator[] | null = null;

export function loadSnippetGenerators(): Promise<SnippetGenerator[]> {
  loading ??= import('../engine/snippets/index.ts').then((m) => (loaded = m.snippetGenerators));
  return loading;
}

/** The registry once loaded (null until then); a failed load is thrown to the ErrorBoundary. */
export function useSnippetGenerators(): SnippetGenerator[] | null {
  const [generators, setGenerators] = useState<SnippetGenerator[] | null>(loaded);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (generators) return undefined;
    let mounted = true;
    loadSnippetGenerators().then((g) => mounted && setGenerators(g), (error: unknown) => mounted && setFailure(error ?? 'failed to load'));
    return () => { mounted = false; };
  }, []);
  if (failure !== null) throw failure instanceof Error ? failure : new Error(`Could not load the server fixes: ${String(failure)}`);
  return generators;
}
