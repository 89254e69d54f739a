import { useMemo } from 'react';
import type { HistoryEntry } from '../../../../src-main/core/engine/types.js';
import { HistoryTable } from '../../ui/HistoryTable.js';

/** `docker history`: each build step, newest first, with the size it added. */
export function ImageHistory({ entries }: { entries: HistoryEntry[] }) {
  const rows = useMemo(
    () =>
      entries.map((entry) => ({
        createdBy: entry.createdBy || entry.comment,
        size: entry.size,
        created: entry.created,
      })),
    [entries],
  );
  return <HistoryTable rows={rows} testId="image-history" narrow />;
}
