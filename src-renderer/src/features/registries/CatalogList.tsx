import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { IconFolder } from '../../ui/icons.js';
import { TableScroller } from '../../ui/TableScroller.js';
import { useCursorInView } from '../../ui/use-cursor-in-view.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import classes from './RegistryLists.module.css';
import { useListKeys } from './use-list-keys.js';

const ROW_HEIGHT = 28;
export const CATALOG_FILTER_ID = 'catalog-filter';

const CatalogRow = memo(function CatalogRow({
  name,
  start,
  cursor,
  onOpen,
}: {
  name: string;
  start: number;
  cursor: boolean;
  onOpen: (name: string) => void;
}) {
  return (
    <tr
      className={`${tableClasses.row} ${classes.row}`}
      data-testid="catalog-row"
      data-repository={name}
      data-cursor={cursor || undefined}
      aria-selected={cursor}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)`, gridTemplateColumns: '1fr' }}
      onClick={() => onOpen(name)}
    >
      <td className={tableClasses.cell}>
        <IconFolder size={14} style={{ flexShrink: 0, opacity: 0.6 }} />
        <span className={tableClasses.text} title={name}>
          {name}
        </span>
      </td>
    </tr>
  );
});

/**
 * The repositories matching the filter; only the rows in view exist in the DOM, whatever the
 * count. A click or Enter opens one.
 */
export function CatalogList({
  names,
  query,
  onOpen,
}: {
  names: readonly string[];
  /** The filter in effect: when it changes the cursor starts over. */
  query: string;
  /** Stable (useCallback): every row gets it. */
  onOpen: (name: string) => void;
}) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(-1);

  const virtualizer = useVirtualizer({
    count: names.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: useCallback((index: number) => names[index] ?? index, [names]),
    overscan: 12,
  });

  // Another filter is another list: the cursor starts over. New pages only append, so they keep it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is the trigger, not an input.
  useEffect(() => setCursor(-1), [query]);
  const pageSize = useCursorInView(virtualizer, cursor, ROW_HEIGHT);
  useListKeys({
    scrollerRef,
    filterId: CATALOG_FILTER_ID,
    count: names.length,
    pageSize,
    cursor,
    setCursor,
    open: (index) => {
      const name = names[index];
      if (name !== undefined) onOpen(name);
    },
  });

  return (
    <TableScroller ref={scrollerRef} highlightCursor data-testid="catalog-list">
      <table className={classes.table} aria-label="Repositories" aria-rowcount={names.length}>
        <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const name = names[item.index]!;
            return (
              <CatalogRow
                key={name}
                name={name}
                start={item.start}
                cursor={item.index === cursor}
                onOpen={onOpen}
              />
            );
          })}
        </tbody>
      </table>
      {names.length === 0 && query !== '' && (
        <Text size="sm" c="dimmed" ta="center" pt="xl" data-testid="catalog-no-match">
          No repository matches the filter.
        </Text>
      )}
    </TableScroller>
  );
}
