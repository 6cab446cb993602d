/** Layout: toolbar, notices, the list, and the detail of the selected request beside it. */
import { useEffect, useRef } from 'preact/hooks';
import { Detail } from './Detail.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import type { PanelPlatform } from './platform.ts';
import { RequestList } from './RequestList.tsx';
import type { PanelState, PanelStore } from './store.ts';
import { Toolbar } from './Toolbar.tsx';
import { useStoreState } from './use-store.ts';

export function App({ store, platform }: { store: PanelStore; platform: PanelPlatform }) {
  const state = useStoreState(store);
  const listRef = useRef<HTMLDivElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  const focusDetail = useRef(false);

  useEffect(() => {
    if (focusDetail.current && state.detailOpen) {
      focusDetail.current = false;
      headingRef.current?.focus();
    }
  });

  // Enter moves focus into the detail (keyboard users continue there); a click leaves it alone.
  const open = (key: string, byKeyboard: boolean) => {
    focusDetail.current = byKeyboard;
    store.select(key, true);
  };
  const close = () => {
    store.setDetailOpen(false);
    listRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && state.detailOpen) {
      // Ours alone: DevTools would also toggle its drawer on an Esc that reaches the document.
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  return (
    <div class={state.detailOpen ? 'app with-detail' : 'app'} onKeyDown={onKeyDown}>
      <Toolbar store={store} state={state} platform={platform} />
      <Notices store={store} state={state} />
      <div class="split">
        <RequestList store={store} state={state} onOpen={open} listRef={listRef}>
          <EmptyState store={store} state={state} />
        </RequestList>
        {state.detailOpen && state.selected && (
          <ErrorBoundary what="this request" resetKey={state.selected.diagnosis}>
            <Detail store={store} row={state.selected} platform={platform} imported={state.origin === 'imported'}
              headingRef={headingRef} onClose={close} />
          </ErrorBoundary>
        )}
      </div>
      <StatusBar state={state} />
    </div>
  );
}

function Notices({ store, state }: { store: PanelStore; state: PanelState }) {
  return (
    <>
      {state.origin === 'imported' && (
        <div class="notice imported" data-testid="imported-notice">
          Viewing the imported file <strong>{state.importedName}</strong>; the live capture goes on in the background.
          <button type="button" class="link-button" data-testid="show-live" onClick={() => store.showLive()}>Back to live capture</button>
        </div>
      )}
      {state.error && <div class="notice error" role="alert" data-testid="error">{state.error}</div>}
      {state.dropped > 0 && (
        <div class="notice" data-testid="dropped-notice" role="status">
          {state.dropped.toLocaleString('en')} older requests were dropped: the panel keeps the latest {state.cap.toLocaleString('en')}.
        </div>
      )}
      {state.awaiting > 0 && (
        <div class="notice" data-testid="awaiting-notice" role="status">
          Waiting for DevTools to attach the response of {state.awaiting === 1 ? '1 request' : `${state.awaiting.toLocaleString('en')} requests`}: their verdicts may still change.
        </div>
      )}
      {state.skipped.length > 0 && (
        <details class="notice" data-testid="skipped-notice">
          <summary>{state.skipped.length} log {state.skipped.length === 1 ? 'entry' : 'entries'} could not be read</summary>
          <ul>{state.skipped.slice(0, 20).map((line, i) => <li key={i}>{line}</li>)}</ul>
        </details>
      )}
    </>
  );
}

function EmptyState({ store, state }: { store: PanelStore; state: PanelState }) {
  const total = state.counts.blocked + state.counts.warning + state.counts.ok + state.counts['not-cors'];
  if (state.loading) return <div class="empty" data-testid="empty-state">Reading the requests DevTools recorded…</div>;
  if (total === 0) {
    return (
      <div class="empty" data-testid="empty-state">
        <p><strong>No cross-origin requests yet.</strong></p>
        <p>Reload the page (Ctrl+R / ⌘R) with DevTools open, or use the page so it calls its API: CORS Lens explains
          every cross-origin request, including those DevTools recorded before this panel was opened.</p>
        <p>To see examples, run the CORS lab from the project (<code>npm run lab</code>) and open one of its scenarios.</p>
        {state.sameOrigin > 0 && <p class="muted">{state.sameOrigin} same-origin requests and navigations are not shown: CORS does not apply to them.</p>}
      </div>
    );
  }
  if (state.filter.text.trim() !== '') return <div class="empty" data-testid="empty-state">Nothing matches “{state.filter.text}”.</div>;
  return (
    <div class="empty" data-testid="empty-state">
      <p><strong>No CORS problems</strong> among {total} cross-origin {total === 1 ? 'request' : 'requests'}.</p>
      <button type="button" onClick={() => store.setProblemsOnly(false)}>Show all requests</button>
    </div>
  );
}

function StatusBar({ state }: { state: PanelState }) {
  const { counts } = state;
  return (
    <div class="status-bar" data-testid="status-bar" aria-live="polite">
      <span>{counts.blocked} blocked</span>
      <span>{counts.warning} {counts.warning === 1 ? 'warning' : 'warnings'}</span>
      <span>{counts.ok} OK</span>
      <span>{counts['not-cors']} not CORS</span>
      {state.sameOrigin > 0 && <span class="muted">{state.sameOrigin} same-origin hidden</span>}
      {state.rows.length !== counts.blocked + counts.warning + counts.ok + counts['not-cors'] && <span class="muted">{state.rows.length} shown</span>}
    </div>
  );
}
