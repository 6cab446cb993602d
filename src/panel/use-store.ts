/** Re-renders a component whenever the store changes (Preact batches the renders). */
import { useEffect, useReducer } from 'preact/hooks';
import type { PanelState, PanelStore } from './store.ts';

export function useStoreState(store: PanelStore): PanelState {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => store.subscribe(() => rerender(undefined)), [store]);
  return store.getState();
}
