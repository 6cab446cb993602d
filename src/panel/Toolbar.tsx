/** Filters and actions above the list, like DevTools' Network toolbar. */
import { ErrorBoundary } from './ErrorBoundary.tsx';
import type { PanelPlatform } from './platform.ts';
import { toolbarItems } from './slots.ts';
import type { PanelState, PanelStore } from './store.ts';

export function Toolbar({ store, state, platform }: { store: PanelStore; state: PanelState; platform: PanelPlatform }) {
  const { filter } = state;
  return (
    <div class="toolbar" role="toolbar" aria-label="Request filters">
      <button type="button" class="icon-button" data-testid="clear" title="Clear the list" aria-label="Clear"
        onClick={() => store.clear()}>
        <span aria-hidden="true">⊘</span>
      </button>
      <input type="search" class="filter" data-testid="filter" placeholder="Filter (URL, method, rule, status)"
        aria-label="Filter requests" value={filter.text}
        onInput={(event) => store.setFilterText((event.currentTarget as HTMLInputElement).value)} />
      <label class="check">
        <input type="checkbox" data-testid="problems-only" checked={filter.problemsOnly}
          onChange={(event) => store.setProblemsOnly((event.currentTarget as HTMLInputElement).checked)} />
        Problems only
      </label>
      <label class="check" title="Keep requests when the page navigates or reloads">
        <input type="checkbox" data-testid="preserve-log" checked={filter.preserveLog}
          onChange={(event) => store.setPreserveLog((event.currentTarget as HTMLInputElement).checked)} />
        Preserve log
      </label>
      <span class="toolbar-spacer" />
      {toolbarItems.map((Item, i) => (
        <ErrorBoundary key={i} what="this toolbar item"><Item store={store} state={state} platform={platform} /></ErrorBoundary>
      ))}
    </div>
  );
}
