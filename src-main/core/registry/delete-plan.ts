import { type ImageRef, withDefaultTag } from '../reference/index.js';
import type { RegistryClient } from './client/registry-client.js';
import { mapConcurrent } from './concurrency.js';
import { RegistryError } from './errors.js';
import { repositoryOf } from './resolve-image.js';
import type { DeletePlan } from './types.js';

export interface DeletePlanOptions {
  /** Tags looked up at once; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * What deleting `ref` would remove. The registry API deletes manifests by digest, never a tag
 * alone, so every tag on the same digest goes too: each tag is looked up with a HEAD (its
 * Docker-Content-Digest) to find them. The digest itself is computed from the manifest's bytes.
 */
export async function deletePlan(
  client: RegistryClient,
  ref: ImageRef,
  opts: DeletePlanOptions = {},
): Promise<DeletePlan> {
  const repo = repositoryOf(client, ref);
  const target = withDefaultTag(ref);
  const { digest } = await client.manifestGet(
    repo,
    target.digest ?? (target.tag as string),
    opts.signal ? { signal: opts.signal } : {},
  );
  const { tags } = await client.tagList(repo, opts.signal ? { signal: opts.signal } : {});
  const others = tags.filter((tag) => tag !== target.tag);
  const heads = await mapConcurrent(
    others,
    opts.concurrency ?? 8,
    (tag) =>
      client.manifestHead(repo, tag, opts.signal).catch((error: unknown) => {
        // Deleted since the tag list was read: it shares nothing any more.
        if (error instanceof RegistryError && error.code === 'NOT_FOUND') return null;
        throw error;
      }),
    opts.signal,
  );
  return { digest, sharedTags: others.filter((_, i) => heads[i]?.digest === digest) };
}

/** Deletes the manifest `ref` names (and with it every tag in the plan); returns the plan it followed. */
export async function imageDelete(
  client: RegistryClient,
  ref: ImageRef,
  opts: DeletePlanOptions = {},
): Promise<DeletePlan> {
  const plan = await deletePlan(client, ref, opts);
  await client.manifestDelete(repositoryOf(client, ref), plan.digest, opts.signal);
  return plan;
}
