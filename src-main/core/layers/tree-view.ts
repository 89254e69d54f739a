import { LayerError } from './errors.js';
import type { LayerListing } from './listing.js';
import { type ChangeKind, MergedFs, type RemovedPath } from './merged-fs.js';
import type { EntryType } from './types.js';
import type { TreeEntry } from './views.js';

/** A path of the tree: an entry of the merged filesystem, or (`removed`) one the layer deleted. */
interface Row {
  path: string;
  type: EntryType;
  size: number;
  mode: number;
  linkTarget: string | null;
  layer: number;
  addedBy: number;
  removed?: true;
}

/**
 * One state of an image's filesystem as a browsable tree: the merged filesystem (`top`), or the
 * filesystem as layer N left it (`ofLayer`: layers 0…N stacked), where each path says what layer N
 * did to it and the paths it removed are kept, marked `removed`, as dive shows them. The index
 * (children by directory, bytes under each directory) is built once in two passes over the rows;
 * listing a directory or searching the tree then costs only what it returns.
 */
export class TreeIndex {
  private readonly children = new Map<string, Row[]>([['', []]]);
  /** Bytes of the files under each directory (a removed directory: of the removed files). */
  private readonly sizes = new Map<string, number>();
  private readonly changedDirs = new Set<string>();

  /** `rows` sorted by path. */
  private constructor(
    private readonly rows: readonly Row[],
    private readonly layer: number | undefined,
  ) {
    for (const row of rows) {
      const parent = parentOf(row.path);
      let siblings = this.children.get(parent);
      if (siblings === undefined) {
        siblings = [];
        this.children.set(parent, siblings);
      }
      siblings.push(row);
      if (row.type === 'dir' && !this.children.has(row.path)) this.children.set(row.path, []);
      if (this.change(row) === 'none') continue;
      for (let dir = parent; !this.changedDirs.has(dir); dir = parentOf(dir)) {
        this.changedDirs.add(dir);
        if (dir === '') break;
      }
    }
    // In reverse path order everything under a directory comes before it: one pass sums them.
    const removedDirs = new Set(
      rows.filter((row) => row.removed && row.type === 'dir').map((row) => row.path),
    );
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i] as Row;
      const bytes = row.type === 'dir' ? (this.sizes.get(row.path) ?? 0) : row.size;
      const parent = parentOf(row.path);
      // A removed path counts only in removed directories; the files still there, only in theirs.
      if (bytes === 0 || (row.removed && !removedDirs.has(parent))) continue;
      this.sizes.set(parent, (this.sizes.get(parent) ?? 0) + bytes);
    }
  }

  /** The merged filesystem; no layer is asked for, so every change is `none`. */
  static top(fs: MergedFs): TreeIndex {
    return new TreeIndex(fs.files(), undefined);
  }

  /** The filesystem after layers 0…`layer`, with what `layer` added, changed and removed. */
  static ofLayer(fs: MergedFs, layer: number): TreeIndex {
    const last = fs.listings.length - 1;
    if (!Number.isInteger(layer) || layer < 0 || layer > last) {
      const count = last === 0 ? '1 layer' : `${last + 1} layers`;
      throw new LayerError('NOT_FOUND', `The image has ${count}: give an index from 0 to ${last}.`, {
        layer,
      });
    }
    const stacked = layer === last ? fs : new MergedFs(fs.listings.slice(0, layer + 1));
    const removed = stacked.removed().filter((path) => path.removedBy === layer);
    return new TreeIndex(mergeByPath(stacked.files(), removedRows(removed, fs.listings)), layer);
  }

  /** The entries of directory `dir` (`''` is the root), by name; with `onlyChanges`, only what the layer changed and the directories that lead to it. */
  list(dir: string, onlyChanges = false): TreeEntry[] {
    const path = normalize(dir);
    const rows = this.children.get(path);
    if (!rows) {
      throw new LayerError('NOT_FOUND', `There is no directory ${path} here.`, { path });
    }
    const shown = onlyChanges ? rows.filter((r) => this.isChanged(r)) : rows;
    return shown.map((r) => this.treeEntry(r, onlyChanges));
  }

  /** Paths that `match`, in path order; at most `limit`, and whether more matched. */
  find(match: (path: string) => boolean, limit: number): { entries: TreeEntry[]; truncated: boolean } {
    const entries: TreeEntry[] = [];
    for (const r of this.rows) {
      if (!match(r.path)) continue;
      if (entries.length === limit) return { entries, truncated: true };
      entries.push(this.treeEntry(r, false));
    }
    return { entries, truncated: false };
  }

  private change(row: Row): ChangeKind {
    if (row.removed) return 'removed';
    if (this.layer === undefined || row.layer !== this.layer) return 'none';
    return row.addedBy === this.layer ? 'added' : 'changed';
  }

  private isChanged(r: Row): boolean {
    return this.change(r) !== 'none' || (r.type === 'dir' && this.changedDirs.has(r.path));
  }

  private treeEntry(r: Row, onlyChanges: boolean): TreeEntry {
    const kids = this.children.get(r.path);
    const children =
      r.type !== 'dir' || !kids
        ? 0
        : onlyChanges
          ? kids.reduce((count, kid) => count + (this.isChanged(kid) ? 1 : 0), 0)
          : kids.length;
    return {
      name: r.path.slice(r.path.lastIndexOf('/') + 1),
      path: r.path,
      type: r.type,
      size: r.type === 'dir' ? (this.sizes.get(r.path) ?? 0) : r.size,
      mode: r.mode,
      linkTarget: r.linkTarget,
      layer: r.layer,
      addedBy: r.addedBy,
      change: this.change(r),
      children,
    };
  }
}

/** Two lists sorted by path, as one. */
function mergeByPath(a: readonly Row[], b: readonly Row[]): Row[] {
  if (b.length === 0) return a as Row[];
  const merged: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && (a[i] as Row).path < (b[j] as Row).path))
      merged.push(a[i++] as Row);
    else merged.push(b[j++] as Row);
  }
  return merged;
}

/**
 * Rows for the paths a layer removed (sorted by path, as `removed()` gives them), as the layer
 * below had them: the last entry with that path in the layer whose version was removed, or a
 * directory when that layer only implied it. `layer` and `addedBy` name the layer whose version went.
 */
function removedRows(removed: readonly RemovedPath[], listings: readonly LayerListing[]): Row[] {
  const wanted = new Map<number, Map<string, number>>();
  for (const { path, lastLayer } of removed) {
    const paths = wanted.get(lastLayer) ?? new Map<string, number>();
    wanted.set(lastLayer, paths);
    paths.set(path, -1);
  }
  for (const [layer, paths] of wanted) {
    const listing = listings[layer];
    if (!listing) continue;
    for (let i = 0; i < listing.count; i++) if (paths.has(listing.path(i))) paths.set(listing.path(i), i);
  }
  return removed.map(({ path, lastLayer }): Row => {
    const listing = listings[lastLayer];
    const index = wanted.get(lastLayer)?.get(path) ?? -1;
    const entry = listing && index !== -1 ? listing.entry(index) : undefined;
    return {
      path,
      type: entry?.type ?? 'dir',
      size: entry?.size ?? 0,
      mode: entry?.mode ?? 0o755,
      linkTarget: entry?.linkTarget ?? null,
      layer: lastLayer,
      addedBy: lastLayer,
      removed: true,
    };
  });
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** `./usr/lib/` or `/usr/lib` → `usr/lib`; `/` → the root. */
export function normalize(path: string): string {
  return path
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\/{2,}/g, '/');
}
