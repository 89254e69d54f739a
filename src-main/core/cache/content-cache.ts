import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitDigest, verifyDigest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { DIGEST_HEX_LENGTHS } from '../reference/index.js';

export interface ContentCacheOptions {
  /** Total bytes kept before the least recently used entries go; default 256 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** A trim stops below this share of the cap, so the next few puts do not trim again at once. */
const TRIM_TARGET = 0.75;
/** One folder under blobs/ for each digest algorithm references accept. */
const DIGEST_ALGORITHMS = Object.keys(DIGEST_HEX_LENGTHS);
/** Temp files older than this are what a crash mid-write left behind. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Blobs and manifests on disk, named by their digest (`blobs/sha256/<hex>`). Content with a
 * digest never changes, so nothing here expires: entries are only evicted for space, least
 * recently used first (by access time, which get refreshes). Every read re-hashes the bytes;
 * a file that no longer matches its name (a disk error, a meddler) is deleted and is a miss.
 * Several processes may share one directory: writes go to a temp file that is renamed into
 * place, and losing a race to another writer of the same digest is harmless.
 */
export class ContentCache {
  private bytes: number;
  private trimming: Promise<void> | null = null;
  private counting: Promise<void> = Promise.resolve();
  /** Puts under way: callers may write in the background, and flush() waits for them. */
  private readonly writing = new Set<Promise<void>>();

  private constructor(
    readonly dir: string,
    private readonly maxBytes: number,
    initialBytes: number,
  ) {
    this.bytes = initialBytes;
  }

  /**
   * Makes the folders and returns at once: counting what is stored (a stat per entry) and removing
   * stale temp files happen in the background, so a large cache does not slow every start.
   */
  static async open(dir: string, opts: ContentCacheOptions = {}): Promise<ContentCache> {
    await Promise.all([
      ...DIGEST_ALGORITHMS.map((algorithm) => mkdir(join(dir, 'blobs', algorithm), { recursive: true })),
      mkdir(join(dir, 'tmp'), { recursive: true }),
    ]);
    const cache = new ContentCache(dir, opts.maxBytes ?? DEFAULT_MAX_BYTES, 0);
    cache.counting = cache.recount();
    return cache;
  }

  /** Resolves once the background count of what is stored has finished. */
  ready(): Promise<void> {
    return this.counting;
  }

  /** The bytes stored under `digest`, verified; undefined when absent or corrupt. */
  async get(digest: string): Promise<Buffer | undefined> {
    const path = this.pathOf(digest);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    try {
      verifyDigest(bytes, digest);
    } catch (error) {
      if (!(error instanceof OciError && error.code === 'DIGEST_MISMATCH')) throw error;
      await rm(path, { force: true });
      this.bytes = Math.max(0, this.bytes - bytes.length);
      return undefined;
    }
    await touch(path);
    return bytes;
  }

  /**
   * Stores `bytes` under `digest` after checking they match (DIGEST_MISMATCH otherwise). Content
   * larger than the whole cap is not kept.
   */
  put(digest: string, bytes: Uint8Array): Promise<void> {
    const write = this.store(digest, bytes);
    this.writing.add(write);
    const done = () => this.writing.delete(write);
    write.then(done, done);
    return write;
  }

  /** Resolves when every put started so far has finished (written or failed). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.writing]);
  }

  private async store(digest: string, bytes: Uint8Array): Promise<void> {
    verifyDigest(bytes, digest);
    if (bytes.length > this.maxBytes) return;
    const path = this.pathOf(digest);
    // No existence check first: renaming identical bytes over an entry is harmless, and cheaper
    // than asking the disk on every put (the count may run high until the next trim recounts).
    const temp = join(this.dir, 'tmp', `${randomBytes(8).toString('hex')}.partial`);
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, path);
    } catch (error) {
      // Windows refuses to rename over a file another process holds open: that process wrote
      // the same bytes, so the entry is there either way.
      await rm(temp, { force: true });
      if (!(await exists(path))) throw error;
      return;
    }
    // After the background count, so it cannot overwrite this entry's bytes; if it already saw the
    // file, the total runs high until the next trim recounts, which errs on the safe side.
    await this.counting;
    this.bytes += bytes.length;
    if (this.bytes > this.maxBytes) await this.trim();
  }

  /** Total bytes stored, as last counted. */
  get size(): number {
    return this.bytes;
  }

  /** Evicts least recently used entries until the cache is below 75% of its cap. One trim at a time. */
  trim(): Promise<void> {
    this.trimming ??= this.evict().finally(() => {
      this.trimming = null;
    });
    return this.trimming;
  }

  private async recount(): Promise<void> {
    try {
      await removeStaleTemps(join(this.dir, 'tmp'));
      const entries = await listEntries(this.dir);
      this.bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
      if (this.bytes > this.maxBytes) await this.trim();
    } catch {
      // The cache only saves round trips: a folder that cannot be listed just means no trimming.
    }
  }

  private async evict(): Promise<void> {
    const entries = await listEntries(this.dir);
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    if (total > this.maxBytes) {
      const target = this.maxBytes * TRIM_TARGET;
      entries.sort((a, b) => a.atimeMs - b.atimeMs);
      for (const entry of entries) {
        if (total <= target) break;
        await rm(entry.path, { force: true });
        total -= entry.size;
      }
    }
    this.bytes = total;
  }

  private pathOf(digest: string): string {
    const { algorithm, hex } = splitDigest(digest);
    return join(this.dir, 'blobs', algorithm, hex);
  }
}

interface Entry {
  path: string;
  size: number;
  atimeMs: number;
}

async function listEntries(dir: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const blobs = join(dir, 'blobs');
  for (const algorithm of await readdir(blobs)) {
    let names: string[];
    try {
      names = await readdir(join(blobs, algorithm));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(blobs, algorithm, name);
      try {
        const info = await stat(path);
        if (info.isFile()) entries.push({ path, size: info.size, atimeMs: info.atimeMs });
      } catch {
        // evicted by another process meanwhile
      }
    }
  }
  return entries;
}

async function removeStaleTemps(tmp: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(tmp)) {
    const path = join(tmp, name);
    try {
      if (now - (await stat(path)).mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    } catch {
      // another process cleaned it first
    }
  }
}

/** Marks an entry as used now; mounts with noatime or relatime would not do it on read. */
async function touch(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => {});
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
