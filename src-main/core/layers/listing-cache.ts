import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, win32 } from 'node:path';
import { appCacheDir } from '../cache/cache-dir.js';
import { splitDigest } from '../oci/digest.js';
import type { LayerListing } from './listing.js';
import { decodeListing, encodeListing, HEADER_BYTES, peekUncompressedSize } from './listing-codec.js';

export interface ListingCacheOptions {
  /** Total bytes kept before the least recently used listings go; default 512 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
const TRIM_TARGET = 0.75;
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The listings' folder: beside the content cache, in the app's cache dir. */
export function layerListingCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  const base = appCacheDir(env, platform);
  return platform === 'win32' ? win32.join(base, 'layer-listings') : join(base, 'layer-listings');
}

/**
 * Layer listings on disk by digest (`sha256/<hex>`): what a digest names never changes, so neither
 * does its listing. A file that is not an intact listing (crash, meddling, older format) is a miss
 * and is replaced on the next put. Writes go to a temp file renamed into place, so the app and the
 * CLI can share the folder. Past `maxBytes`, the least recently opened listings are evicted.
 */
export class ListingCache {
  private bytes = 0;
  private counting: Promise<void> = Promise.resolve();
  private trimming: Promise<void> | null = null;

  private constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  static async open(dir: string, opts: ListingCacheOptions = {}): Promise<ListingCache> {
    await mkdir(join(dir, 'tmp'), { recursive: true });
    const cache = new ListingCache(dir, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    cache.counting = cache.count().catch(() => {});
    return cache;
  }

  async get(digest: string): Promise<LayerListing | undefined> {
    const path = this.pathOf(digest);
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) return undefined;
    const listing = decodeListing(digest, bytes);
    if (!listing) {
      await rm(path, { force: true });
      return undefined;
    }
    const now = new Date();
    await utimes(path, now, now).catch(() => {});
    return listing;
  }

  /** The uncompressed size recorded for `digest`, reading only the file's header. */
  async uncompressedSize(digest: string): Promise<number | undefined> {
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(this.pathOf(digest), 'r');
      const header = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
      return peekUncompressedSize(header.subarray(0, bytesRead));
    } catch {
      return undefined;
    } finally {
      await handle?.close();
    }
  }

  async put(listing: LayerListing): Promise<void> {
    const path = this.pathOf(listing.digest);
    const bytes = encodeListing(listing);
    if (bytes.length > this.maxBytes) return;
    const temp = join(this.dir, 'tmp', `${randomBytes(8).toString('hex')}.partial`);
    await mkdir(join(path, '..'), { recursive: true });
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await this.counting;
    this.bytes += bytes.length;
    if (this.bytes > this.maxBytes) await this.trim();
  }

  /** Evicts the least recently used listings until the folder is under 75% of its cap. */
  trim(): Promise<void> {
    this.trimming ??= this.evict().finally(() => {
      this.trimming = null;
    });
    return this.trimming;
  }

  /** Counts what is stored, and removes temp files a crash left (older than an hour). */
  private async count(): Promise<void> {
    const tmp = join(this.dir, 'tmp');
    for (const name of await readdir(tmp)) {
      const info = await stat(join(tmp, name)).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(join(tmp, name), { force: true });
    }
    this.bytes = (await this.entries()).reduce((sum, entry) => sum + entry.size, 0);
  }

  private async evict(): Promise<void> {
    const entries = await this.entries();
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    if (total > this.maxBytes) {
      entries.sort((a, b) => a.atimeMs - b.atimeMs);
      for (const entry of entries) {
        if (total <= this.maxBytes * TRIM_TARGET) break;
        await rm(entry.path, { force: true });
        total -= entry.size;
      }
    }
    this.bytes = total;
  }

  private async entries(): Promise<{ path: string; size: number; atimeMs: number }[]> {
    const found: { path: string; size: number; atimeMs: number }[] = [];
    for (const algorithm of await readdir(this.dir)) {
      if (algorithm === 'tmp') continue;
      const names = await readdir(join(this.dir, algorithm)).catch(() => [] as string[]);
      for (const name of names) {
        const path = join(this.dir, algorithm, name);
        const info = await stat(path).catch(() => undefined);
        if (info?.isFile()) found.push({ path, size: info.size, atimeMs: info.atimeMs });
      }
    }
    return found;
  }

  private pathOf(digest: string): string {
    const { algorithm, hex } = splitDigest(digest);
    return join(this.dir, algorithm, hex);
  }
}
