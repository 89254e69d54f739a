import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { LayerListing } from './listing.js';

/**
 * A listing on disk: a 40-byte header, then the columns back to back (types, modes, uids, gids,
 * sizes as raw typed arrays; paths and link targets as NUL-separated UTF-8). Loading is a copy per
 * column and one split per string list: a 100,000-entry listing opens in a few milliseconds.
 *
 *   0 magic "SLST" · 4 version · 8 count · 12 path bytes · 16 link bytes · 20 crc32 of the body
 *   24 uncompressed size (float64) · 32 byte order (1 = little endian) · 33..40 zero
 */
const MAGIC = 0x54534c53; // "SLST" read as a little-endian u32
const VERSION = 1;
export const HEADER_BYTES = 40;
const LITTLE = endianness() === 'LE' ? 1 : 2;

export function encodeListing(listing: LayerListing): Buffer {
  const { paths, links, types, modes, uids, gids, sizes } = listing.columns;
  const pathBytes = Buffer.from(paths.join('\0'), 'utf8');
  const linkBytes = Buffer.from(links.join('\0'), 'utf8');
  const body = Buffer.concat([
    bytesOf(types),
    bytesOf(modes),
    bytesOf(uids),
    bytesOf(gids),
    bytesOf(sizes),
    pathBytes,
    linkBytes,
  ]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(VERSION, 4);
  header.writeUInt32LE(listing.count, 8);
  header.writeUInt32LE(pathBytes.length, 12);
  header.writeUInt32LE(linkBytes.length, 16);
  header.writeUInt32LE(crc32(body), 20);
  header.writeDoubleLE(listing.uncompressedSize, 24);
  header.writeUInt8(LITTLE, 32);
  return Buffer.concat([header, body]);
}

/** The uncompressed size a listing's header records, or undefined if `header` is not one of ours. */
export function peekUncompressedSize(header: Buffer): number | undefined {
  return isOurs(header) ? header.readDoubleLE(24) : undefined;
}

/** Undefined for anything that is not an intact listing of this version (a miss, never an error). */
export function decodeListing(digest: string, bytes: Buffer): LayerListing | undefined {
  if (!isOurs(bytes)) return undefined;
  const count = bytes.readUInt32LE(8);
  const pathLength = bytes.readUInt32LE(12);
  const linkLength = bytes.readUInt32LE(16);
  const fixed = count * (1 + 4 + 4 + 4 + 8);
  if (bytes.length !== HEADER_BYTES + fixed + pathLength + linkLength) return undefined;
  const body = bytes.subarray(HEADER_BYTES);
  if (crc32(body) !== bytes.readUInt32LE(20)) return undefined;
  let pos = 0;
  const take = <T extends Uint8Array | Uint32Array | Float64Array>(column: T): T => {
    const target = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
    body.copy(target, 0, pos, pos + target.length);
    pos += target.length;
    return column;
  };
  const types = take(new Uint8Array(count));
  const modes = take(new Uint32Array(count));
  const uids = take(new Uint32Array(count));
  const gids = take(new Uint32Array(count));
  const sizes = take(new Float64Array(count));
  const paths = strings(body, pos, pos + pathLength, count);
  const links = strings(body, pos + pathLength, pos + pathLength + linkLength, count);
  if (!paths || !links) return undefined;
  return new LayerListing(digest, { paths, links, types, modes, uids, gids, sizes }, bytes.readDoubleLE(24));
}

function isOurs(header: Buffer): boolean {
  return (
    header.length >= HEADER_BYTES &&
    header.readUInt32LE(0) === MAGIC &&
    header.readUInt32LE(4) === VERSION &&
    header.readUInt8(32) === LITTLE
  );
}

function bytesOf(column: Uint8Array | Uint32Array | Float64Array): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}

function strings(body: Buffer, start: number, end: number, count: number): string[] | undefined {
  if (count === 0) return [];
  const list = body.toString('utf8', start, end).split('\0');
  return list.length === count ? list : undefined;
}
