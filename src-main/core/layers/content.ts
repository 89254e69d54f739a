import type { Readable } from 'node:stream';
import { capitalised, LayerError } from './errors.js';
import type { EntryOptions, LayeredImage } from './image.js';
import type { MergedEntry, MergedFs } from './merged-fs.js';

export interface OpenedFile {
  /** The file as the merged filesystem has it (symlinks followed; a hard link as itself). */
  entry: MergedEntry;
  /** Its bytes: from the topmost layer that wrote it (for a hard link, its target in that layer). */
  stream: Readable;
}

/**
 * A file of the image, as a stream of its bytes, uncapped (for saving). Symlinks on the way are
 * followed inside the image; a whited-out path is NOT_FOUND, as is a directory or a device.
 */
export async function openFile(
  image: LayeredImage,
  fs: MergedFs,
  path: string,
  opts: EntryOptions = {},
): Promise<OpenedFile> {
  const wanted = path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  const resolved = fs.resolve(wanted);
  const entry = resolved === undefined ? undefined : fs.get(resolved);
  if (!entry) {
    throw new LayerError('NOT_FOUND', `${image.name} has no file ${wanted}.`, { path: wanted });
  }
  if (entry.type !== 'file' && entry.type !== 'hardlink') {
    throw new LayerError(
      'NOT_FOUND',
      `${capitalised(wanted)} in ${image.name} is a ${entry.type}, not a file.`,
      {
        path: wanted,
        type: entry.type,
      },
    );
  }
  const entryIndex = entry.type === 'hardlink' ? hardLinkSource(fs, entry) : entry.entryIndex;
  return { entry, stream: await image.openEntry(entry.layer, entryIndex, opts) };
}

export interface FileView {
  entry: MergedEntry;
  /** At most `maxBytes` of the file's start. */
  bytes: Buffer;
  /** The file has more bytes than `bytes`. */
  truncated: boolean;
  binary: boolean;
}

/** The start of a file for viewing: at most `maxBytes` (default 1 MiB), unverified, read no further. */
export async function viewFile(
  image: LayeredImage,
  fs: MergedFs,
  path: string,
  opts: EntryOptions & { maxBytes?: number } = {},
): Promise<FileView> {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const { entry, stream } = await openFile(image, fs, path, { ...opts, verify: false });
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= maxBytes) break;
    }
  } finally {
    stream.destroy();
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  return { entry, bytes, truncated: bytes.length < sizeOf(fs, entry), binary: isBinary(bytes) };
}

/** A hard link's bytes are its target's, stored earlier in the same layer. */
function hardLinkSource(fs: MergedFs, link: MergedEntry): number {
  const listing = fs.listings[link.layer]!;
  for (let i = link.entryIndex - 1; i >= 0; i--) {
    if (listing.path(i) === link.linkTarget && listing.type(i) === 'file') return i;
  }
  throw new LayerError(
    'NOT_FOUND',
    `The hard link ${link.path} points at ${link.linkTarget}, which its layer does not hold.`,
    { path: link.path, linkTarget: link.linkTarget },
  );
}

function sizeOf(fs: MergedFs, entry: MergedEntry): number {
  if (entry.type !== 'hardlink') return entry.size;
  return fs.listings[entry.layer]!.size(hardLinkSource(fs, entry));
}

/**
 * Binary, for viewing: a NUL byte, or bytes that are not UTF-8 (a multi-byte character cut at
 * the end of a truncated view does not count).
 */
export function isBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  let end = bytes.length;
  // Back off a character that the cap may have cut: up to 3 continuation bytes and its lead byte.
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) !== 0x80) {
      if (byte >= 0xc0) end = bytes.length - back;
      break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return false;
  } catch {
    return true;
  }
}

/** `hexdump -C` style lines: offset, 16 bytes in hex, and the printable ones. */
export function hexDump(bytes: Uint8Array, startOffset = 0): string[] {
  const lines: string[] = [];
  for (let pos = 0; pos < bytes.length; pos += 16) {
    const row = bytes.subarray(pos, pos + 16);
    const hex = Array.from(row, (byte) => byte.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const text = Array.from(row, (byte) =>
      byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.',
    ).join('');
    lines.push(
      `${(startOffset + pos).toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${text}|`,
    );
  }
  return lines;
}
