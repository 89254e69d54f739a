import { createHash } from 'node:crypto';
import { NotaryError } from './errors.js';
import type { FileMeta } from './metadata.js';

/** The hash algorithms notary checks (tuf/data `NotaryDefaultHashes`). */
const ALGORITHMS = ['sha256', 'sha512'] as const;

/**
 * Checks that `bytes` are exactly the file `meta` pins (timestamp → snapshot, snapshot → targets
 * and delegations): the same length, and every known hash equal. At least one known hash must be
 * pinned, as in notary's `CheckHashes`.
 */
export function checkPinnedFile(
  bytes: Buffer,
  meta: FileMeta,
  context: { gun: string; role: string; pinnedBy: string },
): void {
  const { gun, role, pinnedBy } = context;
  const mismatch = (what: string) =>
    new NotaryError(
      'DCT_HASH_MISMATCH',
      `The ${role} metadata of ${gun} is not the one the ${pinnedBy} metadata vouches for (${what}): it was modified or replaced after signing.`,
      { gun, role, pinnedBy },
    );
  const known = ALGORITHMS.filter((algorithm) => meta.hashes[algorithm] !== undefined);
  if (known.length === 0) {
    throw new NotaryError(
      'DCT_METADATA_INVALID',
      `The ${pinnedBy} metadata of ${gun} pins ${role} without a sha256 or sha512 hash; it cannot be checked.`,
      { gun, role, pinnedBy },
    );
  }
  if (bytes.length !== meta.length) throw mismatch(`${bytes.length} bytes instead of ${meta.length}`);
  for (const algorithm of known) {
    const actual = createHash(algorithm).update(bytes).digest();
    const expected = Buffer.from(meta.hashes[algorithm] as string, 'base64');
    if (!actual.equals(expected)) throw mismatch(`its ${algorithm} differs`);
  }
}

/** The sha256 of the pinned file, in hex, as notary names it on the server (`targets.<hex>.json`). */
export function pinnedSha256Hex(meta: FileMeta): string | undefined {
  const value = meta.hashes.sha256;
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : undefined;
}
