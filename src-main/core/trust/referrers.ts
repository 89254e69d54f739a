import type { Descriptor } from '../oci/descriptor.js';
import type { ImageManifest } from '../oci/manifest.js';
import { isImageManifestType } from '../oci/media-types.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import { RegistryError } from '../registry/errors.js';

/** A referrer's manifest, opened: what it really is, whatever its index entry said. */
export interface OpenedReferrer {
  /** The manifest's digest (computed from its bytes). */
  digest: string;
  manifest: ImageManifest;
  /** The manifest's own artifactType, else its config's media type (the pre-1.1 convention). */
  artifactType: string;
}

/** Signature payloads, bundles and envelopes are a few KiB; certificate chains keep them well under this. */
export const SIGNATURE_BLOB_MAX_BYTES = 1024 * 1024;

/** Referrers opened per image: more is a registry in trouble or a hostile one. */
const MAX_REFERRERS = 256;
const PARALLEL = 4;

/**
 * Opens every manifest that names `digest` as its subject: the referrers API, then the referrers
 * tag schema (`referrers` when the caller listed them already, so cosign and Notation share one
 * listing). An index entry's `artifactType` is only a hint anyone can write; each manifest is
 * fetched by digest (so verified) and kept only if its own `subject` is `digest`. Entries whose
 * manifest is gone are skipped.
 */
export async function openReferrers(
  client: RegistryClient,
  repo: string,
  digest: string,
  opts: { referrers?: readonly Descriptor[]; signal?: AbortSignal } = {},
): Promise<OpenedReferrer[]> {
  const listed =
    opts.referrers ?? (await client.referrersList(repo, digest, opts.signal ? { signal: opts.signal } : {}));
  const candidates = listed.filter((d) => isImageManifestType(d.mediaType)).slice(0, MAX_REFERRERS);
  const opened: (OpenedReferrer | null)[] = new Array(candidates.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const index = next++;
      opened[index] = await open(client, repo, candidates[index]!.digest, digest, opts.signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, candidates.length) }, worker));
  return opened.filter((referrer): referrer is OpenedReferrer => referrer !== null);
}

async function open(
  client: RegistryClient,
  repo: string,
  referrer: string,
  subject: string,
  signal: AbortSignal | undefined,
): Promise<OpenedReferrer | null> {
  try {
    const fetched = await client.manifestGet(repo, referrer, {
      fromIndex: true,
      ...(signal ? { signal } : {}),
    });
    const manifest = fetched.manifest;
    if (manifest.kind !== 'image' || manifest.subject?.digest !== subject) return null;
    return {
      digest: fetched.digest,
      manifest,
      artifactType: manifest.artifactType ?? manifest.config.mediaType,
    };
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Reads a small signature blob; a missing or altered one is a reason, not an exception. */
export async function signatureBlob(
  client: RegistryClient,
  repo: string,
  layer: Descriptor,
  signal?: AbortSignal,
): Promise<{ bytes: Buffer } | { problem: string }> {
  try {
    return { bytes: await client.blobGet(repo, layer.digest, SIGNATURE_BLOB_MAX_BYTES, signal) };
  } catch (error) {
    if (error instanceof RegistryError) {
      if (error.code === 'NOT_FOUND')
        return { problem: `its signature blob ${layer.digest} is missing from the registry` };
      if (error.code === 'DIGEST_MISMATCH')
        return {
          problem: `its signature blob ${layer.digest} was altered (it no longer matches its digest)`,
        };
      if (error.code === 'TOO_LARGE')
        return { problem: `its signature blob ${layer.digest} is too large to be a signature` };
    }
    throw error;
  }
}
