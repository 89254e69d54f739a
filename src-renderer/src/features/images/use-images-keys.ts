import { type RefObject, useEffect, useRef } from 'react';
import { useAppStore } from '../../store/context.js';
import { modalOpen } from '../../store/modal-open.js';
import type { ImageTableRow } from './ImagesTable.js';
import { pushDialogFor } from './push-source.js';

export const FILTER_INPUT_ID = 'image-filter';
export const TABLE_ID = 'image-table';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function focusFilter() {
  const input = document.getElementById(FILTER_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

export function focusTable() {
  document.getElementById(TABLE_ID)?.focus({ preventScroll: true });
}

type KeyAction = { kind: 'move'; delta: number } | { kind: 'open' | 'remove' | 'selectAll' | 'push' };

function keyAction(event: KeyboardEvent, pageSize: number): KeyAction | undefined {
  const mod = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case 'ArrowDown':
      return { kind: 'move', delta: 1 };
    case 'ArrowUp':
      return { kind: 'move', delta: -1 };
    case 'PageDown':
      return { kind: 'move', delta: pageSize };
    case 'PageUp':
      return { kind: 'move', delta: -pageSize };
    case 'Home':
      return { kind: 'move', delta: Number.NEGATIVE_INFINITY };
    case 'End':
      return { kind: 'move', delta: Number.POSITIVE_INFINITY };
    case 'Enter':
      return { kind: 'open' };
    case 'Delete':
      return { kind: 'remove' };
    // Cmd+Backspace is how a Mac keyboard without a Delete key deletes.
    case 'Backspace':
      return mod ? { kind: 'remove' } : undefined;
    case 'a':
    case 'A':
      return mod ? { kind: 'selectAll' } : undefined;
    case 'p':
    case 'P':
      return mod || event.altKey ? undefined : { kind: 'push' };
    default:
      return undefined;
  }
}

/**
 * The images view's keyboard: `/` or Ctrl/Cmd+F to filter, ↑/↓ (Shift extends), PageUp/PageDown,
 * Home/End, Enter opens the detail, Delete asks to remove the selection, Ctrl/Cmd+A selects all,
 * P pushes the image under the cursor, Esc closes the detail. Dialogs and the tasks drawer own the keyboard while they are open.
 */
export function useImagesKeys(
  scrollerRef: RefObject<HTMLDivElement | null>,
  rows: ImageTableRow[],
  order: readonly string[],
  pageSize: number,
) {
  const store = useAppStore();
  const latest = useRef({ rows, order, pageSize });
  latest.current = { rows, order, pageSize };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState();
      if (event.defaultPrevented || modalOpen(state)) return;
      const mod = event.ctrlKey || event.metaKey;
      if ((event.key === '/' && !isEditable(event.target)) || (mod && event.key.toLowerCase() === 'f')) {
        event.preventDefault();
        focusFilter();
        return;
      }
      if (event.key === 'Escape' && state.detailImageId !== undefined) {
        state.closeDetail();
        return;
      }
      const scroller = scrollerRef.current;
      const active = document.activeElement;
      // Keys act on the table when it has focus, or nothing does (after a click on empty space).
      if (!scroller || !(active === document.body || active === null || scroller.contains(active))) return;

      const { rows, order, pageSize } = latest.current;
      const action = keyAction(event, pageSize);
      if (!action) return;
      event.preventDefault();
      if (active !== scroller) scroller.focus({ preventScroll: true });
      switch (action.kind) {
        case 'move':
          state.moveCursor(action.delta, event.shiftKey, order);
          break;
        case 'selectAll':
          state.selectAllRows(order);
          break;
        case 'open': {
          const row = rows.find((candidate) => candidate.id === state.selection.cursor);
          if (row) state.openDetail(row.original.id);
          break;
        }
        case 'push': {
          const row = rows.find((candidate) => candidate.id === state.selection.cursor);
          if (row) state.openTransfer(pushDialogFor(row.original));
          break;
        }
        case 'remove': {
          const chosen = rows
            .filter((row) => state.selection.selected.has(row.id))
            .map((row) => row.original);
          if (chosen.length > 0) state.openDialog({ kind: 'remove', rows: chosen });
          break;
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, scrollerRef]);
}
