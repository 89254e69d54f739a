import { createHash } from 'node:crypto';
import { parseDigest } from '../reference/index.js';
import { OciError } from './errors.js';

export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512';

const ALGORITHMS: readonly DigestAlgorithm[] = ['sha256', 'sha384', 'sha512'];

/** `algorithm:hex` of the bytes. Content is addressed by this, so it is computed, never taken from a header. */
export function digestOf(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Splits a digest into algorithm and hex, refusing what we cannot hash (DIGEST_INVALID). */
export function splitDigest(digest: string): { algorithm: DigestAlgorithm; hex: string } {
  try {
    parseDigest(digest);
  } catch (error) {
    throw new OciError(
      'DIGEST_INVALID',
      (error as Error).message,
      { digest: digest.slice(0, 200) },
      {
        cause: error,
      },
    );
  }
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon) as DigestAlgorithm;
  if (!ALGORITHMS.includes(algorithm)) {
    throw new OciError('DIGEST_INVALID', `unsupported digest algorithm "${algorithm}"`, { digest });
  }
  return { algorithm, hex: digest.slice(colon + 1) };
}

/**
 * Hashes `bytes` with the algorithm of `expected` and returns the digest when they agree;
 * otherwise DIGEST_MISMATCH, with both digests in the details.
 */
export function verifyDigest(bytes: Uint8Array, expected: string): string {
  const { algorithm } = splitDigest(expected);
  const actual = digestOf(bytes, algorithm);
  if (actual !== expected) throw digestMismatch('content', expected, actual);
  return actual;
}

/** The DIGEST_MISMATCH error: `what` (content, a manifest) hashes to `actual`, not `expected`. */
export function digestMismatch(what: string, expected: string, actual: string): OciError {
  return new OciError(
    'DIGEST_MISMATCH',
    `${what} does not match its digest ${expected} (it hashes to ${actual})`,
    {
      expected,
      actual,
    },
  );
}
