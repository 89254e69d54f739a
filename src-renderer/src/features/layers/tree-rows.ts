/**
 * The file tree as the virtualized table draws it: the expanded directories flattened into rows,
 * and the moves the keyboard makes over them. Pure functions: the unit tests pin them down, and
 * they stay linear in the rows shown, so 100,000 rows flatten in a few milliseconds.
 */
import type { TreeEntry } from '../../../../src-main/core/layers/views.js';

export interface TreeRow {
  entry: TreeEntry;
  depth: number;
  /** A directory whose children are shown. */
  expanded: boolean;
  /** An expanded directory whose children are still on their way. */
  loading: boolean;
}

export interface FlatTree {
  rows: TreeRow[];
  /** Expanded directories in sight whose children were never asked for: the view asks for them. */
  missing: string[];
}

/**
 * Depth-first, children in the order given (main sorts them), from the root (``): a directory's
 * children follow it when it is expanded. `children(path)` is undefined while not loaded.
 */
export function flattenTree(
  children: (path: string) => readonly TreeEntry[] | undefined,
  expanded: ReadonlySet<string>,
  isLoading: (path: string) => boolean = () => false,
): FlatTree {
  const rows: TreeRow[] = [];
  const missing: string[] = [];
  const root = children('');
  if (!root) return { rows, missing: isLoading('') ? [] : [''] };
  // An explicit stack of [entries, next index, depth]: deep trees cannot overflow the call stack.
  const stack: Array<[readonly TreeEntry[], number, number]> = [[root, 0, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [entries, index, depth] = top;
    if (index >= entries.length) {
      stack.pop();
      continue;
    }
    top[1] = index + 1;
    const entry = entries[index]!;
    const open = entry.type === 'dir' && expanded.has(entry.path);
    const below = open ? children(entry.path) : undefined;
    const loading = open && below === undefined;
    rows.push({ entry, depth, expanded: open, loading });
    if (loading && !isLoading(entry.path)) missing.push(entry.path);
    if (below && below.length > 0) stack.push([below, 0, depth + 1]);
  }
  return { rows, missing };
}

/** The row of the directory holding row `index`, or -1 at the top level. */
export function parentRow(rows: readonly TreeRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0;
  for (let i = index - 1; i >= 0; i--) if (rows[i]!.depth < depth) return i;
  return -1;
}

/** The index of `path` among the rows, or -1. */
export function rowOf(rows: readonly TreeRow[], path: string | undefined): number {
  if (path === undefined) return -1;
  return rows.findIndex((row) => row.entry.path === path);
}

export type TreeMove =
  | { kind: 'cursor'; index: number }
  | { kind: 'expand'; path: string }
  | { kind: 'collapse'; path: string }
  | { kind: 'open'; row: TreeRow };

/**
 * What a key does at row `cursor`, as file managers do it: → opens a directory, then goes to its
 * first child; ← closes it, then goes to the parent; Enter opens a file (or toggles a directory).
 */
export function treeMove(
  rows: readonly TreeRow[],
  cursor: number,
  key: string,
  page: number,
): TreeMove | undefined {
  const last = rows.length - 1;
  if (last < 0) return undefined;
  const clamp = (index: number) => ({ kind: 'cursor' as const, index: Math.max(0, Math.min(last, index)) });
  const row = rows[cursor];
  switch (key) {
    case 'ArrowDown':
      return clamp(cursor < 0 ? 0 : cursor + 1);
    case 'ArrowUp':
      return clamp(cursor < 0 ? last : cursor - 1);
    case 'PageDown':
      return clamp(cursor + page);
    case 'PageUp':
      return clamp(cursor - page);
    case 'Home':
      return clamp(0);
    case 'End':
      return clamp(last);
    case 'ArrowRight':
      if (row?.entry.type !== 'dir') return undefined;
      if (!row.expanded) return { kind: 'expand', path: row.entry.path };
      return rows[cursor + 1]?.depth === row.depth + 1 ? clamp(cursor + 1) : undefined;
    case 'ArrowLeft': {
      if (!row) return undefined;
      if (row.expanded) return { kind: 'collapse', path: row.entry.path };
      const parent = parentRow(rows, cursor);
      return parent >= 0 ? clamp(parent) : undefined;
    }
    case 'Enter':
      if (!row) return undefined;
      if (row.entry.type !== 'dir') return { kind: 'open', row };
      return row.expanded
        ? { kind: 'collapse', path: row.entry.path }
        : { kind: 'expand', path: row.entry.path };
    default:
      return undefined;
  }
}
