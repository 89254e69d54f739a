import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { poly1305, secretboxOpen, secretboxSeal } from '../../src-main/core/trust/keys/secretbox.js';

/**
 * tweetnacl (installed with ssh2, under dockerode) is NaCl's reference secretbox in JavaScript:
 * an independent implementation to hold ours against, since cosign's key files are sealed with it.
 */
const nacl = createRequire(import.meta.url)('tweetnacl') as {
  secretbox: ((msg: Uint8Array, nonce: Uint8Array, key: Uint8Array) => Uint8Array) & {
    open(box: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null;
  };
};

describe('secretbox (XSalsa20-Poly1305)', () => {
  it('computes the Poly1305 tag of RFC 8439 §2.5.2', () => {
    const key = Buffer.from('85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b', 'hex');
    expect(poly1305(Buffer.from('Cryptographic Forum Research Group'), key).toString('hex')).toBe(
      'a8061dc1305136c6c22b8baf0c0127a9',
    );
  });

  it.each([0, 1, 15, 16, 17, 63, 64, 65, 200, 1000])('seals %i bytes exactly as NaCl does', (length) => {
    const key = randomBytes(32);
    const nonce = randomBytes(24);
    const message = randomBytes(length);
    const ours = secretboxSeal(message, nonce, key);
    expect(ours.equals(Buffer.from(nacl.secretbox(message, nonce, key)))).toBe(true);
    expect(Buffer.from(nacl.secretbox.open(ours, nonce, key) ?? []).equals(message)).toBe(true);
    expect(secretboxOpen(ours, nonce, key)?.equals(message)).toBe(true);
  });

  it('refuses a box altered anywhere, a wrong key or a wrong nonce', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(24);
    const box = secretboxSeal(Buffer.from('private key bytes'), nonce, key);
    for (const at of [0, 15, 16, box.length - 1]) {
      const altered = Buffer.from(box);
      altered[at]! ^= 1;
      expect(secretboxOpen(altered, nonce, key)).toBeNull();
    }
    expect(secretboxOpen(box, nonce, randomBytes(32))).toBeNull();
    expect(secretboxOpen(box, randomBytes(24), key)).toBeNull();
    expect(secretboxOpen(box.subarray(0, 10), nonce, key)).toBeNull();
  });
});
