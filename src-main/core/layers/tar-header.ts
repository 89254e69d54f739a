import { LayerError } from './errors.js';

/** Tar works in blocks of 512 bytes: headers, and file contents padded to a whole block. */
export const BLOCK = 512;

/** A header block as stored, before PAX or GNU long names apply. */
export interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  /** Bytes of content that follow the header in the archive. */
  size: number;
  typeflag: string;
  linkname: string;
  /** GNU sparse files (`S`): the file's real size, and whether extension blocks follow the header. */
  realSize: number | null;
  sparseExtended: boolean;
}

const SPACE = 0x20;
const CHECKSUM_START = 148;
const CHECKSUM_END = 156;

/**
 * Reads the header block at `offset` of `block`; null for a block of zeros (the end-of-archive
 * marker). A wrong checksum or a malformed number is LAYER_CORRUPT: the bytes are not a tar header.
 */
export function parseHeader(block: Buffer, offset: number): RawHeader | null {
  let unsigned = 0;
  let signed = 0;
  for (let i = offset; i < offset + BLOCK; i++) {
    const byte = i >= offset + CHECKSUM_START && i < offset + CHECKSUM_END ? SPACE : (block[i] as number);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const stored = numberField(block, offset + CHECKSUM_START, 8, 'checksum');
  if (unsigned === 8 * SPACE && stored === 0) return null;
  // Some old tars summed signed bytes; both are accepted, as GNU tar and Go do.
  if (stored !== unsigned && stored !== signed) {
    throw new LayerError(
      'LAYER_CORRUPT',
      'A tar header has a wrong checksum: the layer is not a valid tar.',
      {
        expected: stored,
        actual: unsigned,
      },
    );
  }
  const ustar = isUstar(block, offset);
  const name = textField(block, offset, 100);
  const prefix = ustar ? textField(block, offset + 345, 155) : '';
  const typeflag = String.fromCharCode(block[offset + 156] as number);
  const sparse = typeflag === 'S';
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    mode: numberField(block, offset + 100, 8, 'mode'),
    uid: numberField(block, offset + 108, 8, 'uid'),
    gid: numberField(block, offset + 116, 8, 'gid'),
    size: numberField(block, offset + 124, 12, 'size'),
    typeflag,
    linkname: textField(block, offset + 157, 100),
    realSize: sparse ? numberField(block, offset + 483, 12, 'sparse size') : null,
    sparseExtended: sparse && block[offset + 482] !== 0,
  };
}

/** A GNU sparse extension block says whether yet another one follows. */
export function sparseExtensionContinues(block: Buffer, offset: number): boolean {
  return block[offset + 504] !== 0;
}

/** POSIX ustar (`ustar\0` `00`) has a name prefix field; GNU (`ustar  \0`) uses those bytes otherwise. */
function isUstar(block: Buffer, offset: number): boolean {
  return (
    block[offset + 257] === 0x75 &&
    block[offset + 258] === 0x73 &&
    block[offset + 259] === 0x74 &&
    block[offset + 260] === 0x61 &&
    block[offset + 261] === 0x72 &&
    block[offset + 262] === 0
  );
}

function textField(block: Buffer, start: number, length: number): string {
  let end = start;
  const limit = start + length;
  while (end < limit && block[end] !== 0) end++;
  return block.toString('utf8', start, end);
}

/** Octal digits (space or NUL padded), or base-256 when the top bit of the first byte is set (GNU, star). */
function numberField(block: Buffer, start: number, length: number, what: string): number {
  const first = block[start] as number;
  if (first & 0x80) {
    if (first & 0x40) throw corruptNumber(what, 'is negative');
    let value = first & 0x3f;
    for (let i = start + 1; i < start + length; i++) {
      value = value * 256 + (block[i] as number);
      if (value > Number.MAX_SAFE_INTEGER) throw corruptNumber(what, 'is too large');
    }
    return value;
  }
  let i = start;
  const end = start + length;
  while (i < end && (block[i] === SPACE || block[i] === 0)) i++;
  let value = 0;
  for (; i < end; i++) {
    const byte = block[i] as number;
    if (byte === SPACE || byte === 0) break;
    if (byte < 0x30 || byte > 0x37) throw corruptNumber(what, 'is not an octal number');
    value = value * 8 + (byte - 0x30);
  }
  return value;
}

function corruptNumber(what: string, why: string): LayerError {
  return new LayerError('LAYER_CORRUPT', `A tar header's ${what} ${why}: the layer is not a valid tar.`, {
    field: what,
  });
}

/** The records of a PAX extended header: `<length> <key>=<value>\n`, as a map. */
export function parsePaxRecords(bytes: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes[pos] === 0) break; // padding some writers leave after the last record
    const space = bytes.indexOf(SPACE, pos);
    const length = space === -1 ? Number.NaN : Number(bytes.toString('latin1', pos, space));
    if (!Number.isSafeInteger(length) || length <= space - pos + 1 || pos + length > bytes.length) {
      throw new LayerError('LAYER_CORRUPT', 'A PAX header of the layer is malformed.', { offset: pos });
    }
    const record = bytes.toString('utf8', space + 1, pos + length - 1);
    const equals = record.indexOf('=');
    if (equals <= 0) throw new LayerError('LAYER_CORRUPT', 'A PAX record of the layer has no key.');
    records.set(record.slice(0, equals), record.slice(equals + 1));
    pos += length;
  }
  return records;
}

/**
 * An archive name as a path from the image root: `./usr//bin/` → `usr/bin`; `.` and `./` → ``
 * (the root itself). A name that climbs out (`..`) or starts at `/` is LAYER_UNSAFE_PATH: unpacked
 * naively it would write outside the root, so whatever made it is not to be trusted.
 */
export function normalizeArchivePath(name: string): string {
  const cut = name.indexOf('\0');
  const raw = cut === -1 ? name : name.slice(0, cut);
  if (raw.startsWith('/')) {
    throw new LayerError('LAYER_UNSAFE_PATH', `The layer holds an absolute path (${quote(raw)}); refused.`, {
      path: raw,
    });
  }
  // The common case (`usr/bin/env`) needs no rebuilding.
  if (!/(^|\/)\.{1,2}(\/|$)|\/\/|\/$/.test(raw)) return raw;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      throw new LayerError(
        'LAYER_UNSAFE_PATH',
        `The layer holds a path that climbs out of the image root (${quote(raw)}); refused.`,
        { path: raw },
      );
    }
    parts.push(part);
  }
  return parts.join('/');
}

function quote(path: string): string {
  return JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path);
}
