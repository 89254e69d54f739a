/**
 * What the UIs see of an image's layers and files, through the contract. Plain data: the handlers
 * build these from LayeredImage and MergedFs, which stay in the main process.
 */
import type { ChangedPath, DirectoryChange } from './diff.js';
import type { Efficiency } from './efficiency.js';
import type { ChangeKind } from './merged-fs.js';
import type { EntryType, FileEntry, HistoryRecord, LayerInfo } from './types.js';

/** Which image: a remote reference, or a local image of an engine (id or name). */
export interface ImageSelector {
  reference: string;
  source: 'remote' | 'local';
  engineId?: string;
  /** `os/arch[/variant]`, for a remote index (default: linux/amd64, else its first image). */
  platform?: string;
}

export interface LayersView {
  name: string;
  /** The manifest digest (remote) or the image id (local). */
  digest: string;
  source: 'remote' | 'local';
  platform: string | null;
  layers: LayerInfo[];
  history: HistoryRecord[];
  /** Per layer: its listing is cached already, so a scan will not read it again. */
  listed: boolean[];
}

/** The merged filesystem after a scan, summed up for the wasted-space panel and the size picture. */
export interface FilesystemSummary {
  /** Paths in the merged filesystem. */
  files: number;
  /** Bytes of the regular files in it. */
  size: number;
  /** dive's score; `inefficiencies` capped at the 200 largest. */
  efficiency: Efficiency;
  /** Per layer: entries it holds and what it did to the filesystem below it. */
  layers: Array<{
    index: number;
    entries: number;
    added: number;
    changed: number;
    removed: number;
    bytes: number;
  }>;
  /** Directories down to depth 3 with the bytes under them, largest first, at most 500: the treemap's data. */
  directories: Array<{ path: string; size: number; files: number }>;
}

/** One row of the file tree. */
export interface TreeEntry {
  name: string;
  path: string;
  type: EntryType;
  /** A file's bytes; a directory's: every file under it. */
  size: number;
  mode: number;
  linkTarget: string | null;
  /** The topmost layer that wrote the path. */
  layer: number;
  addedBy: number;
  /** What the asked-for layer did to the path (`none` when no layer was asked for). */
  change: ChangeKind;
  /** Children of a directory (0 for everything else). */
  children: number;
}

/** A file's first bytes for viewing: text when it reads as text, else a hex dump. */
export interface FileView {
  path: string;
  size: number;
  layer: number;
  binary: boolean;
  /** Fewer bytes shown than the file has. */
  truncated: boolean;
  text: string | null;
  /** `offset  hex bytes  ascii` lines, for binary files. */
  hex: string[] | null;
}

export interface ImageDiffView {
  /** Counts before the lists were capped. */
  counts: { added: number; removed: number; changed: number };
  /** True when a list holds fewer entries than its count (each is capped at 20,000). */
  truncated: boolean;
  added: FileEntry[];
  removed: FileEntry[];
  changed: ChangedPath[];
  directories: DirectoryChange[];
  sizeBefore: number;
  sizeAfter: number;
}
