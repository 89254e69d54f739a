import { sign } from 'node:crypto';
import { Readable } from 'node:stream';
import { signatureTag } from '../../oci/attached-tags.js';
import type { Descriptor } from '../../oci/descriptor.js';
import { digestOf } from '../../oci/digest.js';
import type { ImageManifest } from '../../oci/manifest.js';
import { COSIGN_SIMPLESIGNING, OCI_CONFIG, OCI_MANIFEST } from '../../oci/media-types.js';
import type { RegistryClient } from '../../registry/client/registry-client.js';
import { RegistryError } from '../../registry/errors.js';
import type { SigningKey } from '../keys/private-key.js';
import { verifyWithKey } from '../keys/public-key.js';
import { signatureBlob } from '../referrers.js';
import { COSIGN_ANNOTATION, parseSimpleSigning, simpleSigningPayload } from './payload.js';

export interface SignTarget {
  repo: string;
  /** The manifest digest to sign (resolve tags first: a signature names a digest, never a tag). */
  digest: string;
  /** The repository as references write it, for the payload's `docker-reference` (see dockerReference). */
  dockerReference: string;
}

export interface SignResult {
  /** `sha256-<hex>.sig`. */
  tag: string;
  /** The signature manifest's digest after the write (or as it was, when nothing was added). */
  manifestDigest: string;
  /** Signatures under the tag now. */
  signatureCount: number;
  /** False when this key had already signed this digest there: nothing was written. */
  added: boolean;
}

/**
 * Signs `digest` as `cosign sign --key` does with transparency-log upload off: an ECDSA P-256
 * signature over the simple-signing payload, stored as a layer of the OCI manifest tagged
 * `sha256-<hex>.sig` in the same repository. Signatures already there are kept and ours is
 * appended (cosign's behaviour); when one by the same key over the same digest is there already,
 * nothing is written. The config is cosign's too (empty platform, one history entry per layer).
 */
export async function signImage(
  client: RegistryClient,
  target: SignTarget,
  key: SigningKey,
  opts: { signal?: AbortSignal } = {},
): Promise<SignResult> {
  const { repo, digest } = target;
  const signal = opts.signal;
  const tag = signatureTag(digest);
  const existing = await existingSignatures(client, repo, tag, signal);
  for (const layer of existing?.manifest.layers ?? []) {
    if (await alreadySigned(client, repo, layer, digest, key, signal)) {
      return {
        tag,
        manifestDigest: existing!.digest,
        signatureCount: existing!.manifest.layers.length,
        added: false,
      };
    }
  }
  const payload = simpleSigningPayload(target.dockerReference, digest);
  const signature = sign('sha256', payload, key.privateKey).toString('base64');
  const layer: Descriptor = {
    mediaType: COSIGN_SIMPLESIGNING,
    digest: digestOf(payload),
    size: payload.length,
    annotations: { [COSIGN_ANNOTATION.signature]: signature },
  };
  const layers = [...(existing?.manifest.layers ?? []), layer];
  const config = cosignConfig(layers);
  await upload(client, repo, payload, signal);
  await upload(client, repo, config, signal);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: digestOf(config), size: config.length },
      layers: layers.map(descriptorJson),
    }),
  );
  const put = await client.manifestPut(repo, tag, manifest, OCI_MANIFEST, signal);
  return { tag, manifestDigest: put.digest, signatureCount: layers.length, added: true };
}

/**
 * The `docker-reference` cosign writes: the repository as go-containerregistry names it, so
 * Docker Hub's is `index.docker.io/library/ubuntu`, others `host[:port]/path`.
 */
export function dockerReference(host: string, repo: string): string {
  return `${host === 'docker.io' ? 'index.docker.io' : host}/${repo}`;
}

async function existingSignatures(
  client: RegistryClient,
  repo: string,
  tag: string,
  signal: AbortSignal | undefined,
): Promise<{ digest: string; manifest: ImageManifest } | null> {
  try {
    const fetched = await client.manifestGet(repo, tag, signal ? { signal } : {});
    if (fetched.manifest.kind !== 'image') {
      throw new RegistryError(
        'PROTOCOL_ERROR',
        `${repo}:${tag} is not a signature manifest; it was left as it is.`,
      );
    }
    return { digest: fetched.digest, manifest: fetched.manifest };
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Whether `layer` is this key's signature of `digest` (cosign's duplicate check). */
async function alreadySigned(
  client: RegistryClient,
  repo: string,
  layer: Descriptor,
  digest: string,
  key: SigningKey,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const signature = layer.annotations?.[COSIGN_ANNOTATION.signature];
  if (
    layer.mediaType !== COSIGN_SIMPLESIGNING ||
    !signature ||
    layer.annotations?.[COSIGN_ANNOTATION.certificate]
  ) {
    return false;
  }
  const blob = await signatureBlob(client, repo, layer, signal);
  if ('problem' in blob) return false;
  return (
    parseSimpleSigning(blob.bytes)?.digest === digest &&
    verifyWithKey(key.publicKey, blob.bytes, Buffer.from(signature, 'base64'))
  );
}

/** go-containerregistry's config for an image built by appending layers to `empty.Image`. */
function cosignConfig(layers: Descriptor[]): Buffer {
  const created = '0001-01-01T00:00:00Z';
  return Buffer.from(
    JSON.stringify({
      architecture: '',
      created,
      history: layers.map(() => ({ created })),
      os: '',
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
      config: {},
    }),
  );
}

/** A descriptor with cosign's key order (mediaType, digest, size, annotations), other fields kept. */
function descriptorJson(descriptor: Descriptor): Record<string, unknown> {
  const { mediaType, digest, size, annotations, ...rest } = descriptor;
  return { mediaType, digest, size, ...(annotations ? { annotations } : {}), ...rest };
}

async function upload(
  client: RegistryClient,
  repo: string,
  bytes: Buffer,
  signal: AbortSignal | undefined,
): Promise<void> {
  const digest = digestOf(bytes);
  if (await client.blobHead(repo, digest, signal)) return;
  await client.blobUpload(repo, digest, bytes.length, Readable.from([bytes]), {
    ...(signal ? { signal } : {}),
    reopen: async () => Readable.from([bytes]),
  });
}
