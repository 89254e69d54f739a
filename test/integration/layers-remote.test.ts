import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CancelledError } from '../../src-main/core/errors.js';
import {
  imageFilesystem,
  type LayeredImage,
  ListingCache,
  layersSummary,
  openFile,
  openRemoteImage,
  selectLayer,
  viewFile,
} from '../../src-main/core/layers/index.js';
import { parseReference } from '../../src-main/core/reference/index.js';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { RegistryError } from '../../src-main/core/registry/errors.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';
import { startFakeTamperingProxy } from '../support/fake-registries.js';
import {
  gzip,
  OCI_LAYER_GZIP,
  OCI_LAYER_TAR,
  OCI_LAYER_ZSTD,
  pushLayeredImage,
  type TestLayer,
  tarArchive,
} from '../support/layer-archives.js';
import { listingAbortedMidway } from '../support/layered-images.js';
import { sha256 } from '../support/registry-content.js';

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = `layers-${run}/app`;
const fixtures = join(import.meta.dirname, '../fixtures/layers');
const README_SHA256 = '9119822057921f254b64e07111fcf5bbf479c91028e5e2d65675355f5064836a';

const baseTar = tarArchive([
  { name: 'etc/', kind: 'dir' },
  { name: 'etc/os-release', content: 'NAME=base\n' },
  { name: 'etc/removed', content: 'bytes a later layer deletes\n' },
  { name: 'var/cache/a', content: Buffer.alloc(3000, 1) },
  { name: 'bin/busybox', content: Buffer.alloc(2000, 2), mode: 0o755 },
  { name: 'bin/sh', kind: 'hardlink', linkname: 'bin/busybox' },
]);
const cleanTar = tarArchive([
  { name: 'etc/os-release', content: 'NAME=cleaned\n' },
  { name: 'var/cache/.wh..wh..opq' },
  { name: 'var/cache/new', content: 'n' },
]);
let appTar: Buffer;
let layers: TestLayer[];
let pushed: { digest: string; configDigest: string };

let work: string;
const transport = new RegistryTransport({ host });
const client = new RegistryClient({ transport });
let listings: ListingCache;

async function open(cache: ListingCache | undefined = listings): Promise<LayeredImage> {
  return openRemoteImage(client, parseReference(`${host}/${repo}:1.0`), cache ? { listings: cache } : {});
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-layers-remote-'));
  listings = await ListingCache.open(join(work, 'listings'));
  appTar = gunzipSync(await readFile(join(fixtures, 'sample.tar.gz')));
  layers = [
    { blob: gzip(baseTar), mediaType: OCI_LAYER_GZIP, tar: baseTar },
    {
      blob: await readFile(join(fixtures, 'sample-streamed.tar.zst')),
      mediaType: OCI_LAYER_ZSTD,
      tar: appTar,
    },
    { blob: cleanTar, mediaType: OCI_LAYER_TAR, tar: cleanTar },
  ];
  pushed = await pushLayeredImage(host, repo, '1.0', layers, [
    { created_by: 'ADD base.tar /' },
    { created_by: 'ENV A=b', empty_layer: true },
    { created_by: 'COPY app /' },
    { created_by: 'CMD ["sh"]', empty_layer: true },
    { created_by: 'RUN clean' },
  ]);
});

afterAll(async () => {
  await transport.close();
  await rm(work, { recursive: true, force: true });
});

describe('a registry image, without pulling it', () => {
  it('lists layers with digests, diff ids, media types, sizes and the step that made each', async () => {
    const image = await open();
    expect(image.digest).toBe(pushed.digest);
    expect(image.platform).toBe('linux/amd64');
    const summary = layersSummary(image);
    expect(summary.layers).toEqual(
      layers.map((layer, i) => ({
        digest: sha256(layer.blob),
        diffId: sha256(layer.tar),
        mediaType: layer.mediaType,
        size: layer.blob.length,
        uncompressedSize: null,
        createdBy: ['ADD base.tar /', 'COPY app /', 'RUN clean'][i],
      })),
    );
    expect(summary.history.map((step) => [step.createdBy, step.emptyLayer])).toEqual([
      ['ADD base.tar /', false],
      ['ENV A=b', true],
      ['COPY app /', false],
      ['CMD ["sh"]', true],
      ['RUN clean', false],
    ]);
    expect(image.layers.map((layer) => layer.compression)).toEqual(['gzip', 'zstd', 'none']);
  });

  it('lists gzip, zstd and plain layers from their blobs, with progress, then from the cache', async () => {
    const image = await open();
    const parts: TaskPart[] = [];
    const listed = await image.listLayers(undefined, { onProgress: (part) => parts.push({ ...part }) });
    expect(listed.map((listing) => listing.digest)).toEqual(image.layers.map((layer) => layer.digest));
    expect(listed[0]?.entries().map((e) => `${e.type} ${e.path}`)).toEqual([
      'dir etc',
      'file etc/os-release',
      'file etc/removed',
      'file var/cache/a',
      'file bin/busybox',
      'hardlink bin/sh',
    ]);
    expect(listed[1]?.count).toBe(11);
    expect(listed[2]?.entries().map((e) => e.type)).toEqual(['file', 'whiteout', 'file']);
    expect(image.layers.map((layer) => layer.uncompressedSize)).toEqual(
      layers.map((layer) => layer.tar.length),
    );
    const last = new Map(parts.map((part) => [part.id, part]));
    expect([...last.values()].map((part) => [part.state, part.current === part.total])).toEqual([
      ['done', true],
      ['done', true],
      ['done', true],
    ]);
    expect(parts.some((part) => part.state === 'running' && part.current > 0)).toBe(true);

    const again = await open();
    expect(again.layers.map((layer) => layer.uncompressedSize)).toEqual(
      layers.map((layer) => layer.tar.length),
    );
    const states: string[] = [];
    const cached = await again.listLayers(undefined, { onProgress: (part) => states.push(part.state) });
    expect(states).toEqual(['skipped', 'skipped', 'skipped']);
    expect(cached.map((listing) => listing.entries())).toEqual(listed.map((listing) => listing.entries()));
  });

  it('merges the layers, applying whiteouts and opaque directories, and scores efficiency', async () => {
    const fs = await imageFilesystem(await open());
    const paths = fs.files().map((entry) => entry.path);
    expect(paths).toContain('usr/share/doc/README');
    expect(paths).toContain('var/cache/new');
    expect(paths).not.toContain('var/cache/a');
    expect(paths).not.toContain('etc/removed');
    expect(paths).not.toContain('etc/.wh.removed');
    expect(fs.get('etc/os-release')).toMatchObject({ size: 13, layer: 2, addedBy: 0 });
    expect(fs.removed().map((removed) => [removed.path, removed.removedBy])).toEqual([
      ['etc/removed', 1],
      ['var/cache/a', 2],
    ]);
    expect(fs.efficiency.inefficiencies.map((path) => path.path)).toEqual([
      'var/cache/a',
      'etc/removed',
      'etc/os-release',
    ]);
    expect(fs.efficiency.score).toBeLessThan(1);
  });

  it('streams a file from the topmost layer that has it, following symlinks and hard links', async () => {
    const image = await open();
    const fs = await imageFilesystem(image);
    const hash = async (path: string) => {
      const { stream } = await openFile(image, fs, path);
      const digest = createHash('sha256');
      for await (const chunk of stream) digest.update(chunk as Buffer);
      return digest.digest('hex');
    };
    expect(await hash('usr/share/doc/README')).toBe(README_SHA256);
    expect(await hash('/etc/readme-link')).toBe(README_SHA256);
    expect(await hash('etc/app/config.txt')).toBe(createHash('sha256').update('hello zstd\n').digest('hex'));
    expect(await hash('bin/sh')).toBe(createHash('sha256').update(Buffer.alloc(2000, 2)).digest('hex'));
    const view = await viewFile(image, fs, 'etc/os-release');
    expect([view.bytes.toString(), view.binary, view.truncated]).toEqual(['NAME=cleaned\n', false, false]);
    const head = await viewFile(image, fs, 'usr/share/doc/README', { maxBytes: 1000 });
    expect([head.bytes.length, head.truncated, head.binary]).toEqual([1000, true, false]);
    expect((await viewFile(image, fs, 'usr/share/random.bin')).binary).toBe(true);
    await expect(openFile(image, fs, 'var/cache/a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openFile(image, fs, 'etc')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finds a layer by index, digest prefix or diff id', async () => {
    const image = await open();
    const zstd = image.layers[1]!;
    expect(selectLayer(image, '1')).toBe(1);
    expect(selectLayer(image, zstd.digest.slice(7, 19))).toBe(1);
    expect(selectLayer(image, zstd.diffId!)).toBe(1);
    expect(() => selectLayer(image, '3')).toThrow(/has 3 layers/);
    expect(() => selectLayer(image, 'sha256:0000')).toThrow(/no layer/);
  });

  it('refuses a blob whose bytes are not its digest, and caches nothing of it', async () => {
    const proxy = await startFakeTamperingProxy({
      upstream: `http://${host}`,
      alter: (path, body) => {
        if (!path.endsWith(sha256(cleanTar))) return body;
        const altered = Buffer.from(body);
        altered[2048] = 'X'.charCodeAt(0); // var/cache/new's one byte of content: still a valid tar
        return altered;
      },
    });
    const proxyTransport = new RegistryTransport({ host: proxy.host });
    try {
      const cache = await ListingCache.open(join(work, 'tampered'));
      const image = await openRemoteImage(
        new RegistryClient({ transport: proxyTransport }),
        parseReference(`${proxy.host}/${repo}:1.0`),
        { listings: cache },
      );
      const error = await image.listLayers([2]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).code).toBe('DIGEST_MISMATCH');
      expect(await cache.get(sha256(cleanTar))).toBeUndefined();
    } finally {
      await proxyTransport.close();
      await proxy.stop();
    }
  });

  it('cancels a listing under way', async () => {
    const big = tarArchive([{ name: 'big.bin', content: Buffer.alloc(24 * 1024 * 1024, 5) }]);
    const bigRepo = `layers-${run}/big`;
    await pushLayeredImage(
      host,
      bigRepo,
      '1',
      [{ blob: big, mediaType: OCI_LAYER_TAR, tar: big }],
      [{ created_by: 'ADD big' }],
    );
    const image = await openRemoteImage(client, parseReference(`${host}/${bigRepo}:1`));
    expect(await listingAbortedMidway(image)).toBeInstanceOf(CancelledError);
  });
});
