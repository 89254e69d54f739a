/**
 * The Layers view's pure parts: the flattened file tree and its keyboard, the squarified treemap
 * and its boxes, modes as `ls -l` writes them, and image keys.
 */
import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../src-main/core/layers/views.js';
import {
  ancestorPaths,
  imageKey,
  imageLabel,
  localImage,
  remoteImage,
  repositoryPart,
} from '../../src-renderer/src/features/layers/image-key.js';
import { dirKey } from '../../src-renderer/src/features/layers/layer-tree-slice.js';
import {
  formatDelta,
  formatMode,
  formatPercent,
} from '../../src-renderer/src/features/layers/layer-words.js';
import { squarify } from '../../src-renderer/src/features/layers/squarify.js';
import { flattenTree, parentRow, treeMove } from '../../src-renderer/src/features/layers/tree-rows.js';
import { breadcrumbs, indexDirectories } from '../../src-renderer/src/features/layers/treemap-nodes.js';

const entry = (path: string, type: TreeEntry['type'] = 'file', children = 0): TreeEntry => ({
  name: path.slice(path.lastIndexOf('/') + 1),
  path,
  type,
  size: 1,
  mode: 0o644,
  linkTarget: null,
  layer: 0,
  addedBy: 0,
  change: 'none',
  children,
});

const DIRS: Record<string, TreeEntry[]> = {
  '': [entry('etc', 'dir', 2), entry('usr', 'dir', 1), entry('hello.txt')],
  etc: [entry('etc/hosts'), entry('etc/ssl', 'dir', 1)],
  'etc/ssl': [entry('etc/ssl/cert.pem')],
  usr: [entry('usr/bin', 'dir', 1)],
};
const children = (path: string) => DIRS[path];
const paths = (rows: { entry: TreeEntry }[]) => rows.map((row) => row.entry.path);

describe('flattened file tree', () => {
  it('shows the root, then the children of each expanded folder right after it', () => {
    const { rows, missing } = flattenTree(children, new Set(['etc', 'etc/ssl']));
    expect(paths(rows)).toEqual(['etc', 'etc/hosts', 'etc/ssl', 'etc/ssl/cert.pem', 'usr', 'hello.txt']);
    expect(rows.map((row) => row.depth)).toEqual([0, 1, 1, 2, 0, 0]);
    expect(missing).toEqual([]);
  });

  it('keeps children hidden under a closed folder even when it is listed', () => {
    const { rows } = flattenTree(children, new Set(['etc/ssl']));
    expect(paths(rows)).toEqual(['etc', 'usr', 'hello.txt']);
  });

  it('asks for expanded folders never listed, once, and marks them loading', () => {
    const usrOpen = flattenTree(children, new Set(['usr', 'usr/bin']));
    expect(paths(usrOpen.rows)).toEqual(['etc', 'usr', 'usr/bin', 'hello.txt']);
    expect(usrOpen.missing).toEqual(['usr/bin']);
    expect(usrOpen.rows[2]).toMatchObject({ expanded: true, loading: true });
    const asked = new Set(['usr/bin']);
    expect(flattenTree(children, new Set(['usr', 'usr/bin']), (path) => asked.has(path)).missing).toEqual([]);
  });

  it('asks for the root first', () => {
    expect(flattenTree(() => undefined, new Set())).toEqual({ rows: [], missing: [''] });
  });

  it('flattens 100,000 rows in well under a frame budget of a keystroke', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => entry(`big/f${i}`));
    const tree = (path: string) =>
      path === '' ? [entry('big', 'dir', many.length)] : path === 'big' ? many : undefined;
    const started = performance.now();
    const { rows } = flattenTree(tree, new Set(['big']));
    expect(rows).toHaveLength(100_001);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('tree keyboard', () => {
  const rows = flattenTree(children, new Set(['etc', 'etc/ssl'])).rows;

  it('moves the cursor and clamps at both ends', () => {
    expect(treeMove(rows, -1, 'ArrowDown', 10)).toEqual({ kind: 'cursor', index: 0 });
    expect(treeMove(rows, 5, 'ArrowDown', 10)).toEqual({ kind: 'cursor', index: 5 });
    expect(treeMove(rows, 0, 'ArrowUp', 10)).toEqual({ kind: 'cursor', index: 0 });
    expect(treeMove(rows, 1, 'PageDown', 10)).toEqual({ kind: 'cursor', index: 5 });
    expect(treeMove(rows, 3, 'Home', 10)).toEqual({ kind: 'cursor', index: 0 });
  });

  it('→ opens a closed folder, then goes to its first child; on a file it does nothing', () => {
    const closed = flattenTree(children, new Set()).rows;
    expect(treeMove(closed, 0, 'ArrowRight', 10)).toEqual({ kind: 'expand', path: 'etc' });
    expect(treeMove(rows, 0, 'ArrowRight', 10)).toEqual({ kind: 'cursor', index: 1 });
    expect(treeMove(rows, 1, 'ArrowRight', 10)).toBeUndefined();
  });

  it('← closes an open folder, else goes to the parent', () => {
    expect(treeMove(rows, 2, 'ArrowLeft', 10)).toEqual({ kind: 'collapse', path: 'etc/ssl' });
    expect(treeMove(rows, 3, 'ArrowLeft', 10)).toEqual({ kind: 'cursor', index: 2 });
    expect(treeMove(rows, 4, 'ArrowLeft', 10)).toBeUndefined();
    expect(parentRow(rows, 3)).toBe(2);
  });

  it('Enter opens a file and toggles a folder', () => {
    expect(treeMove(rows, 1, 'Enter', 10)).toMatchObject({
      kind: 'open',
      row: { entry: { path: 'etc/hosts' } },
    });
    expect(treeMove(rows, 0, 'Enter', 10)).toEqual({ kind: 'collapse', path: 'etc' });
    expect(treeMove(rows, 4, 'Enter', 10)).toEqual({ kind: 'expand', path: 'usr' });
  });
});

describe('squarified treemap', () => {
  const rect = { x: 0, y: 0, w: 600, h: 400 };

  it('gives each item an area proportional to its value, inside the rectangle, without overlaps', () => {
    const values = [500, 250, 125, 60, 40, 15, 10];
    const placed = squarify(values, (v) => v, rect);
    const total = values.reduce((a, b) => a + b, 0);
    expect(placed).toHaveLength(values.length);
    for (const { item, rect: r } of placed) {
      expect(r.w * r.h).toBeCloseTo((item / total) * rect.w * rect.h, 6);
      expect(r.x).toBeGreaterThanOrEqual(-1e-9);
      expect(r.y).toBeGreaterThanOrEqual(-1e-9);
      expect(r.x + r.w).toBeLessThanOrEqual(rect.w + 1e-6);
      expect(r.y + r.h).toBeLessThanOrEqual(rect.h + 1e-6);
    }
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!.rect;
        const b = placed[j]!.rect;
        const overlap =
          Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
          Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
        expect(overlap).toBeLessThan(1e-6);
      }
  });

  it('keeps boxes squarer than slicing would', () => {
    const placed = squarify([6, 6, 4, 3, 2, 2, 1], (v) => v, { x: 0, y: 0, w: 6, h: 4 });
    const worst = Math.max(...placed.map(({ rect: r }) => Math.max(r.w / r.h, r.h / r.w)));
    expect(worst).toBeLessThan(3);
  });

  it('places nothing for empty values or an empty rectangle', () => {
    expect(squarify([0, -1], (v) => v, rect)).toEqual([]);
    expect(squarify([1], (v) => v, { x: 0, y: 0, w: 0, h: 10 })).toEqual([]);
  });
});

describe('treemap boxes', () => {
  const index = indexDirectories({
    size: 1000,
    files: 10,
    directories: [
      { path: 'usr', size: 700, files: 6 },
      { path: 'usr/lib', size: 500, files: 4 },
      { path: 'usr/bin', size: 150, files: 1 },
      { path: 'etc', size: 200, files: 3 },
    ],
  });

  it('lists a folder’s subfolders and one box for the bytes they do not account for', () => {
    expect(index.children('')).toEqual([
      { path: 'usr', name: 'usr', size: 700, files: 6, kind: 'dir', hasChildren: true },
      { path: 'etc', name: 'etc', size: 200, files: 3, kind: 'dir', hasChildren: false },
      { path: '', name: 'other files', size: 100, files: 1, kind: 'rest', hasChildren: false },
    ]);
    expect(index.children('usr').map((node) => [node.name, node.size])).toEqual([
      ['lib', 500],
      ['bin', 150],
      ['other files', 50],
    ]);
    expect(index.children('etc')).toEqual([
      { path: 'etc', name: 'files', size: 200, files: 3, kind: 'rest', hasChildren: false },
    ]);
  });

  it('names the way back up', () => {
    expect(breadcrumbs('usr/lib')).toEqual([
      { path: '', name: '/' },
      { path: 'usr', name: 'usr' },
      { path: 'usr/lib', name: 'lib' },
    ]);
  });
});

describe('words', () => {
  it('writes modes as ls -l does, with setuid, setgid and sticky', () => {
    expect(formatMode('file', 0o755)).toBe('-rwxr-xr-x');
    expect(formatMode('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(formatMode('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(formatMode('file', 0o2644)).toBe('-rw-r-Sr--');
    expect(formatMode('symlink', 0o777)).toBe('lrwxrwxrwx');
  });

  it('writes fractions and deltas', () => {
    expect(formatPercent(0.9731)).toBe('97.3 %');
    expect(formatPercent(0.99971)).toBe('99.97 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(3391.017)).toBe('3,391×');
    expect(formatDelta(-1500, (b) => `${b} B`)).toBe('−1500 B');
    expect(formatDelta(20, (b) => `${b} B`)).toBe('+20 B');
  });
});

describe('image keys and paths', () => {
  it('tells images, engines and platforms apart', () => {
    const keys = new Set([
      imageKey(remoteImage('r/a:1')),
      imageKey(remoteImage('r/a:1', 'linux/arm64')),
      imageKey(localImage('r/a:1')),
      imageKey(localImage('r/a:1', 'other')),
    ]);
    expect(keys.size).toBe(4);
  });

  it('finds the repository of a reference, ports kept', () => {
    expect(repositoryPart('127.0.0.1:5000/team/app:v1')).toBe('127.0.0.1:5000/team/app');
    expect(repositoryPart('127.0.0.1:5000/team/app')).toBe('127.0.0.1:5000/team/app');
    expect(repositoryPart(`app@sha256:${'a'.repeat(64)}`)).toBe('app');
  });

  it('shortens an image id and opens the folders above a path', () => {
    expect(imageLabel(localImage(`sha256:${'ab'.repeat(32)}`))).toBe('abababababab');
    expect(imageLabel(localImage('alpine:3'))).toBe('alpine:3');
    expect(ancestorPaths('usr/lib/x.so')).toEqual(['', 'usr', 'usr/lib']);
    expect(ancestorPaths('x')).toEqual(['']);
  });

  it('files directory listings per layer and mode', () => {
    expect(dirKey({ layer: undefined, onlyChanges: true }, 'usr')).toBe('top usr');
    expect(dirKey({ layer: 2, onlyChanges: true }, 'usr')).not.toBe(
      dirKey({ layer: 2, onlyChanges: false }, 'usr'),
    );
  });
});
