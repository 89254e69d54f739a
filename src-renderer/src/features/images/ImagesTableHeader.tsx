import { UnstyledButton } from '@mantine/core';
import { FlexRender, type Table } from '@tanstack/react-table';
import { IconArrowDown, IconArrowUp } from '../../ui/icons.js';
import classes from './ImagesTable.module.css';
import { gridTemplate, type ImageTableFeatures } from './image-columns.js';
import type { ImageRow } from './image-rows.js';

const ariaSort = { asc: 'ascending', desc: 'descending' } as const;

/** Sticky column headers; a click sorts by that column, again reverses it. */
export function ImagesTableHeader({ table }: { table: Table<ImageTableFeatures, ImageRow> }) {
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  return (
    <thead className={classes.header}>
      <tr className={classes.headerRow} style={{ gridTemplateColumns: gridTemplate }}>
        {headers.map((header) => {
          const sorted = header.column.getIsSorted();
          const Arrow = sorted === 'asc' ? IconArrowUp : IconArrowDown;
          return (
            <th
              key={header.id}
              className={classes.headerCell}
              aria-sort={sorted ? ariaSort[sorted] : 'none'}
              data-align={header.column.columnDef.meta?.align}
            >
              {header.column.getCanSort() ? (
                <UnstyledButton
                  className={classes.headerButton}
                  data-sorted={sorted || undefined}
                  data-testid={`sort-${header.column.id}`}
                  onClick={header.column.getToggleSortingHandler()}
                >
                  <FlexRender header={header} />
                  {sorted && <Arrow size={12} />}
                </UnstyledButton>
              ) : (
                // A column without an order (trust) is a label, not a button.
                <span className={classes.headerButton}>
                  <FlexRender header={header} />
                </span>
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
