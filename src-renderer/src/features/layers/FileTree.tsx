import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef } from 'react';
import type { TreeEntry } from '../../../../src-main/core/layers/views.js';
import { useApp, useAppStore } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { TableScroller } from '../../ui/TableScroller.js';
import { useCursorInView } from '../../ui/use-cursor-in-view.js';
import classes from './Layers.module.css';
import { dirKey, emptyTree, type LayerTree } from './layer-tree-slice.js';
import listClasses from './PathLists.module.css';
import { TREE_COLUMNS, TREE_ROW_HEIGHT, TreeRowView } from './TreeRowView.js';
import { TreeToolbar } from './TreeToolbar.js';
import { flattenTree, rowOf, type TreeRow, treeMove } from './tree-rows.js';

const HEADINGS = ['Name', 'Size', 'Mode', 'Layer', 'Change'];
const HEADER_HEIGHT = 26;

/** The rows on screen: the expanded tree, or the filter's matches as a flat list of paths. */
function useTreeRows(tree: LayerTree) {
  const flat = useMemo(() => {
    const listed = (path: string) => tree.dirs[dirKey(tree, path)];
    return flattenTree(
      (path) => {
        const dir = listed(path);
        return dir?.state === 'ready' ? dir.value : undefined;
      },
      tree.expanded,
      (path) => listed(path) !== undefined,
    );
  }, [tree]);
  const found = tree.found?.result;
  const foundEntries: readonly TreeEntry[] | undefined =
    found && found.state !== 'failed' ? found.value?.entries : undefined;
  const matches = useMemo(
    () =>
      (foundEntries ?? []).map((entry): TreeRow => ({ entry, depth: 0, expanded: false, loading: false })),
    [foundEntries],
  );
  const filtering = tree.filter.trim() !== '';
  return { rows: filtering ? matches : flat.rows, missing: flat.missing, filtering };
}

/** The first directory listing that failed in the tree's current layer and mode. */
function failedDir(tree: LayerTree) {
  const prefix = dirKey(tree, '');
  for (const [key, dir] of Object.entries(tree.dirs))
    if (dir.state === 'failed' && key.startsWith(prefix))
      return { path: key.slice(prefix.length), error: dir.error };
  return undefined;
}

/**
 * The scanned image's files: a virtualized tree (only the rows in view exist, so 100,000 are as
 * quick as ten). Click or → / ← to open and close folders, ↑/↓/PageUp/PageDown/Home/End to move,
 * Enter or a click on a file to read it; `/` filters.
 */
export function FileTree({
  imageKey,
  filterId,
  onOpenFile,
}: {
  imageKey: string;
  filterId: string;
  onOpenFile: (path: string) => void;
}) {
  const store = useAppStore();
  const tree = useApp((s) => s.layerTrees[imageKey] ?? emptyTree);
  const loadTreeDir = useApp((s) => s.loadTreeDir);
  const { rows, missing, filtering } = useTreeRows(tree);
  const scrollerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    for (const path of missing) void loadTreeDir(imageKey, path);
  }, [missing, loadTreeDir, imageKey]);

  const cursor = useMemo(() => rowOf(rows, tree.cursorPath), [rows, tree.cursorPath]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => TREE_ROW_HEIGHT,
    getItemKey: useCallback((index: number) => rows[index]?.entry.path ?? index, [rows]),
    overscan: 16,
    // The sticky header sits above the rows.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const pageSize = useCursorInView(virtualizer, cursor, TREE_ROW_HEIGHT);

  // Stable for the memoized rows: they read the latest rows through the store and a ref.
  const latest = useRef({ rows, filtering });
  latest.current = { rows, filtering };
  const pick = useCallback(
    (index: number) => {
      const row = latest.current.rows[index];
      if (!row) return;
      const state = store.getState();
      state.setTreeCursor(imageKey, row.entry.path);
      scrollerRef.current?.focus({ preventScroll: true });
      if (row.entry.type !== 'dir') onOpenFile(row.entry.path);
      else if (latest.current.filtering) void state.revealInTree(imageKey, row.entry.path);
      else state.toggleTreeDir(imageKey, row.entry.path);
    },
    [store, imageKey, onOpenFile],
  );
  const toggle = useCallback(
    (path: string) => store.getState().toggleTreeDir(imageKey, path),
    [store, imageKey],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const move = treeMove(rows, cursor, event.key, pageSize);
    if (!move) return;
    event.preventDefault();
    const state = store.getState();
    if (move.kind === 'cursor') state.setTreeCursor(imageKey, rows[move.index]?.entry.path);
    else if (move.kind === 'open') onOpenFile(move.row.entry.path);
    else if (filtering && move.kind === 'expand') void state.revealInTree(imageKey, move.path);
    else if (!filtering) state.toggleTreeDir(imageKey, move.path, move.kind === 'expand');
  };

  const failed = failedDir(tree);
  const rootListed = tree.dirs[dirKey(tree, '')]?.state === 'ready';
  return (
    <div className={classes.pane} style={{ flex: 1, gap: 6 }} data-testid="file-tree-pane">
      <TreeToolbar
        imageKey={imageKey}
        filterId={filterId}
        rowCount={rows.length}
        onLeaveFilter={() => scrollerRef.current?.focus({ preventScroll: true })}
      />
      {failed && (
        <ErrorAlert
          error={failed.error}
          testId="tree-error"
          onRetry={() => void loadTreeDir(imageKey, failed.path)}
        />
      )}
      {tree.found?.result.state === 'failed' && filtering && (
        <ErrorAlert error={tree.found.result.error} testId="tree-find-error" />
      )}
      <div
        className={classes.box}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      >
        <TableScroller
          ref={scrollerRef}
          highlightCursor
          role="tree"
          aria-label="Files"
          data-testid="file-tree"
          data-mode={filtering ? 'filter' : 'tree'}
          data-layer={tree.layer}
          onKeyDown={onKeyDown}
        >
          <div
            className={listClasses.treeHead}
            style={{ gridTemplateColumns: TREE_COLUMNS, height: HEADER_HEIGHT }}
          >
            {HEADINGS.map((heading, i) => (
              <div
                key={heading}
                style={{ padding: '0 10px', textAlign: i === 1 || i === 3 ? 'right' : 'left' }}
              >
                {heading}
              </div>
            ))}
          </div>
          <div
            className={listClasses.treeBody}
            style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}
          >
            {virtualizer.getVirtualItems().map((item) => (
              <TreeRowView
                key={item.key}
                row={rows[item.index]!}
                index={item.index}
                start={item.start - HEADER_HEIGHT}
                cursor={item.index === cursor}
                fullPath={filtering}
                onPick={pick}
                onToggle={toggle}
              />
            ))}
          </div>
          {rows.length === 0 && (filtering ? tree.found?.result.state === 'ready' : rootListed) && (
            <Text size="sm" c="dimmed" ta="center" pt="lg" data-testid="tree-empty">
              {filtering
                ? 'No path matches the filter.'
                : tree.onlyChanges
                  ? 'This layer changed nothing.'
                  : 'The filesystem is empty.'}
            </Text>
          )}
        </TableScroller>
      </div>
    </div>
  );
}
