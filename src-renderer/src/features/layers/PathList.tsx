import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';
import { TableScroller } from '../../ui/TableScroller.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import classes from './Layers.module.css';
import listClasses from './PathLists.module.css';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;

export interface PathColumn<T> {
  heading: string;
  width: string;
  align?: 'end';
  cell: (item: T) => ReactNode;
}

/**
 * A long list of paths (a comparison's added, removed or changed files, its folders), virtualized
 * with a sticky header: only the rows in view exist, however many there are.
 */
export function PathList<T>({
  items,
  columns,
  rowKey,
  rowProps,
  empty,
  testId,
}: {
  items: readonly T[];
  columns: PathColumn<T>[];
  rowKey: (item: T) => string;
  rowProps?: (item: T) => Record<string, string | undefined>;
  empty: string;
  testId: string;
}) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    paddingStart: HEADER_HEIGHT,
  });
  const template = columns.map((column) => column.width).join(' ');
  return (
    <div className={classes.box} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <TableScroller ref={scrollerRef} data-testid={testId} data-count={items.length}>
        <div
          className={listClasses.treeHead}
          style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
        >
          {columns.map((column) => (
            <div
              key={column.heading}
              style={{ padding: '0 10px', textAlign: column.align === 'end' ? 'right' : 'left' }}
            >
              {column.heading}
            </div>
          ))}
        </div>
        <div className={listClasses.treeBody} style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!;
            return (
              <div
                key={rowKey(item)}
                className={tableClasses.row}
                style={{
                  height: ROW_HEIGHT,
                  transform: `translateY(${row.start - HEADER_HEIGHT}px)`,
                  gridTemplateColumns: template,
                }}
                {...rowProps?.(item)}
              >
                {columns.map((column) => (
                  <div key={column.heading} className={tableClasses.cell} data-align={column.align}>
                    {column.cell(item)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" pt="lg">
            {empty}
          </Text>
        )}
      </TableScroller>
    </div>
  );
}
