import { memo } from 'react';
import { formatBytes } from '../../lib/format.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import { CHANGE_LABEL, formatMode } from './layer-words.js';
import listClasses from './PathLists.module.css';
import { PathIcon, Twisty } from './path-icons.js';
import type { TreeRow } from './tree-rows.js';

export const TREE_ROW_HEIGHT = 24;
export const TREE_COLUMNS = 'minmax(0, 1fr) 76px 92px 48px 70px';
const INDENT = 14;

/** One path of the file tree: name (indented, with its twisty), size, mode, layer, what the chosen layer did. */
export const TreeRowView = memo(function TreeRowView({
  row,
  index,
  start,
  cursor,
  fullPath,
  onPick,
  onToggle,
}: {
  row: TreeRow;
  index: number;
  start: number;
  cursor: boolean;
  /** Filter results: the whole path, no indentation. */
  fullPath: boolean;
  onPick: (index: number) => void;
  onToggle: (path: string) => void;
}) {
  const { entry, depth, expanded } = row;
  const isDir = entry.type === 'dir';
  const canOpen = isDir && entry.children > 0;
  const name = fullPath ? entry.path : entry.name;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree holds the focus and its keyboard moves the cursor (rows come and go as it scrolls).
    <div
      className={`${tableClasses.row} ${listClasses.row}`}
      role="treeitem"
      tabIndex={-1}
      aria-level={depth + 1}
      aria-expanded={canOpen && !fullPath ? expanded : undefined}
      aria-selected={cursor}
      data-testid="tree-row"
      data-path={entry.path}
      data-type={entry.type}
      data-change={entry.change}
      data-layer={entry.layer}
      data-depth={depth}
      data-expanded={isDir && expanded ? '' : undefined}
      data-cursor={cursor || undefined}
      style={{
        height: TREE_ROW_HEIGHT,
        transform: `translateY(${start}px)`,
        gridTemplateColumns: TREE_COLUMNS,
      }}
      onClick={() => onPick(index)}
    >
      <div className={tableClasses.cell} style={{ paddingLeft: 6 + (fullPath ? 0 : depth * INDENT) }}>
        {canOpen && !fullPath ? (
          // biome-ignore lint/a11y/noStaticElementInteractions: the row's keyboard (→ and ←) does the same.
          // biome-ignore lint/a11y/useKeyWithClickEvents: as above.
          <span
            className={listClasses.twisty}
            data-open={expanded || undefined}
            data-testid="tree-twisty"
            onClick={(event) => {
              event.stopPropagation();
              onToggle(entry.path);
            }}
          >
            <Twisty />
          </span>
        ) : (
          <span className={listClasses.twisty} />
        )}
        <PathIcon type={entry.type} />
        <span className={listClasses.name} title={entry.path}>
          {name}
          {entry.linkTarget !== null && <span className={listClasses.link}> → {entry.linkTarget}</span>}
        </span>
        {row.loading && <span className={tableClasses.dim}>…</span>}
      </div>
      <div className={tableClasses.cell} data-align="end" title={`${entry.size.toLocaleString('en')} bytes`}>
        {isDir || entry.type === 'file' ? formatBytes(entry.size) : ''}
      </div>
      <div className={`${tableClasses.cell} ${tableClasses.mono} ${tableClasses.dim}`}>
        {formatMode(entry.type, entry.mode)}
      </div>
      <div className={tableClasses.cell} data-align="end" title={`Written by layer ${entry.layer + 1}`}>
        {entry.layer + 1}
      </div>
      <div className={`${tableClasses.cell} ${listClasses.change}`} data-change={entry.change}>
        {CHANGE_LABEL[entry.change]}
      </div>
    </div>
  );
});
