import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';

/**
 * Scrolls a virtualized table to its keyboard cursor (an index, -1 for none) whenever it moves,
 * and returns how many rows PageUp/PageDown move: a screenful less two, so some rows stay in sight.
 */
export function useCursorInView(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  cursor: number,
  rowHeight: number,
): number {
  useEffect(() => {
    if (cursor >= 0) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, virtualizer]);
  return Math.max(1, Math.floor((virtualizer.scrollRect?.height ?? 600) / rowHeight) - 2);
}
