import { type RefObject, useEffect, useRef } from 'react';
import { useAppStore } from '../../store/context.js';
import { modalOpen } from '../../store/modal-open.js';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function focusById(id: string) {
  const element = document.getElementById(id);
  element?.focus({ preventScroll: true });
  if (element instanceof HTMLInputElement) element.select();
}

function moveDelta(key: string, pageSize: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return 1;
    case 'ArrowUp':
      return -1;
    case 'PageDown':
      return pageSize;
    case 'PageUp':
      return -pageSize;
    case 'Home':
      return Number.NEGATIVE_INFINITY;
    case 'End':
      return Number.POSITIVE_INFINITY;
    default:
      return undefined;
  }
}

export interface ListKeys {
  scrollerRef: RefObject<HTMLDivElement | null>;
  /** The filter box `/` and Ctrl/Cmd+F focus. */
  filterId: string;
  count: number;
  pageSize: number;
  cursor: number;
  setCursor: (index: number) => void;
  open: (index: number) => void;
}

/**
 * A list's keyboard, as in Local Images: `/` or Ctrl/Cmd+F to filter (↓ or Enter there goes to
 * the list), ↑/↓, PageUp/PageDown, Home/End move the cursor, Enter opens, Alt+← goes up a level. Dialogs and the tasks drawer
 * keep the keyboard while they are open.
 */
export function useListKeys(keys: ListKeys) {
  const store = useAppStore();
  const latest = useRef(keys);
  latest.current = keys;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState();
      if (event.defaultPrevented || modalOpen(state)) return;
      const { scrollerRef, filterId, count, pageSize, cursor, setCursor, open } = latest.current;
      const mod = event.ctrlKey || event.metaKey;
      if ((event.key === '/' && !isEditable(event.target)) || (mod && event.key.toLowerCase() === 'f')) {
        event.preventDefault();
        focusById(filterId);
        return;
      }
      if (event.altKey && event.key === 'ArrowLeft') {
        event.preventDefault();
        state.goUp();
        return;
      }
      const scroller = scrollerRef.current;
      const active = document.activeElement;
      // From the filter box, ↓ or Enter goes to the first match, as in Local Images.
      if (
        scroller &&
        active instanceof HTMLElement &&
        active.id === filterId &&
        (event.key === 'ArrowDown' || event.key === 'Enter')
      ) {
        event.preventDefault();
        scroller.focus({ preventScroll: true });
        if (count > 0) setCursor(0);
        return;
      }
      if (!scroller || !(active === document.body || active === null || scroller.contains(active))) return;
      const delta = moveDelta(event.key, pageSize);
      if (delta !== undefined && count > 0) {
        event.preventDefault();
        if (active !== scroller) scroller.focus({ preventScroll: true });
        const from = cursor < 0 ? (delta > 0 ? -1 : count) : cursor;
        setCursor(Math.min(count - 1, Math.max(0, from + delta)));
      } else if (event.key === 'Enter' && cursor >= 0 && cursor < count) {
        event.preventDefault();
        open(cursor);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
