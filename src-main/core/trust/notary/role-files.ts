import { type ChainContext, checkNoRollback, checkNotExpired, thresholdError } from './context.js';
import { NotaryError } from './errors.js';
import { checkPinnedFile, pinnedSha256Hex } from './hashes.js';
import { type FileMeta, type Metadata, type MetadataKind, parseMetadata } from './metadata.js';
import { checkThreshold, type RoleKeySet } from './signatures.js';

/**
 * Fetches a file another role pins (snapshot by timestamp, targets and delegations by snapshot)
 * and checks its length and hashes. Notary serves it by content (`targets.<sha256 hex>.json`), so
 * an update between two requests cannot mix versions; the plain name is the fallback.
 */
export async function fetchPinned(
  name: string,
  meta: FileMeta,
  pinnedBy: string,
  ctx: ChainContext,
): Promise<Buffer> {
  if (meta.length > ctx.limits.roleBytes) {
    throw new NotaryError(
      'DCT_TOO_LARGE',
      `The ${pinnedBy} metadata of ${ctx.gun} says ${name} is ${meta.length} bytes, more than the ${ctx.limits.roleBytes} Stevedore reads; refused.`,
      { gun: ctx.gun, role: name, length: meta.length, maxBytes: ctx.limits.roleBytes },
    );
  }
  const hex = pinnedSha256Hex(meta);
  let bytes: Buffer | null;
  try {
    bytes = hex ? await ctx.source.fetch(`${name}.${hex}`, meta.length, ctx.signal) : null;
    bytes ??= await ctx.source.fetch(name, meta.length, ctx.signal);
  } catch (error) {
    // Longer than pinned: not the file the pinning role signed for.
    if (error instanceof NotaryError && error.code === 'DCT_TOO_LARGE') {
      throw new NotaryError(
        'DCT_HASH_MISMATCH',
        `The ${name} metadata of ${ctx.gun} is longer than the ${meta.length} bytes the ${pinnedBy} metadata vouches for: it was modified or replaced after signing.`,
        { gun: ctx.gun, role: name, pinnedBy },
        { cause: error },
      );
    }
    throw error;
  }
  if (bytes === null) {
    throw new NotaryError(
      'DCT_METADATA_INVALID',
      `The trust data of ${ctx.gun} is incomplete: the ${pinnedBy} metadata lists ${name}, but the notary server does not have it.`,
      { gun: ctx.gun, role: name, pinnedBy },
    );
  }
  checkPinnedFile(bytes, meta, { gun: ctx.gun, role: name, pinnedBy });
  return bytes;
}

export interface RoleCheck {
  /** Highest version seen before, for the rollback check. */
  seenVersion: number | undefined;
  /** Added to the expiry message: what the user can do about it. */
  whenExpired: string;
}

/**
 * Parses a role's metadata and checks it the way notary does for a top-level role: signatures up
 * to the threshold, no rollback, not expired. Returns the metadata and the keys that signed it.
 */
export function verifyRoleFile<K extends MetadataKind>(
  kind: K,
  bytes: Buffer,
  keys: RoleKeySet,
  check: RoleCheck,
  ctx: ChainContext,
): { metadata: Metadata<K>; signedBy: string[] } {
  const metadata = parseMetadata(kind, keys.name, bytes, ctx.gun);
  const result = checkThreshold(metadata.rawSigned, metadata.signatures, keys);
  if (!result.ok)
    throw thresholdError(ctx, keys.name, keys.threshold, result.validKeyIds.length, result.rejected);
  checkNoRollback(metadata, check.seenVersion, ctx);
  checkNotExpired(metadata, ctx, check.whenExpired);
  return { metadata, signedBy: result.validKeyIds };
}
