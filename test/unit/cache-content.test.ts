import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appCacheDir, ContentCache, contentCacheDir } from '../../src-main/core/cache/index.js';
import { digestOf } from '../../src-main/core/oci/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const blob = (text: string) => Buffer.from(text);
const pathOf = (digest: string) => join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));

describe('ContentCache', () => {
  it('stores by digest and reads back the same bytes', async () => {
    const cache = await ContentCache.open(dir);
    const bytes = blob('{"config":true}');
    const digest = digestOf(bytes);
    expect(await cache.get(digest)).toBeUndefined();
    await cache.put(digest, bytes);
    expect(await cache.get(digest)).toEqual(bytes);
    expect((await stat(pathOf(digest))).size).toBe(bytes.length);
    expect(cache.size).toBe(bytes.length);
    // Another instance (another process) sees it.
    expect(await (await ContentCache.open(dir)).get(digest)).toEqual(bytes);
  });

  it('refuses bytes that are not what the digest names, storing nothing', async () => {
    const cache = await ContentCache.open(dir);
    const digest = digestOf(blob('real'));
    await expect(cache.put(digest, blob('fake'))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(await cache.get(digest)).toBeUndefined();
  });

  it('deletes a corrupt entry and reports a miss', async () => {
    const cache = await ContentCache.open(dir);
    const bytes = blob('original');
    const digest = digestOf(bytes);
    await cache.put(digest, bytes);
    await writeFile(pathOf(digest), 'tampered');
    expect(await cache.get(digest)).toBeUndefined();
    await expect(stat(pathOf(digest))).rejects.toMatchObject({ code: 'ENOENT' });
    await cache.put(digest, bytes);
    expect(await cache.get(digest)).toEqual(bytes);
  });

  it('refuses a malformed digest instead of touching a path built from it', async () => {
    const cache = await ContentCache.open(dir);
    await expect(cache.get('sha256:../../etc/passwd')).rejects.toMatchObject({ code: 'DIGEST_INVALID' });
    await expect(cache.put('../x', blob('x'))).rejects.toMatchObject({ code: 'DIGEST_INVALID' });
  });

  it('survives concurrent puts of the same and of different content', async () => {
    const caches = await Promise.all([
      ContentCache.open(dir),
      ContentCache.open(dir),
      ContentCache.open(dir),
    ]);
    const blobs = Array.from({ length: 20 }, (_, i) => blob(`blob-${i % 5}`));
    await Promise.all(blobs.map((bytes, i) => caches[i % 3]!.put(digestOf(bytes), bytes)));
    for (const bytes of blobs) expect(await caches[0]!.get(digestOf(bytes))).toEqual(bytes);
    expect(await readdir(join(dir, 'blobs', 'sha256'))).toHaveLength(5);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('evicts the least recently used entries past its cap', async () => {
    const cache = await ContentCache.open(dir, { maxBytes: 100 });
    const entries = ['a', 'b', 'c', 'd'].map((c) => blob(c.repeat(30)));
    const digests = entries.map((bytes) => digestOf(bytes));
    for (const [i, bytes] of entries.slice(0, 3).entries()) {
      await cache.put(digests[i]!, bytes);
      // Distinct access times: a is the oldest, then b, then c.
      const time = new Date(Date.UTC(2020, 0, 1 + i));
      await utimes(pathOf(digests[i]!), time, time);
    }
    expect(await cache.get(digests[0]!)).toBeDefined(); // a is now the most recently used
    await cache.put(digests[3]!, entries[3]!); // 120 bytes > 100: trim to ≤ 75
    expect(await cache.get(digests[1]!)).toBeUndefined();
    expect(await cache.get(digests[2]!)).toBeUndefined();
    expect(await cache.get(digests[0]!)).toBeDefined();
    expect(await cache.get(digests[3]!)).toBeDefined();
    expect(cache.size).toBe(60);
  });

  it('does not keep content larger than the whole cap', async () => {
    const cache = await ContentCache.open(dir, { maxBytes: 10 });
    const bytes = blob('x'.repeat(11));
    await cache.put(digestOf(bytes), bytes);
    expect(await cache.get(digestOf(bytes))).toBeUndefined();
  });

  it('clears temp files a crash left behind, keeping fresh ones', async () => {
    await ContentCache.open(dir);
    const stale = join(dir, 'tmp', 'old.partial');
    const fresh = join(dir, 'tmp', 'new.partial');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'x');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, old, old);
    await (await ContentCache.open(dir)).ready();
    expect(await readdir(join(dir, 'tmp'))).toEqual(['new.partial']);
  });
});

describe('appCacheDir', () => {
  it('is STEVEDORE_CACHE_DIR when set', () => {
    expect(appCacheDir({ STEVEDORE_CACHE_DIR: '/tmp/c', HOME: '/home/a' }, 'darwin')).toBe('/tmp/c');
  });

  it('follows XDG on Linux', () => {
    expect(appCacheDir({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.cache/stevedore');
    expect(appCacheDir({ HOME: '/home/a', XDG_CACHE_HOME: '/xdg' }, 'linux')).toBe('/xdg/stevedore');
    expect(contentCacheDir({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.cache/stevedore/content');
  });

  it('uses Library/Caches on macOS and LOCALAPPDATA on Windows', () => {
    expect(appCacheDir({ HOME: '/Users/a' }, 'darwin')).toBe('/Users/a/Library/Caches/Stevedore');
    expect(appCacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Local\\Stevedore\\Cache',
    );
    expect(appCacheDir({ USERPROFILE: 'C:\\Users\\a' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Local\\Stevedore\\Cache',
    );
    expect(contentCacheDir({ USERPROFILE: 'C:\\Users\\a' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Local\\Stevedore\\Cache\\content',
    );
  });
});
