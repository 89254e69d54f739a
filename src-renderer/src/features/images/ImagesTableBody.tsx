import { Text } from '@mantine/core';
import type { Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApp, useAppStore } from '../../store/context.js';
import { TableScroller } from '../../ui/TableScroller.js';
import { useCursorInView } from '../../ui/use-cursor-in-view.js';
import { ImageRowMenu } from './ImageRowMenu.js';
import type { ImageTableRow as Row } from './ImagesTable.js';
import classes from './ImagesTable.module.css';
import { ImagesTableHeader } from './ImagesTableHeader.js';
import { ImageTableRow, ROW_HEIGHT } from './ImageTableRow.js';
import type { ImageTableFeatures } from './image-columns.js';
import type { ImageRow } from './image-rows.js';
import { TABLE_ID, useImagesKeys } from './use-images-keys.js';
import { useVisibleTrustBadges } from './use-visible-trust-badges.js';

const HEADER_HEIGHT = 30;

interface Props {
  table: Table<ImageTableFeatures, ImageRow>;
  rows: Row[];
  order: string[];
  filtering: boolean;
}

/** The scrolling grid: only the rows in view exist in the DOM, whatever the count. */
export function ImagesTableBody({ table, rows, order, filtering }: Props) {
  const store = useAppStore();
  const selection = useApp((s) => s.selection);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const orderRef = useRef(order);
  orderRef.current = order;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Stable between renders: the virtualizer re-measures every row when this function changes.
    getItemKey: useCallback((index: number) => rows[index]?.id ?? index, [rows]),
    overscan: 12,
    // The sticky header sits above the first row inside the same scroller.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const cursorIndex = useMemo(
    () => (selection.cursor === undefined ? -1 : order.indexOf(selection.cursor)),
    [selection.cursor, order],
  );
  const pageSize = useCursorInView(virtualizer, cursorIndex, ROW_HEIGHT);
  useVisibleTrustBadges(virtualizer.getVirtualItems(), rows);
  useImagesKeys(scrollerRef, rows, order, pageSize);

  // An open detail panel follows the cursor, like an inspector.
  const cursorImageId = cursorIndex >= 0 ? rows[cursorIndex]?.original.id : undefined;
  useEffect(() => {
    const state = store.getState();
    if (cursorImageId && state.detailImageId !== undefined && state.detailImageId !== cursorImageId) {
      state.openDetail(cursorImageId);
    }
  }, [cursorImageId, store]);

  const onClick = useCallback(
    (key: string, event: MouseEvent) => {
      const modifiers = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey };
      store.getState().clickRow(key, modifiers, orderRef.current);
    },
    [store],
  );
  // Right-click selects the row under the pointer (unless it is selected already), as file managers do.
  const [menuRow, setMenuRow] = useState<ImageRow>();
  const onContextMenu = (event: MouseEvent) => {
    const key = (event.target as Element).closest('[data-key]')?.getAttribute('data-key');
    const row = key ? rows.find((candidate) => candidate.id === key) : undefined;
    if (!row) {
      event.preventDefault();
      return;
    }
    if (!store.getState().selection.selected.has(row.id)) {
      store.getState().clickRow(row.id, { toggle: false, range: false }, orderRef.current);
    }
    setMenuRow(row.original);
  };

  const onOpen = useCallback(
    (key: string) => {
      const imageId = rows.find((row) => row.id === key)?.original.id;
      if (imageId) store.getState().openDetail(imageId);
    },
    [rows, store],
  );

  return (
    <ImageRowMenu row={menuRow}>
      <TableScroller ref={scrollerRef} id={TABLE_ID} data-testid="image-table" onContextMenu={onContextMenu}>
        <table
          className={classes.table}
          aria-label="Images"
          aria-rowcount={rows.length + 1}
          style={{ height: virtualizer.getTotalSize() }}
        >
          <ImagesTableHeader table={table} />
          <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <ImageTableRow
                  key={row.id}
                  row={row}
                  index={item.index}
                  start={item.start - HEADER_HEIGHT}
                  selected={selection.selected.has(row.id)}
                  cursor={row.id === selection.cursor}
                  onClick={onClick}
                  onOpen={onOpen}
                />
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && filtering && (
          <Text size="sm" c="dimmed" ta="center" pt="xl" data-testid="images-no-match">
            No image matches the filter.
          </Text>
        )}
      </TableScroller>
    </ImageRowMenu>
  );
}
