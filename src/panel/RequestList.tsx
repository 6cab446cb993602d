/**
 * The request list: a virtualized ARIA grid. Only the rows in view (plus a few) are in the DOM,
 * so 10,000 requests scroll as smoothly as 10. Arrow keys move the selection, Enter opens the
 * detail, Home/End/PageUp/PageDown jump.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelState, PanelStore, RequestRow } from './store.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;
/** Display cap for a URL cell: a 1 MB URL must not cost a 1 MB text layout per frame. */
const URL_DISPLAY_CHARS = 300;

export const rowId = (key: string) => `row-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;

function shortUrl(url: string): string {
  return url.length > URL_DISPLAY_CHARS ? `${url.slice(0, URL_DISPLAY_CHARS)}…` : url;
}

export interface RequestListProps {
  store: PanelStore;
  state: PanelState;
  /** Called when Enter or a click opens a row's detail (`byKeyboard`: focus should follow). */
  onOpen(key: string, byKeyboard: boolean): void;
  listRef?: { current: HTMLDivElement | null };
  children?: preact.ComponentChildren;
}

export function RequestList({ store, state, onOpen, listRef, children }: RequestListProps) {
  const { rows, selectedKey } = state;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || 600);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((row) => row.key === selectedKey);

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    const element = scroller.current;
    if (!element || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    const height = element.clientHeight || viewport;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + height) element.scrollTop = top + ROW_HEIGHT - height;
    // Render the rows now rather than on the scroll event, so the selected row is never missing.
    setScrollTop(element.scrollTop);
  }, [selectedIndex]);

  const pageRows = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows, Home: -rows.length, End: rows.length,
    };
    const delta = moves[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      store.moveSelection(delta);
    } else if (event.key === 'Enter' && selectedKey !== null) {
      event.preventDefault();
      onOpen(selectedKey, true);
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <div class="request-list" role="grid" data-testid="request-list" aria-label="Cross-origin requests"
      aria-rowcount={rows.length + 1} aria-activedescendant={selectedIndex >= 0 ? rowId(selectedKey!) : undefined}
      tabIndex={0} onKeyDown={onKeyDown}
      ref={(element) => { if (listRef) listRef.current = element; }}>
      <div role="row" class="grid-row grid-head" aria-rowindex={1}>
        <span role="columnheader" class="cell-verdict">Verdict</span>
        <span role="columnheader" class="cell-method">Method</span>
        <span role="columnheader" class="cell-url">URL</span>
        <span role="columnheader" class="cell-status">Status</span>
        <span role="columnheader" class="cell-rule">Why</span>
      </div>
      <div class="grid-body" ref={scroller} onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}>
        {rows.length === 0 ? children : (
          <div role="rowgroup" style={{ height: `${rows.length * ROW_HEIGHT}px`, position: 'relative' }}>
            {visible.map((row, i) => (
              <Row key={row.key} row={row} index={first + i} selected={row.key === selectedKey}
                onClick={() => onOpen(row.key, false)} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function Row({ row, index, selected, onClick }: { row: RequestRow; index: number; selected: boolean; onClick(): void }) {
  return (
    <div role="row" id={rowId(row.key)} class={`grid-row verdict-${row.verdict}${selected ? ' selected' : ''}`}
      data-testid="request-row" data-verdict={row.verdict} data-rule={row.ruleId} data-method={row.method}
      data-url={row.url} data-count={String(row.count)} aria-selected={selected ? 'true' : 'false'}
      aria-rowindex={index + 2} style={{ top: `${index * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
      onClick={onClick}>
      <span role="gridcell" class="cell-verdict"><VerdictBadge verdict={row.verdict} /></span>
      <span role="gridcell" class="cell-method">{row.method}</span>
      <span role="gridcell" class="cell-url" title={shortUrl(row.url)}>{shortUrl(row.url)}</span>
      <span role="gridcell" class="cell-status">{row.status === 0 ? '(failed)' : row.status}</span>
      <span role="gridcell" class="cell-rule">
        {row.title}
        {row.count > 1 && <span class="count" aria-label={`${row.count} times`}>×{row.count}</span>}
      </span>
    </div>
  );
}
