import { type DigestAlgorithm, digestMismatch, digestOf, splitDigest } from './digest.js';
import type { Manifest } from './manifest.js';
import { schema1Payload } from './schema1.js';

/**
 * The digest that names a manifest: the hash of the bytes as served, except for signed schema 1,
 * whose name covers the payload without signatures (so re-signing does not rename it).
 */
export function manifestDigest(
  bytes: Uint8Array,
  manifest: Manifest,
  algorithm: DigestAlgorithm = 'sha256',
): string {
  return digestOf(manifest.kind === 'schema1' && manifest.signed ? schema1Payload(bytes) : bytes, algorithm);
}

/** manifestDigest with the algorithm of `expected`; DIGEST_MISMATCH unless they agree. */
export function verifyManifestDigest(bytes: Uint8Array, manifest: Manifest, expected: string): string {
  const actual = manifestDigest(bytes, manifest, splitDigest(expected).algorithm);
  if (actual !== expected) throw digestMismatch('manifest', expected, actual);
  return actual;
}
