import type { Platform } from '../oci/platform.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import { resolveImage } from '../registry/resolve-image.js';

/** A compressed layer blob the registry holds, known by the uncompressed layer it carries. */
export interface KnownBlob {
  digest: string;
  size: number;
  /** A repository of the registry that has it. */
  repository: string;
}

/**
 * Images on the registry tell which blob carries which layer: their config's `rootfs.diff_ids`
 * pair with their manifest's layers, in order. The engine names local layers by diff id only,
 * so this pairing is how we learn what a push will not need to send.
 */
export function pairLayers(
  repository: string,
  layers: readonly { digest: string; size: number }[],
  diffIds: readonly string[],
  into: Map<string, KnownBlob>,
): void {
  // A manifest whose counts disagree with its config cannot be paired truthfully.
  if (layers.length !== diffIds.length) return;
  layers.forEach((layer, i) => {
    const diffId = diffIds[i]!;
    // The target repository's own copy is the most useful: keep the first one recorded.
    if (!into.has(diffId)) into.set(diffId, { digest: layer.digest, size: layer.size, repository });
  });
}

/**
 * The layers of `reference` in `repository` (the image for `platform` in an index), paired as
 * above; what cannot be read (gone, denied, another format) adds nothing rather than failing a plan.
 */
export async function learnBlobs(
  client: RegistryClient,
  repository: string,
  reference: string,
  platform: Platform,
  into: Map<string, KnownBlob>,
  signal?: AbortSignal,
): Promise<{ configDigest: string } | null> {
  const resolved = await resolveImage(client, repository, reference, platform, signal).catch(() => null);
  const shown = resolved?.shown?.manifest;
  if (shown?.kind !== 'image' || !resolved?.config) return null;
  pairLayers(repository, resolved.layers, resolved.config.diffIds, into);
  return { configDigest: shown.config.digest };
}
