import { NOTATION_SIGNATURE } from '../../oci/media-types.js';
import type { RegistryClient } from '../../registry/client/registry-client.js';
import { type OpenedReferrer, openReferrers, signatureBlob } from '../referrers.js';
import type { Signature } from '../types.js';
import type { NotationTrustStore } from './trust-store.js';
import {
  COSE_MEDIA_TYPE,
  JWS_MEDIA_TYPE,
  type NotationVerifyContext,
  verifyEnvelope,
} from './verify-envelope.js';

export interface NotationOptions {
  trustStores?: readonly NotationTrustStore[];
  /** The manifest's size in bytes, when the caller has its bytes; else it is asked of the registry. */
  size?: number;
  /** Referrers already opened for this digest (shared with cosign); else they are listed here. */
  referrers?: readonly OpenedReferrer[];
  /** The time certificates and signature expiry are judged at; now by default. */
  now?: Date;
  signal?: AbortSignal;
}

/**
 * Every Notation signature of `digest` in `repo`, verified: referrers (API, then the tag
 * schema) whose own manifest says it is a Notation signature (artifactType, or the older config
 * media type), one envelope per JWS or COSE layer. Registry failures other than "not there" are
 * thrown (RegistryError).
 */
export async function notationSignatures(
  client: RegistryClient,
  repo: string,
  digest: string,
  opts: NotationOptions = {},
): Promise<Signature[]> {
  const signal = opts.signal;
  const referrers = opts.referrers ?? (await openReferrers(client, repo, digest, signal ? { signal } : {}));
  const notation = referrers.filter((r) => r.artifactType === NOTATION_SIGNATURE);
  if (notation.length === 0) return [];
  const ctx: NotationVerifyContext = {
    digest,
    size: opts.size ?? (await client.manifestHead(repo, digest, signal)).size,
    trustStores: opts.trustStores ?? [],
    now: opts.now ?? new Date(),
  };
  const signatures: Signature[] = [];
  for (const referrer of notation) {
    const envelopes = referrer.manifest.layers.filter(
      (l) => l.mediaType === JWS_MEDIA_TYPE || l.mediaType === COSE_MEDIA_TYPE,
    );
    if (envelopes.length === 0) {
      signatures.push({
        kind: 'notation',
        digest,
        signer: null,
        keyId: null,
        certificateChain: [],
        signedAt: null,
        verified: false,
        invalid: true,
        reason: 'the Notation signature manifest holds no JWS or COSE envelope',
        source: referrer.digest,
      });
    }
    for (const layer of envelopes) {
      const blob = await signatureBlob(client, repo, layer, signal);
      const finding =
        'problem' in blob
          ? {
              digest,
              signer: null,
              keyId: null,
              certificateChain: [],
              signedAt: null,
              verified: false,
              invalid: true,
              reason: blob.problem,
            }
          : await verifyEnvelope(blob.bytes, layer.mediaType, ctx);
      signatures.push({ kind: 'notation', ...finding, source: referrer.digest });
    }
  }
  return signatures;
}
