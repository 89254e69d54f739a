import type { ComponentProps } from 'react';
import classes from './VirtualTable.module.css';

export interface TableScrollerProps extends ComponentProps<'div'> {
  /** For a list that selects nothing: its cursor's row is highlighted as a selected row would be. */
  highlightCursor?: boolean;
}

/** The scroll box around a virtualized table; the table's keyboard cursor shows while it has the focus. */
export function TableScroller({ highlightCursor, ...props }: TableScrollerProps) {
  return (
    <div
      className={highlightCursor ? `${classes.scroller} ${classes.highlightCursor}` : classes.scroller}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroller holds focus for the whole table: rows come and go as it scrolls, so focus cannot live on them.
      tabIndex={0}
      {...props}
    />
  );
}
