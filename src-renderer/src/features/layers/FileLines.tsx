import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { FileView } from '../../../../src-main/core/layers/views.js';
import classes from './Layers.module.css';

const LINE_HEIGHT = 18;

/**
 * A file's text with line numbers, or its hex dump: virtualized, so a megabyte of short lines
 * scrolls as smoothly as ten. Long lines scroll sideways; the numbers stay put.
 */
export function FileLines({ view }: { view: FileView }) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => {
    if (view.binary) return view.hex ?? [];
    const text = view.text ?? '';
    const split = text.split('\n');
    // A final newline ends the last line; it does not start another.
    if (split.length > 1 && split[split.length - 1] === '') split.pop();
    return split;
  }, [view]);
  const numbered = !view.binary;
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });
  return (
    <div
      ref={scrollerRef}
      className={classes.lines}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the viewer scrolls with the keyboard once focused.
      tabIndex={0}
      data-testid="file-lines"
      data-count={lines.length}
      data-kind={view.binary ? 'hex' : 'text'}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.index}
            className={classes.line}
            style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}
            data-testid="file-line"
          >
            {numbered && <span className={classes.lineNumber}>{item.index + 1}</span>}
            <span className={classes.lineText} style={numbered ? undefined : { paddingLeft: 8 }}>
              {lines[item.index]}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
