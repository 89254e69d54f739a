import { hexDump, type FileView as ViewedFile } from './content.js';
import type { ImageDiff } from './diff.js';
import type { LayeredImage } from './image.js';
import type { MergedEntry, MergedFs } from './merged-fs.js';
import type { FilesystemSummary, FileView, ImageDiffView, LayersView } from './views.js';

/** The wasted-space panel lists this many paths; the score counts them all. */
const MAX_INEFFICIENCIES = 200;
/** The size picture: directories this deep, this many, largest first. */
const MAX_DIRECTORY_DEPTH = 3;
const MAX_DIRECTORIES = 500;
/** Each list of a diff view; the counts say how many there were. */
export const MAX_DIFF_ENTRIES = 20_000;

export function layersView(image: LayeredImage, listed: boolean[]): LayersView {
  return {
    name: image.name,
    digest: image.digest,
    source: image.source,
    platform: image.platform,
    layers: image.layers.map((layer) => ({ ...layer })),
    history: [...image.history],
    listed,
  };
}

/** The merged filesystem summed up: files, bytes, efficiency, what each layer did, where the bytes are. */
export function filesystemSummary(fs: MergedFs): FilesystemSummary {
  const files = fs.files();
  const directories = new Map<string, { size: number; files: number }>();
  let size = 0;
  for (const entry of files) {
    if (entry.type === 'dir') continue;
    size += entry.size;
    // Every ancestor down to the depth shown gets the file: `a/b/c/d/e` counts in a, a/b and a/b/c.
    let slash = entry.path.indexOf('/');
    for (let depth = 1; slash !== -1 && depth <= MAX_DIRECTORY_DEPTH; depth++) {
      const dir = entry.path.slice(0, slash);
      const totals = directories.get(dir) ?? { size: 0, files: 0 };
      totals.size += entry.size;
      totals.files += 1;
      directories.set(dir, totals);
      slash = entry.path.indexOf('/', slash + 1);
    }
  }
  const layers = fs.listings.map((listing, index) => {
    const counts = { added: 0, changed: 0, removed: 0 };
    for (const kind of fs.changes(index)) {
      if (kind === 'added') counts.added++;
      else if (kind === 'changed') counts.changed++;
      else if (kind === 'removed' || kind === 'opaque') counts.removed++;
    }
    return { index, entries: listing.count, ...counts, bytes: listing.contentSize };
  });
  return {
    files: files.length,
    size,
    efficiency: {
      ...fs.efficiency,
      inefficiencies: fs.efficiency.inefficiencies.slice(0, MAX_INEFFICIENCIES),
    },
    layers,
    directories: [...directories]
      .map(([path, totals]) => ({ path, ...totals }))
      .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
      .slice(0, MAX_DIRECTORIES),
  };
}

/** A diff for the UI: each list capped at `cap` entries, with the counts from before the cap. */
export function imageDiffView(diff: ImageDiff, cap = MAX_DIFF_ENTRIES): ImageDiffView {
  const { added, removed, changed, directories } = diff;
  return {
    counts: { added: added.length, removed: removed.length, changed: changed.length },
    truncated: [added, removed, changed, directories].some((list) => list.length > cap),
    added: added.slice(0, cap),
    removed: removed.slice(0, cap),
    changed: changed.slice(0, cap),
    directories: directories.slice(0, cap),
    sizeBefore: diff.sizeBefore,
    sizeAfter: diff.sizeAfter,
  };
}

/** A file's first bytes as the UI shows them: text when they read as text, else a hex dump. */
export function fileView(fs: MergedFs, { entry, bytes, truncated, binary }: ViewedFile): FileView {
  return {
    path: entry.path,
    size: truncated ? fileSize(fs, entry) : bytes.length,
    layer: entry.layer,
    binary,
    truncated,
    // Streaming mode holds back a character the cap cut in two instead of showing U+FFFD.
    text: binary ? null : new TextDecoder('utf-8').decode(bytes, { stream: truncated }),
    hex: binary ? hexDump(bytes) : null,
  };
}

/** A file's size; a hard link's is its target's, an earlier entry of the same layer. */
function fileSize(fs: MergedFs, entry: MergedEntry): number {
  if (entry.type !== 'hardlink') return entry.size;
  const listing = fs.listings[entry.layer];
  for (let i = entry.entryIndex - 1; listing && i >= 0; i--) {
    if (listing.path(i) === entry.linkTarget && listing.type(i) === 'file') return listing.size(i);
  }
  return 0;
}
