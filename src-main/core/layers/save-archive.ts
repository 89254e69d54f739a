import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type ImageConfig, parseImageConfig } from '../oci/config.js';
import { writeOrWait } from './entry-stream.js';
import { walkLayer } from './layer-stream.js';
import { type LayerListing, ListingBuilder } from './listing.js';
import type { EntrySink } from './tar-reader.js';
import type { FileEntry, LayerLimits } from './types.js';

/** A local image's config is a few KiB; past this the file is not one. */
const CONFIG_MAX_BYTES = 8 * 1024 * 1024;

export interface CaptureRequest {
  /** The entry to copy out of each layer that could be the wanted one (archive order, path). */
  entryIndex: number;
  path: string;
  /** A folder for the copies; the caller removes it. */
  dir: string;
}

export interface ScanOptions {
  /** The image id (`sha256:…`): its config is the archive file named after it. */
  imageId: string;
  limits: LayerLimits;
  signal?: AbortSignal;
  /** Bytes of the archive read so far. */
  onBytes?: (bytes: number) => void;
  capture?: CaptureRequest;
  /** Asked after each layer: true stops the scan there (the rest of the archive is not read). */
  enough?: (scan: ArchiveScan) => boolean;
}

export interface ArchiveScan {
  /** Every layer found, by the sha256 of its uncompressed tar: its diff id, computed, not read from a file. */
  listings: Map<string, LayerListing>;
  /** Copies of the captured entry, by the diff id of the layer they came from. */
  captured: Map<string, string>;
  config: ImageConfig | null;
  /** Files that looked like layers and could not be read: an error only if a wanted layer is missing. */
  failures: unknown[];
}

/**
 * Reads an image archive as `docker save` streams it, in one pass, whatever its layout: the
 * legacy one (`<id>/layer.tar`, `<config>.json`, `manifest.json`) or the OCI one Docker 25+ and
 * the containerd image store write (`blobs/sha256/…` with gzip or zstd layers, `index.json`).
 * Layers are recognised by content, not by name: every file that is a tar (or a compressed one)
 * is listed while its sha256 is computed, which is the diff id the engine gave the layer. So
 * nothing depends on `manifest.json` coming first — it comes last in both layouts.
 */
export async function scanSaveArchive(input: Readable, opts: ScanOptions): Promise<ArchiveScan> {
  const scan: ArchiveScan = { listings: new Map(), captured: new Map(), config: null, failures: [] };
  const stop = new AbortController();
  const cancel = () => stop.abort();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  const configNames = configFileNames(opts.imageId);
  let blobs = 0;
  const onEntry = (entry: FileEntry): EntrySink | undefined => {
    if (entry.type !== 'file' || entry.size === 0) return undefined;
    if (configNames.has(entry.path) && entry.size <= CONFIG_MAX_BYTES) return configSink(entry.size, scan);
    if (!isLayerCandidate(entry.path)) return undefined;
    blobs++;
    return layerSink(`the layer ${entry.path} of the image archive`, scan, opts, blobs, () => {
      if (opts.enough?.(scan)) stop.abort();
    });
  };
  try {
    await walkLayer(input, onEntry, {
      limits: { ...opts.limits, maxUncompressedBytes: Number.POSITIVE_INFINITY },
      what: 'the image archive',
      signal: stop.signal,
      ...(opts.onBytes ? { onBytes: opts.onBytes } : {}),
    });
  } catch (error) {
    // Stopping because enough was found is success; a cancel from the caller is not.
    if (!(stop.signal.aborted && !opts.signal?.aborted)) throw error;
  } finally {
    opts.signal?.removeEventListener('abort', cancel);
  }
  return scan;
}

/** `<hex>.json` in the legacy layout, `blobs/sha256/<hex>` in the OCI one. */
function configFileNames(imageId: string): Set<string> {
  const hex = imageId.slice(imageId.indexOf(':') + 1);
  return new Set([`${hex}.json`, `blobs/sha256/${hex}`]);
}

function isLayerCandidate(path: string): boolean {
  return path.endsWith('/layer.tar') || path === 'layer.tar' || path.startsWith('blobs/');
}

function configSink(size: number, scan: ArchiveScan): EntrySink {
  const bytes = Buffer.alloc(size);
  let fill = 0;
  return {
    write(chunk) {
      chunk.copy(bytes, fill);
      fill += chunk.length;
      return undefined;
    },
    end() {
      try {
        scan.config = parseImageConfig(bytes);
      } catch {
        // Not a config after all: history then comes from the engine's history API.
      }
      return undefined;
    },
  };
}

/**
 * Feeds one archive file to a layer reader that lists it and hashes it. JSON files (configs,
 * manifests, indexes: they sit among the layers in `blobs/`) are skipped at their first byte; a
 * file that fails as a layer is drained and noted, not fatal.
 */
function layerSink(
  what: string,
  scan: ArchiveScan,
  opts: ScanOptions,
  blob: number,
  afterLayer: () => void,
): EntrySink {
  let input: PassThrough | null = null;
  let skip = false;
  let reading: Promise<void> = Promise.resolve();
  const start = (first: Buffer) => {
    if (first[0] === 0x7b /* { */) {
      skip = true;
      return;
    }
    input = new PassThrough({ highWaterMark: 1024 * 1024 });
    reading = readLayer(input, what, scan, opts, blob).catch((error: unknown) => {
      scan.failures.push(error);
    });
  };
  return {
    write(chunk) {
      if (input === null && !skip) start(chunk);
      if (skip || input === null || input.destroyed) return undefined;
      return writeOrWait(input, chunk)?.catch(() => {});
    },
    async end() {
      if (input && !input.destroyed) input.end();
      await reading;
      afterLayer();
    },
  };
}

async function readLayer(
  input: PassThrough,
  what: string,
  scan: ArchiveScan,
  opts: ScanOptions,
  blob: number,
): Promise<void> {
  const hash = createHash('sha256');
  const builder = new ListingBuilder();
  const capture = opts.capture;
  let index = -1;
  const copy: { path: string; file: Writable | null } = { path: '', file: null };
  try {
    const result = await walkLayer(
      input,
      (entry) => {
        builder.add(entry);
        index++;
        if (!capture || index !== capture.entryIndex || entry.path !== capture.path) return undefined;
        copy.path = join(capture.dir, `layer-${blob}`);
        const file = createWriteStream(copy.path);
        copy.file = file;
        return { write: (chunk) => writeOrWait(file, chunk), end: () => finished(file.end()) };
      },
      { limits: opts.limits, what, hash, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
    const diffId = `sha256:${hash.digest('hex')}`;
    scan.listings.set(diffId, builder.finish(diffId, result.uncompressedSize));
    if (copy.file) scan.captured.set(diffId, copy.path);
  } finally {
    if (copy.file && !copy.file.writableFinished) copy.file.destroy();
  }
}
