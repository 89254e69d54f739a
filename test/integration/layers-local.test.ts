import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import { imagePull } from '../../src-main/core/engine/pull.js';
import { imagePush } from '../../src-main/core/engine/push.js';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';
import { CancelledError } from '../../src-main/core/errors.js';
import {
  DEFAULT_LIMITS,
  imageFilesystem,
  type LayeredImage,
  ListingCache,
  openFile,
  openLocalImage,
  openRemoteImage,
} from '../../src-main/core/layers/index.js';
import { scanSaveArchive } from '../../src-main/core/layers/save-archive.js';
import { parseReference } from '../../src-main/core/reference/index.js';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import { buildScratchImage, NONCE_FILE } from '../support/images.js';
import { gzip, OCI_LAYER_GZIP, pushLayeredImage, tarArchive } from '../support/layer-archives.js';
import { listingAbortedMidway, pushBaseAppClean } from '../support/layered-images.js';
import { sha256 } from '../support/registry-content.js';

const endpoint: EngineEndpoint = { id: 'env', name: 'DOCKER_HOST', url: inject('dockerHost'), source: 'env' };
const docker = connect(endpoint);
const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const fixtures = join(import.meta.dirname, '../fixtures/layers');
const README_SHA256 = '9119822057921f254b64e07111fcf5bbf479c91028e5e2d65675355f5064836a';

const transport = new RegistryTransport({ host });
const client = new RegistryClient({ transport });
let work: string;
let listings: ListingCache;
const toRemove: string[] = [];

const baseTar = tarArchive([
  { name: 'etc/', kind: 'dir' },
  { name: 'etc/os-release', content: 'NAME=base\n' },
  { name: 'etc/removed', content: 'bytes a later layer deletes\n' },
  { name: 'bin/busybox', content: Buffer.alloc(2000, 2), mode: 0o755 },
  { name: 'bin/sh', kind: 'hardlink', linkname: 'bin/busybox' },
]);
const cleanTar = tarArchive([
  { name: 'etc/os-release', content: 'NAME=cleaned\n' },
  { name: 'var/.wh.cache' },
]);
const pulledRef = `${host}/layers-local-${run}/pulled:1`;
let appTar: Buffer;
let configDigest: string;

async function remoteListings(image: LayeredImage) {
  return (await image.listLayers()).map((listing) => listing.entries());
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-layers-local-'));
  listings = await ListingCache.open(join(work, 'listings'));
  appTar = gunzipSync(await readFile(join(fixtures, 'sample.tar.gz')));
  ({ configDigest } = await pushBaseAppClean(host, `layers-local-${run}/pulled`, '1', {
    base: baseTar,
    app: appTar,
    clean: cleanTar,
  }));
  await imagePull(docker, parseReference(pulledRef));
  toRemove.push(pulledRef);
}, 120_000);

afterAll(async () => {
  for (const image of toRemove) await imageRemove(docker, image, { force: true }).catch(() => undefined);
  await transport.close();
  await rm(work, { recursive: true, force: true });
});

describe('an engine image, from its export', () => {
  it('has the layers the registry has: same diff ids, same listings, same history', async () => {
    const remote = await openRemoteImage(client, parseReference(pulledRef));
    const local = await openLocalImage(docker, pulledRef, { listings });
    expect(local.digest).toBe(configDigest);
    expect(local.layers.map((layer) => layer.diffId)).toEqual(remote.layers.map((layer) => layer.diffId));
    expect(local.layers.map((layer) => layer.digest)).toEqual([baseTar, appTar, cleanTar].map(sha256));
    expect(local.layers.map((layer) => layer.createdBy)).toEqual([
      'ADD base.tar /',
      'COPY app /',
      'RUN clean',
    ]);
    expect(local.layers.map((layer) => layer.size)).toEqual([null, null, null]);

    const parts: string[] = [];
    const listed = await local.listLayers(undefined, { onProgress: (part) => parts.push(part.state) });
    expect(listed.map((listing) => listing.entries())).toEqual(await remoteListings(remote));
    expect(parts.at(-1)).toBe('done');
    expect(local.layers.map((layer) => layer.size)).toEqual(
      [baseTar, appTar, cleanTar].map((tar) => tar.length),
    );
    expect(local.history.map((step) => step.emptyLayer)).toEqual([false, true, false, false]);

    // Listed once, the layers come from the cache: no second export.
    const again = await openLocalImage(docker, pulledRef, { listings });
    expect(again.layers.map((layer) => layer.uncompressedSize)).toEqual(
      [baseTar, appTar, cleanTar].map((tar) => tar.length),
    );
    const more: string[] = [];
    await again.listLayers(undefined, { onProgress: (part) => more.push(part.state) });
    expect(more).toEqual([]);
  });

  it('streams a file out of the export, through symlinks and hard links', async () => {
    const image = await openLocalImage(docker, pulledRef, { listings });
    const fs = await imageFilesystem(image);
    expect(fs.get('var/cache')).toBeUndefined();
    const hash = async (path: string) => {
      const { stream } = await openFile(image, fs, path);
      const digest = createHash('sha256');
      for await (const chunk of stream) digest.update(chunk as Buffer);
      return digest.digest('hex');
    };
    expect(await hash('etc/readme-link')).toBe(README_SHA256);
    expect(await hash('bin/sh')).toBe(createHash('sha256').update(Buffer.alloc(2000, 2)).digest('hex'));
    expect(await hash('etc/os-release')).toBe(createHash('sha256').update('NAME=cleaned\n').digest('hex'));
  });

  it('reads a built image (legacy save layout), pairs its history, and matches it once pushed', async () => {
    const tag = `stevedore-test/layers-${run}:built`;
    await buildScratchImage(
      docker,
      tag,
      { 'app/hello.txt': 'hello\n' },
      { env: { MODE: 'x' }, cmd: ['/app'] },
    );
    toRemove.push(tag);
    const local = await openLocalImage(docker, tag);
    expect(local.layers).toHaveLength(1);
    expect(local.layers[0]?.createdBy).toMatch(/COPY/);
    expect(local.history.map((step) => step.emptyLayer)).toEqual([false, true, true]);
    const [listing] = await local.listLayers();
    expect(listing?.entries().map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['app', 'app/hello.txt', NONCE_FILE]),
    );
    const target = parseReference(`${host}/layers-local-${run}/built:1`);
    await imagePush(docker, tag, target);
    const remote = await openRemoteImage(client, target);
    expect(remote.layers.map((layer) => layer.diffId)).toEqual(local.layers.map((layer) => layer.diffId));
    expect(await remoteListings(remote)).toEqual([listing?.entries()]);
  });

  it('lists a layer the image uses twice (the export links the second copy to the first)', async () => {
    const repeated = tarArchive([{ name: 'same', content: 'twice' }]);
    const other = tarArchive([{ name: 'other', content: 'once' }]);
    const ref = `${host}/layers-local-${run}/repeat:1`;
    await pushLayeredImage(
      host,
      `layers-local-${run}/repeat`,
      '1',
      [repeated, other, repeated].map((tar) => ({ blob: gzip(tar), mediaType: OCI_LAYER_GZIP, tar })),
      [{ created_by: 'ADD same' }, { created_by: 'ADD other' }, { created_by: 'ADD same again' }],
    );
    await imagePull(docker, parseReference(ref));
    toRemove.push(ref);
    const local = await openLocalImage(docker, ref);
    const listed = await local.listLayers();
    expect(listed.map((listing) => listing.entries().map((entry) => entry.path))).toEqual([
      ['same'],
      ['other'],
      ['same'],
    ]);
  });

  it('reads the OCI layout (made by skopeo) in one pass, whatever the order of its files', async () => {
    const file = join(work, 'image.oci.tar');
    await promisify(execFile)(
      'skopeo',
      ['copy', '--src-tls-verify=false', `docker://${pulledRef}`, `oci-archive:${file}:pulled:1`],
      { env: { PATH: process.env.PATH, HOME: work } },
    );
    const scan = await scanSaveArchive(createReadStream(file), {
      imageId: configDigest,
      limits: DEFAULT_LIMITS,
    });
    const remote = await openRemoteImage(client, parseReference(pulledRef));
    const expected = await remoteListings(remote);
    expect(remote.layers.map((layer) => scan.listings.get(layer.diffId!)?.entries())).toEqual(expected);
    expect(scan.config?.history.map((step) => step.createdBy)).toEqual([
      'ADD base.tar /',
      'ENV A=b',
      'COPY app /',
      'RUN clean',
    ]);
    expect(scan.failures).toEqual([]);
  });

  it('cancels reading the export', async () => {
    const image = await openLocalImage(docker, pulledRef);
    expect(await listingAbortedMidway(image)).toBeInstanceOf(CancelledError);
  });
});
