/**
 * The treemap's boxes from a scan's directory sizes (`FilesystemSummary.directories`: down to
 * depth 3, the 500 largest): the children of the directory in focus, and one box for the bytes
 * no listed child accounts for (files right in it, and directories too small to be listed).
 * Pure functions: the unit tests pin them down.
 */
import type { FilesystemSummary } from '../../../../src-main/core/layers/views.js';
import { parentPath } from './image-key.js';

export interface TreemapNode {
  /** The directory's path; for `rest`, the directory whose other bytes it stands for. */
  path: string;
  /** What the box is labelled. */
  name: string;
  size: number;
  files: number;
  /** `rest`: the bytes of the directory that no listed child holds. */
  kind: 'dir' | 'rest';
  /** Listed subdirectories: clicking the box can go into it. */
  hasChildren: boolean;
}

export interface DirectoryIndex {
  /** Bytes and files under a path (the root: the whole filesystem). */
  totals(path: string): { size: number; files: number } | undefined;
  children(path: string): TreemapNode[];
}

export function indexDirectories(
  summary: Pick<FilesystemSummary, 'directories' | 'size' | 'files'>,
): DirectoryIndex {
  const byPath = new Map<string, { size: number; files: number }>();
  const byParent = new Map<string, Array<{ path: string; size: number; files: number }>>();
  for (const directory of summary.directories) {
    if (directory.path === '') continue;
    byPath.set(directory.path, directory);
    const parent = parentPath(directory.path);
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(directory);
    else byParent.set(parent, [directory]);
  }
  const totals = (path: string) =>
    path === '' ? { size: summary.size, files: summary.files } : byPath.get(path);

  const children = (path: string): TreemapNode[] => {
    const listed = byParent.get(path) ?? [];
    const nodes: TreemapNode[] = listed.map((directory) => ({
      path: directory.path,
      name: directory.path.slice(path === '' ? 0 : path.length + 1),
      size: directory.size,
      files: directory.files,
      kind: 'dir',
      hasChildren: byParent.has(directory.path),
    }));
    const total = totals(path);
    if (total) {
      const size = total.size - nodes.reduce((sum, node) => sum + node.size, 0);
      const files = total.files - nodes.reduce((sum, node) => sum + node.files, 0);
      if (size > 0) {
        nodes.push({
          path,
          name: nodes.length > 0 ? 'other files' : 'files',
          size,
          files: Math.max(0, files),
          kind: 'rest',
          hasChildren: false,
        });
      }
    }
    return nodes.sort((a, b) => b.size - a.size);
  };
  return { totals, children };
}

/** `usr/lib` → [{path: ``, name: `/`}, {path: `usr`, name: `usr`}, {path: `usr/lib`, name: `lib`}]. */
export function breadcrumbs(path: string): Array<{ path: string; name: string }> {
  const crumbs = [{ path: '', name: '/' }];
  if (path === '') return crumbs;
  let at = 0;
  for (const name of path.split('/')) {
    at += name.length;
    crumbs.push({ path: path.slice(0, at), name });
    at += 1;
  }
  return crumbs;
}
