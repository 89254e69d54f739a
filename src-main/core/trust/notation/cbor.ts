/**
 * The part of CBOR (RFC 8949) COSE envelopes use: integers, byte and text strings, arrays,
 * maps, tags and simple values, definite lengths only. Decoding refuses what it does not
 * know rather than guessing; encoding covers what a COSE Sig_structure needs.
 */

export type CborValue =
  | number
  | bigint
  | Buffer
  | string
  | boolean
  | null
  | undefined
  | CborValue[]
  | Map<CborValue, CborValue>
  | CborTag;

export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

export class CborError extends Error {}

const MAX_DEPTH = 32;

/** Decodes exactly one item filling all of `bytes`. */
export function decodeCbor(bytes: Buffer): CborValue {
  const reader = { bytes, at: 0 };
  const value = item(reader, 0);
  if (reader.at !== bytes.length) throw new CborError('trailing bytes after the CBOR item');
  return value;
}

interface Reader {
  bytes: Buffer;
  at: number;
}

function take(reader: Reader, n: number): Buffer {
  if (n > reader.bytes.length - reader.at) throw new CborError('truncated CBOR');
  const out = reader.bytes.subarray(reader.at, reader.at + n);
  reader.at += n;
  return out;
}

function argument(reader: Reader, info: number): number | bigint {
  if (info < 24) return info;
  if (info === 24) return take(reader, 1)[0]!;
  if (info === 25) return take(reader, 2).readUInt16BE(0);
  if (info === 26) return take(reader, 4).readUInt32BE(0);
  if (info === 27) {
    const value = take(reader, 8).readBigUInt64BE(0);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  throw new CborError(info === 31 ? 'indefinite-length CBOR is not supported' : 'malformed CBOR');
}

function length(reader: Reader, info: number): number {
  const n = argument(reader, info);
  if (typeof n === 'bigint' || n > reader.bytes.length) throw new CborError('CBOR length runs past the data');
  return n;
}

function item(reader: Reader, depth: number): CborValue {
  if (depth > MAX_DEPTH) throw new CborError('CBOR nested too deeply');
  const initial = take(reader, 1)[0]!;
  const major = initial >> 5;
  const info = initial & 0x1f;
  switch (major) {
    case 0:
      return argument(reader, info);
    case 1: {
      const n = argument(reader, info);
      return typeof n === 'bigint' ? -1n - n : -1 - n;
    }
    case 2:
      return Buffer.from(take(reader, length(reader, info)));
    case 3:
      return take(reader, length(reader, info)).toString('utf8');
    case 4: {
      const count = length(reader, info);
      return Array.from({ length: count }, () => item(reader, depth + 1));
    }
    case 5: {
      const count = length(reader, info);
      const map = new Map<CborValue, CborValue>();
      for (let i = 0; i < count; i++) {
        const key = item(reader, depth + 1);
        map.set(key, item(reader, depth + 1));
      }
      return map;
    }
    case 6: {
      const tag = argument(reader, info);
      return new CborTag(Number(tag), item(reader, depth + 1));
    }
    default:
      return simple(reader, info);
  }
}

function simple(reader: Reader, info: number): CborValue {
  if (info === 20) return false;
  if (info === 21) return true;
  if (info === 22) return null;
  if (info === 23) return undefined;
  if (info === 25) return halfFloat(take(reader, 2).readUInt16BE(0));
  if (info === 26) return take(reader, 4).readFloatBE(0);
  if (info === 27) return take(reader, 8).readDoubleBE(0);
  throw new CborError('unsupported CBOR simple value');
}

function halfFloat(bits: number): number {
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  const sign = bits & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) {
    const out = Buffer.alloc(3);
    out[0] = (major << 5) | 25;
    out.writeUInt16BE(n, 1);
    return out;
  }
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(n, 1);
  return out;
}

/** Encodes text strings, byte strings and arrays of them: a COSE Sig_structure. */
export function encodeCbor(value: string | Buffer | Array<string | Buffer>): Buffer {
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(encodeCbor)]);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  return Buffer.concat([head(2, value.length), value]);
}
