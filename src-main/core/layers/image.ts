import type { Readable } from 'node:stream';
import { LayerError } from './errors.js';
import type { LayerListing } from './listing.js';
import { MergedFs } from './merged-fs.js';
import type { HistoryRecord, LayerInfo, ReadOptions } from './types.js';

export interface EntryOptions extends ReadOptions {
  /**
   * Remote layers: read the rest of the blob after the entry and fail the stream (DIGEST_MISMATCH)
   * unless it is the blob the manifest names. Default true; a size-capped view may skip it.
   */
  verify?: boolean;
}

/**
 * An image whose layers can be listed and read: a registry's (`openRemoteImage`) or an engine's
 * (`openLocalImage`). `layers` fills in sizes as layers get listed.
 */
export interface LayeredImage {
  readonly source: 'remote' | 'local';
  /** As the user named it, normalized: `127.0.0.1:5000/app:1.0`, or the local name or id. */
  readonly name: string;
  /** The image manifest's digest (remote) or the image id (local). */
  readonly digest: string;
  /** `os/arch[/variant]`, when known. */
  readonly platform: string | null;
  readonly layers: readonly LayerInfo[];
  readonly history: readonly HistoryRecord[];
  /**
   * Listings of the layers at `indices` (default: all), in that order, from the listing cache or
   * by reading them: a registry's blobs a few at a time, an engine's export in one pass.
   */
  listLayers(indices?: readonly number[], opts?: ReadOptions): Promise<LayerListing[]>;
  /** The bytes of entry `entryIndex` (archive order) of layer `layerIndex`, as a stream. */
  openEntry(layerIndex: number, entryIndex: number, opts?: EntryOptions): Promise<Readable>;
}

/** The image's merged filesystem: every layer listed (from the cache where it can), then stacked. */
export async function imageFilesystem(image: LayeredImage, opts?: ReadOptions): Promise<MergedFs> {
  return new MergedFs(await image.listLayers(undefined, opts));
}

/** What `stevedore layers --json` prints. */
export interface LayersSummary {
  layers: {
    digest: string;
    diffId: string | null;
    mediaType: string;
    size: number | null;
    uncompressedSize: number | null;
    createdBy: string | null;
  }[];
  history: { created: string | null; createdBy: string | null; emptyLayer: boolean }[];
}

export function layersSummary(image: LayeredImage): LayersSummary {
  return {
    layers: image.layers.map(({ digest, diffId, mediaType, size, uncompressedSize, createdBy }) => ({
      digest,
      diffId,
      mediaType,
      size,
      uncompressedSize,
      createdBy,
    })),
    history: image.history.map(({ created, createdBy, emptyLayer }) => ({ created, createdBy, emptyLayer })),
  };
}

/**
 * The layer a user named: its index (0 is the base), or its digest or diff id, whole or a
 * prefix of at least 12 hex digits (with or without `sha256:`). NOT_FOUND otherwise.
 */
export function selectLayer(image: LayeredImage, selector: string): number {
  const text = selector.trim();
  if (/^\d+$/.test(text)) {
    const index = Number(text);
    if (index < image.layers.length) return index;
    throw new LayerError(
      'NOT_FOUND',
      `${image.name} has ${image.layers.length} layers: give an index from 0 to ${image.layers.length - 1}.`,
      { layers: image.layers.length },
    );
  }
  const wanted = text.toLowerCase();
  const hex = wanted.includes(':') ? wanted.slice(wanted.indexOf(':') + 1) : wanted;
  const matches = image.layers.filter((layer) =>
    [layer.digest, layer.diffId].some(
      (digest) =>
        digest !== null && (digest === wanted || (hex.length >= 12 && hexOf(digest).startsWith(hex))),
    ),
  );
  const distinct = new Set(matches.map((layer) => layer.index));
  if (distinct.size === 1) return matches[0]!.index;
  throw new LayerError(
    'NOT_FOUND',
    distinct.size === 0
      ? `${image.name} has no layer ${selector}: give an index or a digest from \`stevedore layers\`.`
      : `${selector} matches several layers of ${image.name}: give more of the digest.`,
    { selector },
  );
}

function hexOf(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}
