import { signatureTag } from '../../oci/attached-tags.js';
import type { Descriptor } from '../../oci/descriptor.js';
import type { ImageManifest } from '../../oci/manifest.js';
import { COSIGN_ARTIFACT_SIG, COSIGN_SIMPLESIGNING } from '../../oci/media-types.js';
import type { RegistryClient } from '../../registry/client/registry-client.js';
import { RegistryError } from '../../registry/errors.js';
import type { TrustedKey } from '../keys/public-key.js';
import { type OpenedReferrer, openReferrers, signatureBlob } from '../referrers.js';
import type { Signature } from '../types.js';
import { verifyBundle } from './bundle-verify.js';
import { type CosignVerifyContext, verifyClassicLayer } from './classic.js';
import { failed } from './result.js';
import type { CosignTrustRoot } from './trust-root.js';

const SIGSTORE_BUNDLE_PREFIX = 'application/vnd.dev.sigstore.bundle';

export interface CosignOptions {
  /** Public keys the user imported (cosign.pub …). */
  keys?: readonly TrustedKey[];
  /** A Sigstore trust root, for keyless signatures. */
  trustRoot?: CosignTrustRoot;
  /** Referrers already opened for this digest (shared with Notation); else they are listed here. */
  referrers?: readonly OpenedReferrer[];
  signal?: AbortSignal;
}

/**
 * Every cosign signature of `digest` in `repo`, verified: cosign 3 bundles and OCI 1.1 cosign
 * signatures among its referrers, then classic signatures under the `sha256-<hex>.sig` tag (one
 * per layer). Registry failures other than "not there" are thrown (RegistryError): the caller
 * reports trust as `error` then, not as `unsigned`.
 */
export async function cosignSignatures(
  client: RegistryClient,
  repo: string,
  digest: string,
  opts: CosignOptions = {},
): Promise<Signature[]> {
  const ctx: CosignVerifyContext = {
    digest,
    keys: opts.keys ?? [],
    ...(opts.trustRoot ? { trustRoot: opts.trustRoot } : {}),
  };
  const signal = opts.signal;
  const referrers = opts.referrers ?? (await openReferrers(client, repo, digest, signal ? { signal } : {}));
  const signatures: Signature[] = [];
  for (const referrer of referrers) {
    if (isBundle(referrer)) {
      const layers = referrer.manifest.layers.filter((l) => l.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX));
      if (layers.length === 0) {
        const finding = failed(nothingSigned(digest), 'the Sigstore bundle manifest holds no bundle');
        signatures.push({ kind: 'cosign', ...finding, source: referrer.digest });
      }
      signatures.push(...(await verifyLayers(client, repo, layers, referrer.digest, ctx, 'bundle', signal)));
    } else if (referrer.artifactType === COSIGN_ARTIFACT_SIG) {
      signatures.push(
        ...(await verifyLayers(
          client,
          repo,
          simpleSigningLayers(referrer.manifest),
          referrer.digest,
          ctx,
          'classic',
          signal,
        )),
      );
    }
  }
  const classic = await classicManifest(client, repo, digest, signal);
  if (classic) {
    signatures.push(
      ...(await verifyLayers(
        client,
        repo,
        simpleSigningLayers(classic),
        signatureTag(digest),
        ctx,
        'classic',
        signal,
      )),
    );
  }
  return signatures;
}

/** A cosign 3 bundle, by what the manifest itself says (its artifactType, else its layers). */
function isBundle(referrer: OpenedReferrer): boolean {
  return (
    referrer.artifactType.startsWith(SIGSTORE_BUNDLE_PREFIX) ||
    referrer.manifest.layers.some((layer) => layer.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX))
  );
}

function simpleSigningLayers(manifest: ImageManifest): Descriptor[] {
  return manifest.layers.filter((layer) => layer.mediaType === COSIGN_SIMPLESIGNING);
}

async function classicManifest(
  client: RegistryClient,
  repo: string,
  digest: string,
  signal: AbortSignal | undefined,
): Promise<ImageManifest | null> {
  try {
    const { manifest } = await client.manifestGet(repo, signatureTag(digest), signal ? { signal } : {});
    return manifest.kind === 'image' ? manifest : null;
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

async function verifyLayers(
  client: RegistryClient,
  repo: string,
  layers: Descriptor[],
  where: string,
  ctx: CosignVerifyContext,
  format: 'classic' | 'bundle',
  signal: AbortSignal | undefined,
): Promise<Signature[]> {
  const signatures: Signature[] = [];
  for (const [i, layer] of layers.entries()) {
    const source = layers.length > 1 ? `${where} (signature ${i + 1} of ${layers.length})` : where;
    const blob = await signatureBlob(client, repo, layer, signal);
    const finding =
      'problem' in blob
        ? failed(nothingSigned(ctx.digest), blob.problem)
        : format === 'bundle'
          ? verifyBundle(blob.bytes, ctx)
          : verifyClassicLayer(layer, blob.bytes, ctx);
    signatures.push({ kind: 'cosign', ...finding, source });
  }
  return signatures;
}

function nothingSigned(digest: string) {
  return { digest, signer: null, keyId: null, certificateChain: [], signedAt: null };
}
