import { type Efficiency, EfficiencyCounter } from './efficiency.js';
import type { LayerListing } from './listing.js';
import type { FileEntry } from './types.js';

/** What an entry of a layer did to the filesystem below it. */
export type ChangeKind = 'added' | 'changed' | 'removed' | 'opaque' | 'none';
const CHANGE_KINDS: readonly ChangeKind[] = ['added', 'changed', 'removed', 'opaque', 'none'];
const ADDED = 0;
const CHANGED = 1;
const REMOVED = 2;
const OPAQUE = 3;
const NONE = 4;

/** A path of the merged filesystem: its entry as the topmost layer that wrote it left it. */
export interface MergedEntry extends FileEntry {
  /** The layer whose entry this is (directories a layer implied without an entry: that layer too). */
  layer: number;
  /** Index of the entry in that layer's listing; -1 for a directory no layer has an entry for. */
  entryIndex: number;
  /** The layer that made the path exist (after its last removal, if any). */
  addedBy: number;
}

/** A path that a layer removed and no layer above brought back. */
export interface RemovedPath {
  path: string;
  /** The layer whose whiteout (or opaque directory) removed it. */
  removedBy: number;
  /** The layer whose version was removed. */
  lastLayer: number;
}

const OPAQUE_MARKER = '.wh..wh..opq';
const WHITEOUT_PREFIX = '.wh.';

class Node {
  children: Map<string, Node> | null = null;
  constructor(
    readonly name: string,
    readonly parent: Node | null,
    public layer: number,
    public entry: number,
    public addedBy: number,
  ) {}
}

/**
 * The filesystem a container of the image starts with: the layers stacked base first, each
 * one's whiteouts (`.wh.<name>`) and opaque directories (`.wh..wh..opq`) applied to the layers
 * below it — never to its own entries, as the OCI image spec says — then its entries added in
 * archive order (a later duplicate wins; a file over a directory replaces the whole directory).
 */
export class MergedFs {
  readonly efficiency: Efficiency;
  private readonly root = new Node('', null, -1, -1, -1);
  private readonly removals = new Map<string, RemovedPath>();
  private readonly kinds: Uint8Array[];
  private readonly counter = new EfficiencyCounter();

  constructor(readonly listings: readonly LayerListing[]) {
    this.root.children = new Map();
    this.kinds = listings.map((listing, layer) => this.stack(listing, layer));
    this.efficiency = this.counter.result();
  }

  /** What each entry of layer `layer` did, in archive order (for "only what this layer changed"). */
  changes(layer: number): ChangeKind[] {
    return Array.from(this.kinds[layer] ?? [], (code) => CHANGE_KINDS[code] as ChangeKind);
  }

  /** Paths removed by a layer and still absent at the top, sorted by path. */
  removed(): RemovedPath[] {
    return [...this.removals.values()].sort((a, b) => compare(a.path, b.path));
  }

  /** Every path of the merged filesystem, sorted by path (what `stevedore files` prints). */
  files(): MergedEntry[] {
    const entries: MergedEntry[] = [];
    walk(this.root, '', (node, path) => {
      entries.push(this.entryOf(node, path));
    });
    return entries.sort((a, b) => compare(a.path, b.path));
  }

  /** The path's entry, or undefined; symlinks on the way are not followed. */
  get(path: string): MergedEntry | undefined {
    const node = this.find(path);
    return node && node !== this.root ? this.entryOf(node, path) : undefined;
  }

  /** Bytes of the files under every directory (`''` is the root); a hard link adds nothing. */
  directorySizes(): Map<string, number> {
    const sizes = new Map<string, number>([['', 0]]);
    walk(this.root, '', (node, path) => {
      const size = node.children ? 0 : this.sizeOf(node);
      if (node.children) sizes.set(path, 0);
      if (size === 0) return;
      // Every ancestor gets the bytes: `a/b/c` adds to `a/b`, `a` and the root.
      for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        const dir = path.slice(0, slash);
        sizes.set(dir, (sizes.get(dir) ?? 0) + size);
      }
      sizes.set('', (sizes.get('') as number) + size);
    });
    return sizes;
  }

  /** Follows symlinks (relative and absolute, at most 40) to the path they end at; undefined if it does not exist. */
  resolve(path: string): string | undefined {
    const pending = path.split('/').filter((part) => part !== '' && part !== '.');
    const resolved: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '..') {
        resolved.pop();
        continue;
      }
      const here = [...resolved, part].join('/');
      const entry = this.get(here);
      if (!entry) return undefined;
      if (entry.type === 'symlink' && entry.linkTarget !== null) {
        if (++hops > 40) return undefined;
        const target = entry.linkTarget.split('/');
        if (entry.linkTarget.startsWith('/')) resolved.length = 0;
        pending.unshift(...target.filter((t) => t !== '' && t !== '.'));
        continue;
      }
      resolved.push(part);
    }
    return resolved.join('/');
  }

  private entryOf(node: Node, path: string): MergedEntry {
    const { layer, entry, addedBy } = node;
    if (entry === -1) {
      return {
        path,
        type: 'dir',
        size: 0,
        mode: 0o755,
        linkTarget: null,
        uid: 0,
        gid: 0,
        layer,
        entryIndex: -1,
        addedBy,
      };
    }
    const listing = this.listings[layer]!;
    const { modes, uids, gids } = listing.columns;
    return {
      path,
      type: listing.type(entry),
      size: listing.size(entry),
      mode: modes[entry] as number,
      linkTarget: listing.linkTarget(entry),
      uid: uids[entry] as number,
      gid: gids[entry] as number,
      layer,
      entryIndex: entry,
      addedBy,
    };
  }

  private sizeOf(node: Node): number {
    return node.entry === -1 ? 0 : this.listings[node.layer]!.size(node.entry);
  }

  private find(path: string): Node | undefined {
    let node: Node | undefined = this.root;
    if (path === '') return node;
    for (const part of path.split('/')) {
      node = node.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  private stack(listing: LayerListing, layer: number): Uint8Array {
    const kinds = new Uint8Array(listing.count).fill(NONE);
    const parents = parentPaths(listing);
    this.counter.addLayerSize(layer, listing.contentSize);
    // Whiteouts first: they apply to the layers below, whatever their place in the archive.
    for (let i = 0; i < listing.count; i++) {
      if (listing.type(i) !== 'whiteout') continue;
      const path = listing.path(i);
      const slash = path.lastIndexOf('/');
      const dir = path.slice(0, Math.max(slash, 0));
      const name = path.slice(slash + 1);
      if (name === OPAQUE_MARKER) {
        const node = this.find(dir);
        if (!node?.children) continue;
        kinds[i] = OPAQUE;
        for (const [childName, child] of [...node.children]) this.remove(child, join(dir, childName), layer);
        continue;
      }
      const target = join(dir, name.slice(WHITEOUT_PREFIX.length));
      const node = this.find(target);
      if (!node || node === this.root) continue;
      kinds[i] = REMOVED;
      this.remove(node, target, layer);
    }
    for (let i = 0; i < listing.count; i++) {
      if (listing.type(i) === 'whiteout') continue;
      const path = listing.path(i);
      kinds[i] = this.add(path, listing.type(i) === 'dir', layer, i) ? ADDED : CHANGED;
      if (!parents.has(path)) this.counter.record(path, listing.size(i));
    }
    return kinds;
  }

  /** Puts entry `entry` of `layer` at `path`; true when the path did not exist before. */
  private add(path: string, isDir: boolean, layer: number, entry: number): boolean {
    const parts = path.split('/');
    let node = this.root;
    for (let p = 0; p < parts.length - 1; p++) {
      const part = parts[p] as string;
      let child = node.children!.get(part);
      if (!child?.children) {
        // A missing parent, or a file where the layer puts a directory: an implicit directory.
        child = this.place(node, part, parts.slice(0, p + 1).join('/'), layer, -1, true, child);
      }
      node = child;
    }
    const name = parts[parts.length - 1] as string;
    const existing = node.children!.get(name);
    this.place(node, name, path, layer, entry, isDir, existing);
    return existing === undefined;
  }

  private place(
    parent: Node,
    name: string,
    path: string,
    layer: number,
    entry: number,
    isDir: boolean,
    existing: Node | undefined,
  ): Node {
    if (this.removals.size > 0) this.removals.delete(path);
    if (existing && isDir === (existing.children !== null)) {
      existing.layer = layer;
      existing.entry = entry;
      return existing;
    }
    // A file where a directory was takes the directory's contents with it.
    if (existing?.children) {
      for (const [childName, child] of [...existing.children]) {
        this.remove(child, `${path}/${childName}`, layer);
      }
    }
    const node = new Node(name, parent, layer, entry, existing ? existing.addedBy : layer);
    if (isDir) node.children = new Map();
    parent.children!.set(name, node);
    return node;
  }

  /** Removes a subtree, counting each removed leaf as a 0-byte version of its path. */
  private remove(node: Node, path: string, layer: number): void {
    const record = (current: Node, currentPath: string) => {
      if (!current.children || current.children.size === 0) this.counter.record(currentPath, 0);
      this.removals.set(currentPath, { path: currentPath, removedBy: layer, lastLayer: current.layer });
    };
    record(node, path);
    walk(node, path, record);
    node.parent?.children?.delete(node.name);
  }
}

/** Visits every node below `start` (not `start` itself), parents before children, without recursion. */
function walk(start: Node, startPath: string, visit: (node: Node, path: string) => void): void {
  const stack: [Node, string][] = [[start, startPath]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    for (const [name, child] of node.children ?? []) {
      const childPath = path === '' ? name : `${path}/${name}`;
      visit(child, childPath);
      if (child.children) stack.push([child, childPath]);
    }
  }
}

/** Paths that have something beneath them in the same layer: not leaves, in dive's sense. */
function parentPaths(listing: LayerListing): Set<string> {
  const parents = new Set<string>();
  for (let i = 0; i < listing.count; i++) {
    let path = listing.path(i);
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/')) {
      path = path.slice(0, slash);
      if (parents.has(path)) break;
      parents.add(path);
    }
  }
  return parents;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
