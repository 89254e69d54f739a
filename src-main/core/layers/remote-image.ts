import type { Readable } from 'node:stream';
import { isDistributable, layerCompression } from '../oci/media-types.js';
import { formatPlatform, parsePlatform } from '../oci/platform.js';
import { type ImageRef, refName, withDefaultTag } from '../reference/index.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import { mapConcurrent } from '../registry/concurrency.js';
import { RegistryError } from '../registry/errors.js';
import { repositoryOf, resolveImage } from '../registry/resolve-image.js';
import { entryStream } from './entry-stream.js';
import { LayerError } from './errors.js';
import { alignHistory, historyRecords } from './history.js';
import type { EntryOptions, LayeredImage } from './image.js';
import { listLayer, shortDigest, withDefaults } from './list-layer.js';
import type { LayerListing } from './listing.js';
import type { ListingCache } from './listing-cache.js';
import type { HistoryRecord, LayerInfo, ReadOptions } from './types.js';

export interface RemoteImageOptions {
  /** `os/arch[/variant]` of an index's image; default linux/amd64, else the first. */
  platform?: string;
  /** Where listings are kept between runs; without one every listing reads the blob. */
  listings?: ListingCache;
  signal?: AbortSignal;
}

/** Layers read at once from one registry: enough to fill a link, few enough not to be throttled. */
const CONCURRENT_LAYERS = 3;

/**
 * A registry's image (a tag or digest; for an index, the platform's image), without pulling it:
 * manifest and config now, layers streamed from their blobs when listed. Each blob is verified
 * against its digest as it is read; a listing is only cached once that check passed.
 */
export async function openRemoteImage(
  client: RegistryClient,
  ref: ImageRef,
  opts: RemoteImageOptions = {},
): Promise<LayeredImage> {
  const repo = repositoryOf(client, ref);
  const target = withDefaultTag(ref);
  const platform = opts.platform === undefined ? undefined : parsePlatform(opts.platform);
  const resolved = await resolveImage(client, repo, target.digest ?? target.tag!, platform, opts.signal);
  const name = refName(target);
  if (!resolved.shown) {
    throw new LayerError('NOT_FOUND', `${name} is an index without an image to show; name a platform.`, {
      reference: name,
    });
  }
  const history = historyRecords(resolved.config?.history ?? []);
  const owners = alignHistory(history, resolved.layers.length);
  const diffIds = resolved.config?.diffIds ?? [];
  const layers = await Promise.all(
    resolved.layers.map(async (layer, index): Promise<LayerInfo> => {
      const owner = owners[index] ?? null;
      const step = owner === null ? undefined : history[owner];
      return {
        index,
        digest: layer.digest,
        diffId: diffIds.length === resolved.layers.length ? (diffIds[index] ?? null) : null,
        mediaType: layer.mediaType,
        compression: layerCompression(layer.mediaType),
        distributable: isDistributable(layer.mediaType),
        // Schema 1 manifests carry no sizes.
        size: resolved.shown?.manifest.kind === 'schema1' ? null : layer.size,
        uncompressedSize: (await opts.listings?.uncompressedSize(layer.digest)) ?? null,
        historyIndex: owner,
        createdBy: step?.createdBy ?? null,
        created: step?.created ?? null,
      };
    }),
  );
  return new RemoteImage(
    client,
    repo,
    name,
    resolved.shown.digest,
    resolved.platform ? formatPlatform(resolved.platform) : null,
    layers,
    history,
    opts.listings,
  );
}

class RemoteImage implements LayeredImage {
  readonly source = 'remote';

  constructor(
    private readonly client: RegistryClient,
    private readonly repo: string,
    readonly name: string,
    readonly digest: string,
    readonly platform: string | null,
    readonly layers: LayerInfo[],
    readonly history: HistoryRecord[],
    private readonly listings: ListingCache | undefined,
  ) {}

  async listLayers(indices?: readonly number[], opts: ReadOptions = {}): Promise<LayerListing[]> {
    const wanted = (indices ?? this.layers.map((layer) => layer.index)).map((index) => this.layer(index));
    // A blob used by several layers (empty layers, often) is read once.
    const unique = [...new Map(wanted.map((layer) => [layer.digest, layer])).values()];
    const listed = await mapConcurrent(
      unique,
      CONCURRENT_LAYERS,
      (layer) => this.listOne(layer, opts),
      opts.signal,
    );
    const byDigest = new Map(listed.map((listing) => [listing.digest, listing]));
    for (const layer of this.layers) {
      const listing = byDigest.get(layer.digest);
      if (listing) layer.uncompressedSize = listing.uncompressedSize;
    }
    return wanted.map((layer) => byDigest.get(layer.digest)!);
  }

  async openEntry(layerIndex: number, entryIndex: number, opts: EntryOptions = {}): Promise<Readable> {
    const layer = this.layer(layerIndex);
    const [listing] = await this.listLayers([layerIndex], opts);
    if (entryIndex < 0 || entryIndex >= listing!.count) {
      throw new LayerError('NOT_FOUND', `Layer ${layerIndex} of ${this.name} has no entry ${entryIndex}.`);
    }
    return entryStream((signal) => this.blob(layer, signal), entryIndex, listing!.path(entryIndex), {
      verify: opts.verify ?? true,
      limits: withDefaults(opts.limits),
      what: `the layer ${shortDigest(layer.digest)}`,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }

  private layer(index: number): LayerInfo {
    const layer = this.layers[index];
    if (!layer) throw new LayerError('NOT_FOUND', `${this.name} has no layer ${index}.`, { index });
    return layer;
  }

  private async listOne(layer: LayerInfo, opts: ReadOptions): Promise<LayerListing> {
    const part = { id: layer.digest, label: `layer ${layer.index}`, total: layer.size ?? undefined };
    const cached = await this.listings?.get(layer.digest);
    if (cached) {
      layer.uncompressedSize = cached.uncompressedSize;
      opts.onProgress?.({ ...part, current: layer.size ?? 0, state: 'skipped' });
      return cached;
    }
    opts.onProgress?.({ ...part, current: 0, state: 'running' });
    try {
      const stream = await this.blob(layer, opts.signal);
      const listing = await listLayer(stream, layer.digest, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.limits ? { limits: opts.limits } : {}),
        onBytes: (current) => opts.onProgress?.({ ...part, current, state: 'running' }),
      });
      layer.uncompressedSize = listing.uncompressedSize;
      // The cache saves the next look; failing to write it must not fail this one.
      await this.listings?.put(listing).catch(() => {});
      opts.onProgress?.({ ...part, current: layer.size ?? listing.uncompressedSize, state: 'done' });
      return listing;
    } catch (error) {
      opts.onProgress?.({ ...part, current: 0, state: 'failed' });
      throw error;
    }
  }

  private async blob(layer: LayerInfo, signal?: AbortSignal): Promise<Readable> {
    try {
      const { stream } = await this.client.blobStream(this.repo, layer.digest, {
        ...(layer.size ? { size: layer.size } : {}),
        ...(signal ? { signal } : {}),
      });
      return stream;
    } catch (error) {
      if (!layer.distributable && error instanceof RegistryError && error.code === 'NOT_FOUND') {
        throw new LayerError(
          'LAYER_UNSUPPORTED',
          `Layer ${layer.index} of ${this.name} is a foreign layer that ${this.client.host} does not serve; Stevedore does not fetch it from elsewhere.`,
          { digest: layer.digest },
          { cause: error },
        );
      }
      throw error;
    }
  }
}
