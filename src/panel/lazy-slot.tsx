/**
 * A slot component whose code is loaded on first use (import()), so a feature the user may never
 * open does not weigh on the panel at start (scripts/report-bundle-size.mjs lists it apart):
 *
 *   detailEnd: [lazySlot(() => import('./what-if/WhatIfEditor.tsx').then((m) => m.WhatIfEditor))]
 *
 * It renders nothing until the code is there; a failed load is thrown during render, so the
 * slot's ErrorBoundary says what failed instead of leaving a gap.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazySlot<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;
  return function LazySlot(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(() => loaded);
    const [failure, setFailure] = useState<unknown>(null);
    useEffect(() => {
      if (Loaded) return;
      let mounted = true;
      loading ??= load().then((component) => (loaded = component));
      loading.then((component) => mounted && setLoaded(() => component), (error: unknown) => mounted && setFailure(error ?? 'failed to load'));
      return () => { mounted = false; };
    }, []);
    if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
    return Loaded ? <Loaded {...props} /> : null;
  };
}
