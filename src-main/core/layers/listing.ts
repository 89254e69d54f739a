import { ENTRY_TYPES, type EntryType, type FileEntry } from './types.js';

const TYPE_CODES: Readonly<Record<EntryType, number>> = Object.fromEntries(
  ENTRY_TYPES.map((type, code) => [type, code]),
) as Record<EntryType, number>;

/** The columns of a listing; links hold '' where an entry has none. */
export interface ListingColumns {
  paths: string[];
  types: Uint8Array;
  modes: Uint32Array;
  uids: Uint32Array;
  gids: Uint32Array;
  sizes: Float64Array;
  links: string[];
}

/**
 * The entries of one layer in archive order, kept as columns (typed arrays and two string lists)
 * rather than one object per entry: a 100,000-file layer is a few MB, and loads from disk in one
 * pass. `entry(i)` builds the object form when one is needed.
 */
export class LayerListing {
  readonly count: number;
  /** Sum of the sizes of the layer's files, as dive counts a layer's size. */
  readonly contentSize: number;

  constructor(
    /** The digest the listing is stored under: the blob's digest, or a local layer's diff id. */
    readonly digest: string,
    readonly columns: ListingColumns,
    /** Bytes of the uncompressed tar. */
    readonly uncompressedSize: number,
  ) {
    this.count = columns.paths.length;
    let total = 0;
    for (let i = 0; i < this.count; i++) total += columns.sizes[i] as number;
    this.contentSize = total;
  }

  path(i: number): string {
    return this.columns.paths[i] as string;
  }

  type(i: number): EntryType {
    return ENTRY_TYPES[this.columns.types[i] as number] as EntryType;
  }

  size(i: number): number {
    return this.columns.sizes[i] as number;
  }

  linkTarget(i: number): string | null {
    const link = this.columns.links[i] as string;
    return link === '' ? null : link;
  }

  entry(i: number): FileEntry {
    const { modes, uids, gids } = this.columns;
    return {
      path: this.path(i),
      type: this.type(i),
      size: this.size(i),
      mode: modes[i] as number,
      linkTarget: this.linkTarget(i),
      uid: uids[i] as number,
      gid: gids[i] as number,
    };
  }

  /** Every entry in archive order (what `stevedore files --layer` prints). */
  entries(): FileEntry[] {
    const entries = new Array<FileEntry>(this.count);
    for (let i = 0; i < this.count; i++) entries[i] = this.entry(i);
    return entries;
  }
}

/** Collects entries as they are read, growing its columns by doubling. */
export class ListingBuilder {
  private count = 0;
  private readonly paths: string[] = [];
  private readonly links: string[] = [];
  private types = new Uint8Array(1024);
  private modes = new Uint32Array(1024);
  private uids = new Uint32Array(1024);
  private gids = new Uint32Array(1024);
  private sizes = new Float64Array(1024);

  add(entry: FileEntry): void {
    if (this.count === this.types.length) this.grow();
    const i = this.count++;
    this.paths.push(entry.path);
    this.links.push(entry.linkTarget ?? '');
    this.types[i] = TYPE_CODES[entry.type];
    this.modes[i] = entry.mode;
    this.uids[i] = entry.uid;
    this.gids[i] = entry.gid;
    this.sizes[i] = entry.size;
  }

  finish(digest: string, uncompressedSize: number): LayerListing {
    const n = this.count;
    return new LayerListing(
      digest,
      {
        paths: this.paths,
        links: this.links,
        types: this.types.slice(0, n),
        modes: this.modes.slice(0, n),
        uids: this.uids.slice(0, n),
        gids: this.gids.slice(0, n),
        sizes: this.sizes.slice(0, n),
      },
      uncompressedSize,
    );
  }

  private grow(): void {
    const size = this.types.length * 2;
    this.types = grown(this.types, new Uint8Array(size));
    this.modes = grown(this.modes, new Uint32Array(size));
    this.uids = grown(this.uids, new Uint32Array(size));
    this.gids = grown(this.gids, new Uint32Array(size));
    this.sizes = grown(this.sizes, new Float64Array(size));
  }
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
