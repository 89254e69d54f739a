import type { MergedFs } from './merged-fs.js';
import type { FileEntry } from './types.js';

/** What differs between the same path in two images. */
export type ChangedField = 'type' | 'size' | 'mode' | 'linkTarget';

export interface ChangedPath {
  path: string;
  before: FileEntry;
  after: FileEntry;
  fields: ChangedField[];
}

export interface DirectoryChange {
  path: string;
  before: number;
  after: number;
  delta: number;
}

/** How image B's filesystem differs from image A's. Paths sorted; entries without layer bookkeeping. */
export interface ImageDiff {
  added: FileEntry[];
  removed: FileEntry[];
  changed: ChangedPath[];
  /** Directories whose files' bytes differ (the root excepted: see sizeBefore/sizeAfter). */
  directories: DirectoryChange[];
  sizeBefore: number;
  sizeAfter: number;
}

const FIELDS: readonly ChangedField[] = ['type', 'size', 'mode', 'linkTarget'];

/**
 * Compares two merged filesystems path by path: added, removed, changed (type, size, mode or
 * link target — file contents are not hashed, so a same-size edit with the same mode is not
 * seen), and the change in bytes of every directory.
 */
export function diffFilesystems(a: MergedFs, b: MergedFs): ImageDiff {
  const before = a.files();
  const after = b.files();
  const added: FileEntry[] = [];
  const removed: FileEntry[] = [];
  const changed: ChangedPath[] = [];
  let i = 0;
  let j = 0;
  // Both lists are sorted by path: one merge pass.
  while (i < before.length || j < after.length) {
    const left = before[i];
    const right = after[j];
    if (right === undefined || (left !== undefined && left.path < right.path)) {
      removed.push(plain(left!));
      i++;
    } else if (left === undefined || right.path < left.path) {
      added.push(plain(right));
      j++;
    } else {
      const fields = FIELDS.filter((field) => left[field] !== right[field]);
      if (fields.length > 0)
        changed.push({ path: left.path, before: plain(left), after: plain(right), fields });
      i++;
      j++;
    }
  }
  const sizesBefore = a.directorySizes();
  const sizesAfter = b.directorySizes();
  const directories: DirectoryChange[] = [];
  for (const path of new Set([...sizesBefore.keys(), ...sizesAfter.keys()])) {
    if (path === '') continue;
    const was = sizesBefore.get(path) ?? 0;
    const now = sizesAfter.get(path) ?? 0;
    if (was !== now) directories.push({ path, before: was, after: now, delta: now - was });
  }
  directories.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return {
    added,
    removed,
    changed,
    directories,
    sizeBefore: sizesBefore.get('') ?? 0,
    sizeAfter: sizesAfter.get('') ?? 0,
  };
}

function plain(entry: FileEntry): FileEntry {
  const { path, type, size, mode, linkTarget, uid, gid } = entry;
  return { path, type, size, mode, linkTarget, uid, gid };
}
