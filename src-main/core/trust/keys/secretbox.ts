import { timingSafeEqual } from 'node:crypto';

/**
 * NaCl's secretbox (XSalsa20 + Poly1305), which cosign uses to encrypt its private key files
 * (`ENCRYPTED SIGSTORE PRIVATE KEY`). Node's crypto has neither XSalsa20 nor a standalone
 * Poly1305, so both are here, from the specifications (Bernstein's Salsa20, XSalsa20 and
 * Poly1305 papers; RFC 8439 §2.5 for Poly1305). Output layout as Go's secretbox: tag, then
 * ciphertext.
 */

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574] as const;
export const SECRETBOX_KEY_BYTES = 32;
export const SECRETBOX_NONCE_BYTES = 24;
const TAG_BYTES = 16;

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** The 20 Salsa20 rounds over the 16-word state, in place. */
function rounds(x: Uint32Array): void {
  const qr = (a: number, b: number, c: number, d: number) => {
    x[b]! ^= rotl((x[a]! + x[d]!) | 0, 7);
    x[c]! ^= rotl((x[b]! + x[a]!) | 0, 9);
    x[d]! ^= rotl((x[c]! + x[b]!) | 0, 13);
    x[a]! ^= rotl((x[d]! + x[c]!) | 0, 18);
  };
  for (let i = 0; i < 10; i++) {
    // columns
    qr(0, 4, 8, 12);
    qr(5, 9, 13, 1);
    qr(10, 14, 2, 6);
    qr(15, 3, 7, 11);
    // rows
    qr(0, 1, 2, 3);
    qr(5, 6, 7, 4);
    qr(10, 11, 8, 9);
    qr(15, 12, 13, 14);
  }
}

/** The state for `key` (32 bytes) and 16 bytes of nonce+counter. */
function initialState(key: Uint8Array, input16: Uint8Array): Uint32Array {
  const k = new DataView(key.buffer, key.byteOffset, 32);
  const n = new DataView(input16.buffer, input16.byteOffset, 16);
  const word = (view: DataView, i: number) => view.getUint32(i * 4, true);
  // biome-ignore format: the 4×4 Salsa20 matrix reads best as a matrix
  return Uint32Array.from([
    SIGMA[0], word(k, 0), word(k, 1), word(k, 2),
    word(k, 3), SIGMA[1], word(n, 0), word(n, 1),
    word(n, 2), word(n, 3), SIGMA[2], word(k, 4),
    word(k, 5), word(k, 6), word(k, 7), SIGMA[3],
  ]);
}

/** HSalsa20: derives XSalsa20's subkey from the key and the first 16 bytes of the nonce. */
function hsalsa20(key: Uint8Array, nonce16: Uint8Array): Uint8Array {
  const x = initialState(key, nonce16);
  rounds(x);
  const out = Buffer.alloc(32);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((index, i) => {
    out.writeUInt32LE(x[index]!, i * 4);
  });
  return out;
}

/** `length` bytes of XSalsa20 keystream. */
function xsalsa20Stream(key: Uint8Array, nonce: Uint8Array, length: number): Buffer {
  const subkey = hsalsa20(key, nonce.subarray(0, 16));
  const out = Buffer.alloc(Math.ceil(length / 64) * 64);
  const input = Buffer.alloc(16);
  Buffer.from(nonce.subarray(16, 24)).copy(input, 0);
  for (let block = 0; block * 64 < length; block++) {
    input.writeUInt32LE(block >>> 0, 8);
    input.writeUInt32LE(Math.floor(block / 2 ** 32), 12);
    const start = initialState(subkey, input);
    const x = Uint32Array.from(start);
    rounds(x);
    for (let i = 0; i < 16; i++) out.writeUInt32LE((x[i]! + start[i]!) >>> 0, block * 64 + i * 4);
  }
  return out.subarray(0, length);
}

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

/** Poly1305 of `message` under the one-time `key` (32 bytes). */
export function poly1305(message: Uint8Array, key: Uint8Array): Buffer {
  const p = (1n << 130n) - 5n;
  const r = littleEndian(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = littleEndian(key.subarray(16, 32));
  let acc = 0n;
  for (let at = 0; at < message.length; at += 16) {
    const chunk = message.subarray(at, at + 16);
    acc = ((acc + littleEndian(chunk) + (1n << BigInt(8 * chunk.length))) * r) % p;
  }
  let tag = (acc + s) & ((1n << 128n) - 1n);
  const out = Buffer.alloc(TAG_BYTES);
  for (let i = 0; i < TAG_BYTES; i++) {
    out[i] = Number(tag & 0xffn);
    tag >>= 8n;
  }
  return out;
}

function xor(data: Uint8Array, stream: Uint8Array): Buffer {
  const out = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ stream[i]!;
  return out;
}

function checkSizes(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== SECRETBOX_KEY_BYTES || nonce.length !== SECRETBOX_NONCE_BYTES) {
    throw new RangeError('secretbox needs a 32-byte key and a 24-byte nonce');
  }
}

export function secretboxSeal(message: Uint8Array, nonce: Uint8Array, key: Uint8Array): Buffer {
  checkSizes(key, nonce);
  const stream = xsalsa20Stream(key, nonce, 32 + message.length);
  const ciphertext = xor(message, stream.subarray(32));
  return Buffer.concat([poly1305(ciphertext, stream.subarray(0, 32)), ciphertext]);
}

/** The message, or null when the box was not sealed with this key and nonce (or was altered). */
export function secretboxOpen(box: Uint8Array, nonce: Uint8Array, key: Uint8Array): Buffer | null {
  checkSizes(key, nonce);
  if (box.length < TAG_BYTES) return null;
  const ciphertext = box.subarray(TAG_BYTES);
  const stream = xsalsa20Stream(key, nonce, 32 + ciphertext.length);
  const tag = poly1305(ciphertext, stream.subarray(0, 32));
  if (!timingSafeEqual(tag, box.subarray(0, TAG_BYTES))) return null;
  return xor(ciphertext, stream.subarray(32));
}
