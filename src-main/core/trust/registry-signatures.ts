import type { RegistryClient } from '../registry/client/registry-client.js';
import { cosignSignatures } from './cosign/verify.js';
import { notationSignatures } from './notation/verify.js';
import { openReferrers } from './referrers.js';
import type { TrustMaterial } from './trust-material.js';
import type { Signature } from './types.js';

export interface ManifestSubject {
  repo: string;
  digest: string;
  /** The manifest's length in bytes: Notation signs it with the digest. */
  size: number;
}

/**
 * The cosign and Notation signatures of one manifest, verified against `material`. The
 * manifest's referrers are listed and opened once, for both. Registry failures are thrown
 * (the caller reports trust as `error`); a missing or altered signature is a Signature with a reason.
 */
export async function registrySignatures(
  client: RegistryClient,
  subject: ManifestSubject,
  material: TrustMaterial,
  opts: { now?: Date; signal?: AbortSignal } = {},
): Promise<Signature[]> {
  const { repo, digest, size } = subject;
  const signal = opts.signal;
  const referrers = await openReferrers(client, repo, digest, signal ? { signal } : {});
  const cosign = await cosignSignatures(client, repo, digest, {
    keys: material.keys,
    ...(material.trustRoot ? { trustRoot: material.trustRoot } : {}),
    referrers,
    ...(signal ? { signal } : {}),
  });
  const notation = await notationSignatures(client, repo, digest, {
    trustStores: material.trustStores,
    size,
    referrers,
    ...(opts.now ? { now: opts.now } : {}),
    ...(signal ? { signal } : {}),
  });
  return [...cosign, ...notation];
}
