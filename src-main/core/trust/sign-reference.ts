import { parseReference, refString, withDefaultTag } from '../reference/index.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import { dockerReference, signImage } from './cosign/sign.js';
import type { SigningKey } from './keys/private-key.js';
import type { SignOutcome } from './types.js';

/**
 * Signs what a tag or digest names, as `cosign sign --key` does: the tag is resolved to its
 * digest by fetching the manifest (so the digest signed is the hash of bytes we read, not a
 * header), then a classic `.sig` signature is written beside it.
 */
export async function signReference(
  client: RegistryClient,
  reference: string,
  key: SigningKey,
  signal?: AbortSignal,
): Promise<SignOutcome> {
  const ref = withDefaultTag(parseReference(reference));
  const { digest } = await client.manifestGet(
    ref.path,
    ref.digest ?? (ref.tag as string),
    signal ? { signal } : {},
  );
  const written = await signImage(
    client,
    { repo: ref.path, digest, dockerReference: dockerReference(ref.domain, ref.path) },
    key,
    signal ? { signal } : {},
  );
  return {
    reference: refString(ref),
    digest,
    tag: written.tag,
    manifestDigest: written.manifestDigest,
    added: written.added,
  };
}
