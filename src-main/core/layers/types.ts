import type { TaskPart } from '../tasks/types.js';

/** What a tar entry is; `whiteout` is an OCI whiteout (`.wh.<name>`, or `.wh..wh..opq` for an opaque directory). */
export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'whiteout';

/** Entry types by their code in listings (the index is what listing files store). */
export const ENTRY_TYPES: readonly EntryType[] = [
  'file',
  'dir',
  'symlink',
  'hardlink',
  'char',
  'block',
  'fifo',
  'whiteout',
];

/**
 * One entry of a layer, or one path of the merged filesystem. `path` is relative to the image root:
 * no leading `/` or `./`, no trailing `/`. A whiteout keeps its name as stored (`etc/.wh.motd`).
 */
export interface FileEntry {
  path: string;
  type: EntryType;
  /** Bytes of a regular file; 0 for everything else (a hard link's bytes belong to its target). */
  size: number;
  /** Permission bits (`0o755`), without the file type. */
  mode: number;
  /** Symlink target as written, or the archive path a hard link points at; null otherwise. */
  linkTarget: string | null;
  uid: number;
  gid: number;
}

/** A layer of an image, base first. */
export interface LayerInfo {
  index: number;
  /** The blob's digest. A local image's layers are named by their diff id (the engine keeps no blob digest). */
  digest: string;
  /** `sha256:` of the uncompressed tar, from the image config; null when the image has none (schema 1). */
  diffId: string | null;
  mediaType: string;
  /** As the media type says; null for a media type that is not a filesystem layer's. Reading sniffs the bytes. */
  compression: 'gzip' | 'zstd' | 'none' | null;
  /** False for foreign (non-distributable) layers, which registries need not serve. */
  distributable: boolean;
  /** Bytes of the blob; for a local image (an uncompressed tar), known once listed. */
  size: number | null;
  /** Bytes of the uncompressed tar: known once the layer was listed (here or in an earlier run). */
  uncompressedSize: number | null;
  /** The history step that made the layer, or null when history and layers cannot be paired. */
  historyIndex: number | null;
  createdBy: string | null;
  created: string | null;
}

/** One build step, oldest first; `emptyLayer` steps changed only metadata and own no layer. */
export interface HistoryRecord {
  created: string | null;
  createdBy: string | null;
  emptyLayer: boolean;
  comment: string | null;
}

/** Where reading a layer stops: none of these should bind for a real image. */
export interface LayerLimits {
  /** Entries in one layer. */
  maxEntries: number;
  /** Bytes of one PAX or GNU long-name header (names longer than this are not names). */
  maxMetadataBytes: number;
  /** Uncompressed bytes of one layer. */
  maxUncompressedBytes: number;
  /** Once past `ratioFloorBytes`, a compressed layer may expand at most this many times. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** zstd window a frame may ask for (memory held while decompressing). */
  maxZstdWindowBytes: number;
}

export const DEFAULT_LIMITS: LayerLimits = {
  maxEntries: 2_000_000,
  maxMetadataBytes: 1024 * 1024,
  maxUncompressedBytes: 256 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 3,
  maxZstdWindowBytes: 64 * 1024 * 1024,
};

export interface ReadOptions {
  signal?: AbortSignal;
  /** One bar per layer read (id: the layer's digest), bytes read of the blob's size. */
  onProgress?: (part: TaskPart) => void;
  limits?: Partial<LayerLimits>;
}
