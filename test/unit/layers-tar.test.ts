import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LayerError } from '../../src-main/core/layers/errors.js';
import { listLayer } from '../../src-main/core/layers/list-layer.js';
import type { LayerListing } from '../../src-main/core/layers/listing.js';
import {
  bigFileTar,
  entry,
  gzip,
  gzipBomb,
  manyFilesTar,
  sealed,
  tarArchive,
  tarHeader,
  zstdBomb,
  zstdStored,
} from '../support/layer-archives.js';

const fixtures = join(import.meta.dirname, '../fixtures/layers');
const DIGEST = `sha256:${'0'.repeat(64)}`;

function streamOf(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let pos = 0; pos < bytes.length; pos += chunkSize) chunks.push(bytes.subarray(pos, pos + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

function list(bytes: Buffer, chunkSize?: number): Promise<LayerListing> {
  return listLayer(streamOf(bytes, chunkSize), DIGEST);
}

/** Samples the process's resident memory; `peak()` is the most it grew past where it started. */
function memoryWatch(): { peak(): number } {
  const start = process.memoryUsage.rss();
  let most = start;
  const timer = setInterval(() => {
    most = Math.max(most, process.memoryUsage.rss());
  }, 10);
  return {
    peak() {
      clearInterval(timer);
      most = Math.max(most, process.memoryUsage.rss());
      return most - start;
    },
  };
}

const MiB = 1024 * 1024;

async function failure(promise: Promise<unknown>): Promise<LayerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LayerError);
  return error as LayerError;
}

const sampleEntries = [
  { name: './', kind: 'dir' as const },
  { name: './etc/', kind: 'dir' as const },
  { name: './etc/app/config.txt', content: 'hello\n', mode: 0o640, uid: 1000, gid: 1001 },
  { name: './etc/app/config-link.txt', kind: 'hardlink' as const, linkname: './etc/app/config.txt' },
  { name: 'etc/readme', kind: 'symlink' as const, linkname: '../usr/share/doc/README' },
  { name: 'dev/null', kind: 'char' as const, mode: 0o666 },
  { name: 'run/fifo', kind: 'fifo' as const },
  { name: 'var/cache/.wh..wh..opq' },
  { name: 'var/.wh.old' },
];

describe('reading a layer tar', () => {
  it('lists entries in archive order, paths from the root, with types, modes, owners and links', async () => {
    const listing = await list(tarArchive(sampleEntries));
    expect(listing.entries()).toEqual([
      { path: 'etc', type: 'dir', size: 0, mode: 0o755, linkTarget: null, uid: 0, gid: 0 },
      {
        path: 'etc/app/config.txt',
        type: 'file',
        size: 6,
        mode: 0o640,
        linkTarget: null,
        uid: 1000,
        gid: 1001,
      },
      {
        path: 'etc/app/config-link.txt',
        type: 'hardlink',
        size: 0,
        mode: 0o644,
        linkTarget: 'etc/app/config.txt',
        uid: 0,
        gid: 0,
      },
      {
        path: 'etc/readme',
        type: 'symlink',
        size: 0,
        mode: 0o644,
        linkTarget: '../usr/share/doc/README',
        uid: 0,
        gid: 0,
      },
      { path: 'dev/null', type: 'char', size: 0, mode: 0o666, linkTarget: null, uid: 0, gid: 0 },
      { path: 'run/fifo', type: 'fifo', size: 0, mode: 0o644, linkTarget: null, uid: 0, gid: 0 },
      {
        path: 'var/cache/.wh..wh..opq',
        type: 'whiteout',
        size: 0,
        mode: 0o644,
        linkTarget: null,
        uid: 0,
        gid: 0,
      },
      { path: 'var/.wh.old', type: 'whiteout', size: 0, mode: 0o644, linkTarget: null, uid: 0, gid: 0 },
    ]);
    expect(listing.contentSize).toBe(6);
    expect(listing.uncompressedSize).toBe(tarArchive(sampleEntries).length);
  });

  it('reads the same entries however the bytes are cut into chunks', async () => {
    const bytes = tarArchive(sampleEntries);
    const whole = (await list(bytes)).entries();
    for (const size of [1, 7, 511, 513]) expect((await list(bytes, size)).entries()).toEqual(whole);
  });

  it('takes long names from PAX headers and from GNU long-name headers', async () => {
    const long = `${'deep/'.repeat(40)}file.txt`;
    const target = `${'link/'.repeat(30)}target`;
    const gnuName = `${'gnu/'.repeat(40)}name`;
    const bytes = tarArchive([
      { name: long, content: 'x' },
      { name: 'short-link', kind: 'symlink', linkname: target },
      { name: '././@LongLink', typeflag: 'L', content: `${gnuName}\0`, gnu: true },
      { name: gnuName.slice(0, 100), content: 'yy', gnu: true },
    ]);
    const entries = (await list(bytes)).entries();
    expect(entries.map((e) => [e.path, e.size, e.linkTarget])).toEqual([
      [long, 1, null],
      ['short-link', 0, target],
      [gnuName, 2, null],
    ]);
  });

  it('reads gzip and zstd layers (real zstd output, both frame kinds) as the same entries', async () => {
    const gz = await readFile(join(fixtures, 'sample.tar.gz'));
    const plain = gunzipSync(gz);
    const expected = (await list(plain)).entries();
    expect(expected.map((e) => `${e.type} ${e.path}`)).toEqual([
      'dir etc',
      'whiteout etc/.wh.removed',
      'dir etc/app',
      'file etc/app/config-hardlink.txt',
      'hardlink etc/app/config.txt',
      'symlink etc/readme-link',
      'dir usr',
      'dir usr/share',
      'dir usr/share/doc',
      'file usr/share/doc/README',
      'file usr/share/random.bin',
    ]);
    for (const name of ['sample.tar.gz', 'sample-sized.tar.zst', 'sample-streamed.tar.zst']) {
      const listing = await list(await readFile(join(fixtures, name)), 4096);
      expect(listing.entries(), name).toEqual(expected);
      expect(listing.uncompressedSize, name).toBe(plain.length);
    }
  });

  it('reads zstd made of stored blocks, and hashes what it decompressed', async () => {
    const plain = tarArchive([
      { name: 'a.bin', content: Buffer.alloc(300_000, 7) },
      { name: 'b.txt', content: 'b' },
    ]);
    const hash = createHash('sha256');
    const listing = await listLayer(streamOf(zstdStored(plain), 1000), DIGEST, { hash });
    expect(listing.entries().map((e) => [e.path, e.size])).toEqual([
      ['a.bin', 300_000],
      ['b.txt', 1],
    ]);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(plain).digest('hex'));
  });

  it('reports bytes read as it goes, up to the size of the input', async () => {
    const bytes = gzip(tarArchive([{ name: 'big', content: randomBytes(300_000) }]));
    const seen: number[] = [];
    await listLayer(streamOf(bytes, 1000), DIGEST, { onBytes: (n) => seen.push(n) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(bytes.length);
  });

  it('lists a layer of more than 100,000 files', async () => {
    const listing = await listLayer(manyFilesTar(120_000), DIGEST);
    expect(listing.count).toBe(121_200);
    expect(listing.path(1)).toBe('d0/f0.txt');
    expect(listing.path(listing.count - 1)).toBe('d1199/f119999.txt');
  });
});

describe('hostile and broken layers', () => {
  it('refuses names that climb out of the root or start at /', async () => {
    for (const name of ['../etc/passwd', 'a/../../x', '/etc/passwd', 'ok/..']) {
      const error = await failure(list(tarArchive([{ name, content: 'x' }])));
      expect(error.code, name).toBe('LAYER_UNSAFE_PATH');
      expect(error.message).toMatch(/refused/);
    }
    const link = await failure(
      list(tarArchive([{ name: 'l', kind: 'hardlink', linkname: '../../etc/shadow' }])),
    );
    expect(link.code).toBe('LAYER_UNSAFE_PATH');
  });

  it('refuses a header with a wrong checksum, and bytes that are not a tar', async () => {
    const bytes = tarArchive([{ name: 'a', content: 'x' }]);
    bytes[0] = 'b'.charCodeAt(0);
    expect((await failure(list(bytes))).code).toBe('LAYER_CORRUPT');
    expect((await failure(list(Buffer.from('<html>not a layer</html>'.repeat(40))))).code).toBe(
      'LAYER_CORRUPT',
    );
  });

  it('refuses absurd sizes: past what a number holds, or more than the archive has', async () => {
    const header = tarHeader({ name: 'huge' });
    header.fill(0, 124, 136);
    header[124] = 0x80;
    header.fill(0xff, 125, 136);
    const tooBig = Buffer.concat([sealed(header), Buffer.alloc(1024)]);
    expect((await failure(list(tooBig))).code).toBe('LAYER_CORRUPT');
    const announced = Buffer.concat([
      tarHeader({ name: 'big', headerSize: 8 * 1024 ** 3 - 1 }),
      Buffer.alloc(4096),
    ]);
    const error = await failure(list(announced));
    expect(error.code).toBe('LAYER_TRUNCATED');
  });

  it('refuses oversized PAX and GNU long-name headers before reading them', async () => {
    const pax = Buffer.concat([
      tarHeader({ name: 'PaxHeaders/x', typeflag: 'x', headerSize: 2 * 1024 ** 3 }),
    ]);
    expect((await failure(list(pax))).code).toBe('LAYER_TOO_LARGE');
    const longName = tarHeader({
      name: '././@LongLink',
      typeflag: 'L',
      headerSize: 100 * 1024 ** 2,
      gnu: true,
    });
    expect((await failure(list(longName))).code).toBe('LAYER_TOO_LARGE');
    const malformed = tarArchive([
      { name: 'PaxHeaders/x', typeflag: 'x', content: '99 path=x\n' },
      { name: 'a' },
    ]);
    expect((await failure(list(malformed))).code).toBe('LAYER_CORRUPT');
  });

  it('says a layer is truncated when its tar, gzip or zstd stream stops short', async () => {
    const plain = tarArchive([{ name: 'a.bin', content: Buffer.alloc(200_000, 3) }]);
    const cut = (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2));
    for (const bytes of [plain, gzip(plain), zstdStored(plain)]) {
      expect((await failure(list(cut(bytes)))).code).toBe('LAYER_TRUNCATED');
    }
    const midHeader = plain.subarray(0, 300);
    expect((await failure(list(midHeader))).code).toBe('LAYER_TRUNCATED');
  });

  it('refuses data after the end-of-archive marker only when it is not zeros', async () => {
    const good = Buffer.concat([tarArchive([{ name: 'a' }]), Buffer.alloc(8192)]);
    expect((await list(good)).count).toBe(1);
    const bad = Buffer.concat([entry({ name: 'a' }), Buffer.alloc(512), entry({ name: 'b' })]);
    expect((await failure(list(bad))).code).toBe('LAYER_CORRUPT');
  });

  it('refuses zstd frames that ask for a huge window or hold malformed blocks, and xz', async () => {
    const plain = tarArchive([{ name: 'a', content: 'x' }]);
    const window = await failure(list(zstdStored(plain, { windowLog: 31 })));
    expect(window.code).toBe('LAYER_UNSUPPORTED');
    expect(window.message).toMatch(/2048 MiB zstd window/);
    const bigBlock = zstdStored(Buffer.alloc(300_000), { blockSize: 200_000 });
    expect((await failure(list(bigBlock))).code).toBe('LAYER_CORRUPT');
    const xz = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]);
    expect((await failure(list(xz))).code).toBe('LAYER_UNSUPPORTED');
  });

  it('stops a gzip bomb and a zstd bomb past their ratio limit, in bounded memory', async () => {
    for (const bomb of [gzipBomb(8 * 1024 ** 3), zstdBomb(8 * 1024 ** 3)]) {
      const memory = memoryWatch();
      const error = await failure(listLayer(bomb, DIGEST));
      expect(error.code).toBe('LAYER_TOO_LARGE');
      expect(error.message).toMatch(/decompression bomb/);
      expect(memory.peak()).toBeLessThan(64 * MiB);
    }
  }, 60_000);

  it('reads a 2 GiB layer in bounded memory', async () => {
    const memory = memoryWatch();
    const listing = await listLayer(bigFileTar('huge.bin', 2 * 1024 ** 3), DIGEST);
    expect(listing.entries().map((e) => [e.path, e.size])).toEqual([['huge.bin', 2 * 1024 ** 3]]);
    expect(memory.peak()).toBeLessThan(64 * MiB);
  }, 60_000);

  it('stops at the entry limit', async () => {
    const error = await failure(listLayer(manyFilesTar(3000), DIGEST, { limits: { maxEntries: 1000 } }));
    expect(error.code).toBe('LAYER_TOO_LARGE');
  });
});
