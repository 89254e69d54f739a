import type { AttachedTag } from '../oci/attached-tags.js';
import { parsePlatform } from '../oci/platform.js';
import { type ImageRef, refName, withDefaultTag } from '../reference/index.js';
import type { RegistryClient } from './client/registry-client.js';
import { mapConcurrent } from './concurrency.js';
import { repositoryOf, resolveImage } from './resolve-image.js';
import type { ImageInspection, PlatformManifest, RawManifest } from './types.js';

export interface InspectOptions {
  /** `os/arch[/variant]` of the index entry to show; default linux/amd64, else the first. */
  platform?: string;
  /** The repository's attached tags, when a tag list is at hand: those about this digest are kept. */
  attached?: readonly AttachedTag[];
  /** How many platform manifests are fetched at once to size them; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

const OCI_CREATED = 'org.opencontainers.image.created';

/**
 * One tag or digest, resolved for the Tag detail view and `inspect --json`: the manifest (or
 * index) digest computed from its bytes, every platform of an index with its size, and the shown
 * platform's config, layers, size, creation time and labels. A reference with neither tag nor
 * digest means `latest`.
 */
export async function imageInspect(
  client: RegistryClient,
  ref: ImageRef,
  opts: InspectOptions = {},
): Promise<ImageInspection> {
  const repo = repositoryOf(client, ref);
  const target = withDefaultTag(ref);
  const reference = target.digest ?? (target.tag as string);
  const platform = opts.platform === undefined ? undefined : parsePlatform(opts.platform);
  const resolved = await resolveImage(client, repo, reference, platform, opts.signal);
  const platforms = await mapConcurrent(
    resolved.entries,
    opts.concurrency ?? 8,
    async (entry): Promise<PlatformManifest> => ({
      ...entry.platform!,
      digest: entry.digest,
      mediaType: entry.mediaType,
      size: entry.size + (await imageBytes(client, repo, entry.digest, opts.signal)),
    }),
    opts.signal,
  );
  const subjects = new Set([resolved.top.digest, resolved.shown?.digest]);
  const annotations =
    resolved.shown?.manifest.kind === 'image' ? resolved.shown.manifest.annotations : undefined;
  return {
    name: refName(ref),
    tag: target.tag,
    digest: resolved.top.digest,
    mediaType: resolved.top.mediaType,
    platforms,
    ...(resolved.platform ? { platform: resolved.platform } : {}),
    config: resolved.config,
    layers: resolved.layers,
    size: resolved.size,
    created: resolved.config?.created ?? annotations?.[OCI_CREATED] ?? null,
    labels: resolved.config?.labels ?? {},
    attached: (opts.attached ?? []).filter((tag) => subjects.has(tag.subject)),
  };
}

/** Config + layer bytes of one platform's manifest (cached by digest after the first look). */
async function imageBytes(
  client: RegistryClient,
  repo: string,
  digest: string,
  signal?: AbortSignal,
): Promise<number> {
  const { manifest } = await client.manifestGet(repo, digest, {
    fromIndex: true,
    ...(signal ? { signal } : {}),
  });
  if (manifest.kind !== 'image') return 0;
  return manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
}

/** The manifest or index a reference names, as served: for the raw JSON view. */
export async function manifestRaw(
  client: RegistryClient,
  ref: ImageRef,
  signal?: AbortSignal,
): Promise<RawManifest> {
  const repo = repositoryOf(client, ref);
  const target = withDefaultTag(ref);
  const fetched = await client.manifestGet(
    repo,
    target.digest ?? (target.tag as string),
    signal ? { signal } : {},
  );
  return { digest: fetched.digest, mediaType: fetched.mediaType, raw: fetched.bytes.toString('utf8') };
}

export { type DeletePlanOptions, deletePlan, imageDelete } from './delete-plan.js';
export { type TagDetailsOptions, tagDetails } from './tag-details.js';
