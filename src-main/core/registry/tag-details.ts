import type { Platform } from '../oci/platform.js';
import type { RegistryClient } from './client/registry-client.js';
import { mapConcurrent } from './concurrency.js';
import { RegistryError } from './errors.js';
import { resolveImage } from './resolve-image.js';
import type { TagDetails } from './types.js';

export interface TagDetailsOptions {
  /** Tags resolved at once; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * Digest, platforms, size and creation time of some tags, for the tag table and sorting by date.
 * `size` and `created` are the default platform's (linux/amd64, else the first). Manifests by
 * digest and configs come from the content cache once seen: they never change. A tag deleted
 * meanwhile (NOT_FOUND) is left out; any other failure fails the call.
 */
export async function tagDetails(
  client: RegistryClient,
  repo: string,
  tags: readonly string[],
  opts: TagDetailsOptions = {},
): Promise<TagDetails[]> {
  const details = await mapConcurrent(
    tags,
    opts.concurrency ?? 8,
    async (tag): Promise<TagDetails | null> => {
      try {
        const resolved = await resolveImage(client, repo, tag, undefined, opts.signal);
        const platforms: Platform[] = resolved.entries.length
          ? resolved.entries.map((entry) => entry.platform!)
          : resolved.platform
            ? [resolved.platform]
            : [];
        return {
          tag,
          digest: resolved.top.digest,
          mediaType: resolved.top.mediaType,
          platforms,
          size: resolved.size,
          created: resolved.config?.created ?? null,
        };
      } catch (error) {
        if (error instanceof RegistryError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    opts.signal,
  );
  return details.filter((detail): detail is TagDetails => detail !== null);
}
