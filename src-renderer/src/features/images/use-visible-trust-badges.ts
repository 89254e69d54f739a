import type { VirtualItem } from '@tanstack/react-virtual';
import { useEffect } from 'react';
import { useApp } from '../../store/context.js';
import type { ImageTableRow } from './ImagesTable.js';
import { imageTrustRef } from './ImageTrustCell.js';

const CONSUMER = 'images';

/**
 * Asks for the trust badges of the rows in sight only (the badge slice batches and waits for
 * scrolling to pause): a table of 100 000 images never asks per row.
 */
export function useVisibleTrustBadges(items: readonly VirtualItem[], rows: readonly ImageTableRow[]): void {
  const wantTrustBadges = useApp((s) => s.wantTrustBadges);
  const pushed = useApp((s) => s.pushedImages);
  const from = items[0]?.index ?? 0;
  const to = items.at(-1)?.index ?? -1;
  useEffect(() => {
    const references = new Set<string>();
    for (let index = from; index <= to; index += 1) {
      const row = rows[index];
      const reference = row && imageTrustRef(row.original, pushed);
      if (reference) references.add(reference);
    }
    wantTrustBadges(CONSUMER, [...references]);
  }, [rows, from, to, pushed, wantTrustBadges]);
  useEffect(() => () => wantTrustBadges(CONSUMER, []), [wantTrustBadges]);
}
