/** Re-renders a component whenever the store changes (Preact batches the renders). */
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { PanelState, PanelStore } from './store.ts';

export function useStoreState(store: PanelStore): PanelState {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const state = store.getState();
  const rendered = useRef(state);
  rendered.current = state;
  useEffect(() => {
    const check = () => {
      if (store.getState() !== rendered.current) rerender(undefined);
    };
    const unsubscribe = store.subscribe(check);
    // Effects run after the render: a change in between (the backfill answering) must not be missed.
    check();
    return unsubscribe;
  }, [store]);
  return state;
}
