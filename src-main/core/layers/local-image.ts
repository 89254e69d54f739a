import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { endpointOf } from '../engine/connect.js';
import { toEngineError } from '../engine/errors.js';
import { imageHistory, imageInspect } from '../engine/images.js';
import type { ImageDetail } from '../engine/types.js';
import { CancelledError } from '../errors.js';
import { OCI_LAYER } from '../oci/media-types.js';
import { LayerError } from './errors.js';
import { alignHistory, engineHistory, historyRecords } from './history.js';
import type { EntryOptions, LayeredImage } from './image.js';
import { withDefaults } from './list-layer.js';
import type { LayerListing } from './listing.js';
import type { ListingCache } from './listing-cache.js';
import { type ArchiveScan, type ScanOptions, scanSaveArchive } from './save-archive.js';
import type { HistoryRecord, LayerInfo, ReadOptions } from './types.js';

export interface LocalImageOptions {
  /** Where listings are kept between runs (by diff id); without one every listing reads the export. */
  listings?: ListingCache;
}

/**
 * An engine's image (a name, `name:tag` or id): inspect and history now; layers from the engine's
 * export (`docker save`), read as it streams, all layers in one pass. The export has no blob
 * digests, so layers are named by their diff id, and their listings are cached under it.
 */
export async function openLocalImage(
  docker: Dockerode,
  image: string,
  opts: LocalImageOptions = {},
): Promise<LayeredImage> {
  const detail = await imageInspect(docker, image);
  const steps = await imageHistory(docker, detail.id);
  const { history, owners } = engineHistory(steps, detail.layers.length);
  const layers = await Promise.all(
    detail.layers.map(async (diffId, index): Promise<LayerInfo> => {
      const size = (await opts.listings?.uncompressedSize(diffId)) ?? null;
      return {
        index,
        digest: diffId,
        diffId,
        mediaType: OCI_LAYER,
        compression: 'none',
        distributable: true,
        size,
        uncompressedSize: size,
        historyIndex: null,
        createdBy: null,
        created: null,
      };
    }),
  );
  const local = new LocalImage(docker, image.trim(), detail, layers, opts.listings);
  local.pairHistory(history, owners);
  return local;
}

class LocalImage implements LayeredImage {
  readonly source = 'local';
  readonly digest: string;
  readonly platform: string;
  history: HistoryRecord[] = [];
  /** Listings read by this object, for engines used without a listing cache. */
  private readonly read = new Map<string, LayerListing>();

  constructor(
    private readonly docker: Dockerode,
    readonly name: string,
    private readonly detail: ImageDetail,
    readonly layers: LayerInfo[],
    private readonly listings: ListingCache | undefined,
  ) {
    this.digest = detail.id;
    this.platform = [detail.os, detail.architecture, detail.variant].filter(Boolean).join('/');
  }

  pairHistory(history: HistoryRecord[], owners: readonly (number | null)[]): void {
    this.history = history;
    for (const layer of this.layers) {
      const owner = owners[layer.index] ?? null;
      const step = owner === null ? undefined : history[owner];
      layer.historyIndex = owner;
      layer.createdBy = step?.createdBy ?? null;
      layer.created = step?.created ?? null;
    }
  }

  async listLayers(indices?: readonly number[], opts: ReadOptions = {}): Promise<LayerListing[]> {
    const wanted = (indices ?? this.layers.map((layer) => layer.index)).map((index) => this.layer(index));
    const found = new Map<string, LayerListing>();
    for (const layer of wanted) {
      const listing = this.read.get(layer.digest) ?? (await this.listings?.get(layer.digest));
      if (listing) found.set(layer.digest, listing);
    }
    const missing = wanted.filter((layer) => !found.has(layer.digest));
    if (missing.length > 0) {
      const scan = await this.scan(opts, {});
      for (const layer of missing) {
        const listing = scan.listings.get(layer.digest);
        if (!listing) throw this.missingLayer(layer, scan);
        found.set(layer.digest, listing);
      }
    }
    for (const layer of this.layers) {
      const listing = found.get(layer.digest);
      if (listing) layer.size = layer.uncompressedSize = listing.uncompressedSize;
    }
    return wanted.map((layer) => found.get(layer.digest)!);
  }

  /**
   * The export is read up to the wanted layer; the entry is copied to a temp file on the way (from
   * every layer that has it at that place, since a layer is known only once hashed), and the
   * copy from the right layer is returned. The temp folder goes when the stream closes.
   */
  async openEntry(layerIndex: number, entryIndex: number, opts: EntryOptions = {}): Promise<Readable> {
    const layer = this.layer(layerIndex);
    const [listing] = await this.listLayers([layerIndex], opts);
    if (entryIndex < 0 || entryIndex >= listing!.count) {
      throw new LayerError('NOT_FOUND', `Layer ${layerIndex} of ${this.name} has no entry ${entryIndex}.`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'stevedore-entry-'));
    try {
      const scan = await this.scan(opts, {
        capture: { entryIndex, path: listing!.path(entryIndex), dir },
        enough: (partial) => partial.captured.has(layer.digest),
      });
      const copy = scan.captured.get(layer.digest);
      if (!copy) throw this.missingLayer(layer, scan);
      const stream = createReadStream(copy);
      stream.once('close', () => void rm(dir, { recursive: true, force: true }));
      return stream;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private layer(index: number): LayerInfo {
    const layer = this.layers[index];
    if (!layer) throw new LayerError('NOT_FOUND', `${this.name} has no layer ${index}.`, { index });
    return layer;
  }

  /** One pass over the export; every layer it lists goes to the cache, and its config sets the history. */
  private async scan(
    opts: ReadOptions,
    extra: Pick<ScanOptions, 'capture' | 'enough'>,
  ): Promise<ArchiveScan> {
    const part = { id: this.digest, label: `export of ${this.name}`, total: this.detail.size };
    const report = (current: number, state: 'running' | 'done' | 'failed') =>
      opts.onProgress?.({
        ...part,
        current: state === 'done' ? part.total : Math.min(current, part.total),
        state,
      });
    report(0, 'running');
    let scan: ArchiveScan;
    try {
      const input = await saveStream(this.docker, this.digest, opts.signal);
      scan = await scanSaveArchive(input, {
        imageId: this.digest,
        limits: withDefaults(opts.limits),
        ...(opts.signal ? { signal: opts.signal } : {}),
        onBytes: (bytes) => report(bytes, 'running'),
        ...extra,
      });
    } catch (error) {
      report(0, 'failed');
      throw error;
    }
    report(0, 'done');
    for (const listing of scan.listings.values()) {
      this.read.set(listing.digest, listing);
      await this.listings?.put(listing).catch(() => {});
    }
    if (scan.config && scan.config.history.length > 0) {
      const history = historyRecords(scan.config.history);
      this.pairHistory(history, alignHistory(history, this.layers.length));
    }
    return scan;
  }

  private missingLayer(layer: LayerInfo, scan: ArchiveScan): unknown {
    if (scan.failures.length > 0) return scan.failures[0];
    return new LayerError(
      'NOT_FOUND',
      `The engine's export of ${this.name} has no layer ${layer.digest}; is it still the same image?`,
      { diffId: layer.digest },
    );
  }
}

/** `GET /images/{id}/get` (docker save) as a stream; its first byte may take a while (the engine exports first). */
function saveStream(docker: Dockerode, id: string, signal?: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/images/${encodeURIComponent(id)}/get`,
        method: 'GET',
        isStream: true,
        ...(signal ? { abortSignal: signal } : {}),
        statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
      },
      (error: unknown, stream: unknown) => {
        if (!error) resolve(stream as Readable);
        else reject(signal?.aborted ? new CancelledError() : toEngineError(error, endpointOf(docker)));
      },
    );
  });
}
