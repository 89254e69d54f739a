import { LayerError } from './errors.js';
import { normalizeArchivePath, type RawHeader } from './tar-header.js';
import type { EntryType, FileEntry } from './types.js';

/** Types whose size field says nothing about content (as Go's archive/tar, which unpacks Docker layers). */
const HEADER_ONLY: Readonly<Record<string, EntryType>> = {
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
};
/** Headers that describe the next entry, or the archive, rather than being one. */
export const METADATA_TYPES = new Set(['x', 'g', 'L', 'K']);
/** Volume labels and multi-volume continuations: no entry of the layer. */
export const SKIPPED_TYPES = new Set(['V', 'M', 'N']);

/** What PAX and GNU long-name headers said about the next entry. */
export interface Overrides {
  path: string | undefined;
  linkpath: string | undefined;
  size: number | undefined;
  realSize: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
}

export const NO_OVERRIDES: Overrides = {
  path: undefined,
  linkpath: undefined,
  size: undefined,
  realSize: undefined,
  uid: undefined,
  gid: undefined,
};

export function paxOverrides(
  pax: Map<string, string>,
  longName: string | null,
  longLink: string | null,
): Overrides {
  return {
    path: pax.get('GNU.sparse.name') ?? pax.get('path') ?? longName ?? undefined,
    linkpath: pax.get('linkpath') ?? longLink ?? undefined,
    size: paxNumber(pax, 'size'),
    realSize: paxNumber(pax, 'GNU.sparse.realsize') ?? paxNumber(pax, 'GNU.sparse.size'),
    uid: paxNumber(pax, 'uid'),
    gid: paxNumber(pax, 'gid'),
  };
}

/**
 * The entry a header describes, and how many content bytes follow it in the archive. Paths are
 * normalized (and refused if unsafe), as are hard-link targets, which are archive paths; a
 * symlink's target is kept as written. A name whose last part starts with `.wh.` is a whiteout.
 */
export function entryOf(header: RawHeader, overrides: Overrides): { entry: FileEntry; stored: number } {
  const headerOnly = HEADER_ONLY[header.typeflag];
  const stored = headerOnly ? 0 : (overrides.size ?? header.size);
  const path = normalizeArchivePath(overrides.path ?? header.name);
  const type: EntryType = isWhiteout(path) ? 'whiteout' : (headerOnly ?? 'file');
  let linkTarget: string | null = null;
  if (headerOnly === 'hardlink') linkTarget = normalizeArchivePath(overrides.linkpath ?? header.linkname);
  else if (headerOnly === 'symlink') linkTarget = cString(overrides.linkpath ?? header.linkname);
  return {
    entry: {
      path,
      type,
      size: type === 'file' ? (overrides.realSize ?? header.realSize ?? stored) : 0,
      mode: header.mode & 0o7777,
      linkTarget,
      uid: overrides.uid ?? header.uid,
      gid: overrides.gid ?? header.gid,
    },
    stored,
  };
}

function paxNumber(pax: Map<string, string>, key: string): number | undefined {
  const text = pax.get(key);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new LayerError(
      'LAYER_CORRUPT',
      `A PAX header of the layer has an invalid ${key} (${text.slice(0, 40)}).`,
    );
  }
  return value;
}

/** Text up to the first NUL: what C-string fields and GNU long names hold. */
export function cString(text: Buffer | string): string {
  if (typeof text === 'string') {
    const end = text.indexOf('\0');
    return end === -1 ? text : text.slice(0, end);
  }
  const end = text.indexOf(0);
  return text.toString('utf8', 0, end === -1 ? text.length : end);
}

function isWhiteout(path: string): boolean {
  const slash = path.lastIndexOf('/');
  return path.startsWith('.wh.', slash + 1);
}
