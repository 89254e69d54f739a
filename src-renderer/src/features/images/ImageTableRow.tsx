import { FlexRender } from '@tanstack/react-table';
import { type MouseEvent, memo } from 'react';
import tableClasses from '../../ui/VirtualTable.module.css';
import type { ImageTableRow as Row } from './ImagesTable.js';
import { gridTemplate } from './image-columns.js';
import { startImageDrag } from './image-drag.js';

export const ROW_HEIGHT = 28;

interface Props {
  row: Row;
  index: number;
  start: number;
  selected: boolean;
  cursor: boolean;
  onClick: (key: string, event: MouseEvent) => void;
  onOpen: (key: string) => void;
}

/** One `repository:tag`; memoized so scrolling re-renders only rows that enter the window. */
export const ImageTableRow = memo(function ImageTableRow({
  row,
  index,
  start,
  selected,
  cursor,
  onClick,
  onOpen,
}: Props) {
  return (
    <tr
      className={tableClasses.row}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="image-row"
      data-image-id={row.original.id}
      data-ref={row.original.ref}
      data-key={row.id}
      data-selected={selected || undefined}
      data-cursor={cursor || undefined}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)`, gridTemplateColumns: gridTemplate }}
      onMouseDown={(event) => {
        // Shift+click selects a range of rows, not the text between them.
        if (event.shiftKey) event.preventDefault();
      }}
      onClick={(event) => onClick(row.id, event)}
      onDoubleClick={() => onOpen(row.id)}
      // Dropped on a registry in the navigation, the row opens the push dialog there.
      draggable
      onDragStart={(event) => startImageDrag(event.dataTransfer, row.original)}
    >
      {row.getAllCells().map((cell) => (
        <td key={cell.id} className={tableClasses.cell} data-align={cell.column.columnDef.meta?.align}>
          <FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  );
});
