import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachedTag } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { TableScroller } from '../../ui/TableScroller.js';
import { useCursorInView } from '../../ui/use-cursor-in-view.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import classes from './RegistryLists.module.css';
import { TAG_GRID, TAG_ROW_HEIGHT, TagRow } from './TagRow.js';
import type { TagRow as Row } from './tag-rows.js';
import type { TagDetailsEntry } from './tags-slice.js';
import { useListKeys } from './use-list-keys.js';

const HEADER_HEIGHT = 30;
export const TAGS_FILTER_ID = 'tags-filter';
const COLUMNS = ['Tag', 'Digest', 'Platforms', 'Size', 'Created', 'Trust', 'Attached'] as const;
const noDetails: TagDetailsEntry = { byTag: {}, failed: {} };
const TRUST_CONSUMER = 'tags';

/**
 * The scrolling tag table. Only rows in view exist in the DOM, and only their details and trust
 * badges are asked for (`tags.details`, `trust.badges`: batched and bounded) as they come into view.
 */
export function TagsTable({
  repository,
  rows,
  details = noDetails,
  attachedBySubject,
  resetKey,
  emptyText,
  onOpen,
}: {
  /** `host/path`. */
  repository: string;
  rows: readonly Row[];
  details: TagDetailsEntry | undefined;
  attachedBySubject: ReadonlyMap<string, AttachedTag[]>;
  /** Changes when the filter or sort does: the cursor starts over. */
  resetKey: string;
  /** What an empty table says: no tags at all, or none matching. */
  emptyText: string;
  /** Stable (useCallback): every row gets it. */
  onOpen: (tag: string) => void;
}) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(-1);
  const wantVisibleDetails = useApp((s) => s.wantVisibleDetails);
  const wantTrustBadges = useApp((s) => s.wantTrustBadges);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => TAG_ROW_HEIGHT,
    getItemKey: useCallback((index: number) => rows[index]?.tag ?? index, [rows]),
    overscan: 10,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const from = items[0]?.index ?? 0;
  const to = items.at(-1)?.index ?? -1;

  useEffect(() => {
    wantVisibleDetails(
      repository,
      rows.slice(from, to + 1).map((row) => row.tag),
    );
  }, [repository, rows, from, to, wantVisibleDetails]);
  useEffect(() => () => wantVisibleDetails(repository, []), [repository, wantVisibleDetails]);
  useEffect(() => {
    const visible = rows.slice(from, to + 1).filter((row) => !row.attached);
    wantTrustBadges(
      TRUST_CONSUMER,
      visible.map((row) => `${repository}:${row.tag}`),
    );
  }, [repository, rows, from, to, wantTrustBadges]);
  useEffect(() => () => wantTrustBadges(TRUST_CONSUMER, []), [wantTrustBadges]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the trigger, not an input.
  useEffect(() => setCursor(-1), [resetKey]);
  const pageSize = useCursorInView(virtualizer, cursor, TAG_ROW_HEIGHT);
  useListKeys({
    scrollerRef,
    filterId: TAGS_FILTER_ID,
    count: rows.length,
    pageSize,
    cursor,
    setCursor,
    open: (index) => {
      const row = rows[index];
      if (row) onOpen(row.tag);
    },
  });

  return (
    <TableScroller ref={scrollerRef} highlightCursor data-testid="tags-table">
      <table
        className={classes.table}
        aria-label="Tags"
        aria-rowcount={rows.length + 1}
        style={{ minWidth: 880 }}
      >
        <thead className={classes.header}>
          <tr className={classes.headerRow} style={{ gridTemplateColumns: TAG_GRID }}>
            {COLUMNS.map((column) => (
              <th
                key={column}
                scope="col"
                className={tableClasses.cell}
                data-align={column === 'Size' ? 'end' : undefined}
              >
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody
          className={classes.body}
          style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT, minWidth: 880 }}
        >
          {items.map((item) => {
            const row = rows[item.index]!;
            const tagDetails = details.byTag[row.tag];
            return (
              <TagRow
                key={row.tag}
                row={row}
                reference={`${repository}:${row.tag}`}
                details={tagDetails}
                failed={details.failed[row.tag]}
                attached={tagDetails ? attachedBySubject.get(tagDetails.digest) : undefined}
                index={item.index}
                start={item.start - HEADER_HEIGHT}
                cursor={item.index === cursor}
                onOpen={onOpen}
              />
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" ta="center" pt="xl" data-testid="tags-empty">
          {emptyText}
        </Text>
      )}
    </TableScroller>
  );
}
