import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import { imagePull } from '../../src-main/core/engine/pull.js';
import type { ImageSelector } from '../../src-main/core/layers/views.js';
import { parseReference } from '../../src-main/core/reference/index.js';
import type { TaskSnapshot } from '../../src-main/core/tasks/types.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { FilesystemSummary, ImageDiffView, LayersView } from '../../src-main/ipc/contract.js';
import { runTask, unwrap } from '../support/app-tasks.js';
import { startFakeTamperingProxy } from '../support/fake-registries.js';
import {
  gzip,
  manyFilesTar,
  OCI_LAYER_GZIP,
  OCI_LAYER_TAR,
  pushLayeredImage,
  type TestLayer,
  tarArchive,
  tarHeader,
} from '../support/layer-archives.js';
import { sha256 } from '../support/registry-content.js';

const host = inject('registryHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: inject('dockerHost'), source: 'env' });
const run = randomUUID().slice(0, 8);
const repo = `layers-tasks-${run}`;
const remote = (name: string): ImageSelector => ({ reference: `${host}/${repo}/${name}`, source: 'remote' });

const library = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
const baseTar = tarArchive([
  { name: 'etc/os-release', content: 'NAME=base\n' },
  { name: 'usr/lib/libx.so', content: library },
]);
const nextTar = tarArchive([
  { name: 'etc/os-release', content: 'NAME=next-version\n' },
  { name: 'etc/.wh.os-release-old' },
  { name: 'opt/tool', content: 'tool', mode: 0o755 },
]);
const oldTar = tarArchive([{ name: 'etc/os-release-old', content: 'old' }]);

let work: string;
let app: App;
const pulled: string[] = [];

const gz = (tar: Buffer): TestLayer => ({ blob: gzip(tar), mediaType: OCI_LAYER_GZIP, tar });
const plain = (tar: Buffer): TestLayer => ({ blob: tar, mediaType: OCI_LAYER_TAR, tar });

async function push(name: string, tag: string, layers: TestLayer[]): Promise<void> {
  const history = layers.map((_, i) => ({ created_by: `RUN step ${i}` }));
  await pushLayeredImage(host, `${repo}/${name}`, tag, layers, history);
}

async function bytesOf(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-layers-tasks-'));
  app = await createApp({
    env: {
      DOCKER_HOST: inject('dockerHost'),
      DOCKER_CONFIG: join(work, 'docker-config'),
      STEVEDORE_CACHE_DIR: join(work, 'cache'),
    },
    configDir: join(work, 'config'),
    transport: 'websocket',
  });
  // app:1's base is a plain tar, so a byte can be altered without changing the blob's length.
  await push('app', '1', [plain(baseTar), gz(oldTar)]);
  await push('app', '2', [gz(baseTar), gz(nextTar)]);
  await push('many', '1', [gz(baseTar), gz(await bytesOf(manyFilesTar(20_100)))]);
  // A layer of 900 MiB of zeros in 1 MiB of gzip: long enough to read that a cancel lands in the middle.
  const zeros = gzipSync(Buffer.alloc(16 * 1024 * 1024));
  const bigBlob = Buffer.concat([
    gzipSync(tarHeader({ name: 'zeros', headerSize: 900 * 1024 * 1024 })),
    ...Array.from({ length: 900 / 16 }, () => zeros),
    gzipSync(Buffer.alloc(4 * 1024 * 1024 + 1024)),
  ]);
  // The config's diff id is never checked by a listing: any will do.
  await push('big', '1', [{ blob: bigBlob, mediaType: OCI_LAYER_GZIP, tar: Buffer.alloc(0) }]);
}, 120_000);

afterAll(async () => {
  await app?.close();
  for (const image of pulled) await imageRemove(docker, image, { force: true }).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

describe('layers tasks through dispatch', () => {
  it('saves a file, verified, to an absolute path', async () => {
    const destination = join(work, 'saved', 'libx.so');
    await mkdir(join(work, 'saved'));
    const { final } = await runTask(app, 'layers.saveFile', {
      image: remote('app:1'),
      path: 'usr/lib/libx.so',
      destination,
    });
    expect(final.error).toBeUndefined();
    expect(final.result).toEqual({ destination, size: 5000 });
    expect(await readFile(destination)).toEqual(library);
    expect(final.progress.parts?.find((part) => part.id === 'file:usr/lib/libx.so')).toMatchObject({
      state: 'done',
      current: 5000,
      total: 5000,
    });
    const relative = await runTask(app, 'layers.saveFile', {
      image: remote('app:1'),
      path: 'usr/lib/libx.so',
      destination: 'libx.so',
    });
    expect(relative.final.error?.code).toBe('INVALID_INPUT');
    const nowhere = await runTask(app, 'layers.saveFile', {
      image: remote('app:1'),
      path: 'usr/lib/libx.so',
      destination: join(work, 'no-such-folder', 'libx.so'),
    });
    expect(nowhere.final.error).toMatchObject({
      code: 'SAVE_FAILED',
      message: `Could not save to ${join(work, 'no-such-folder', 'libx.so')}: its folder does not exist.`,
    });
  });

  it('leaves the destination as it was when the layer fails its digest', async () => {
    // The listing is on disk from the save above; through the proxy the file's bytes are altered.
    const proxy = await startFakeTamperingProxy({
      upstream: `http://${host}`,
      alter: (path, body) => {
        if (!path.endsWith(sha256(baseTar))) return body;
        const tar = Buffer.from(body);
        tar[512 * 3 + 10] = 0xff; // a byte of usr/lib/libx.so: still a valid tar, not the same blob
        return tar;
      },
    });
    try {
      const destination = join(work, 'tampered', 'libx.so');
      await mkdir(join(work, 'tampered'));
      await writeFile(destination, 'what was there');
      const { final } = await runTask(app, 'layers.saveFile', {
        image: { reference: `${proxy.host}/${repo}/app:1`, source: 'remote' },
        path: 'usr/lib/libx.so',
        destination,
      });
      expect(final.state).toBe('failed');
      expect(final.error?.code).toBe('DIGEST_MISMATCH');
      expect(await readFile(destination, 'utf8')).toBe('what was there');
      expect(await readdir(join(work, 'tampered'))).toEqual(['libx.so']);
      expect(proxy.tampered.length).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
  });

  it('cancels a scan in the middle of a layer, and keeps no listing of it', async () => {
    const image = remote('big:1');
    const seen: TaskSnapshot[] = [];
    const stop = app.tasks.onUpdate((snapshot) => {
      seen.push(snapshot);
      const reading = snapshot.progress.parts?.some((part) => part.state === 'running' && part.current > 0);
      if (snapshot.procedure === 'layers.scan' && snapshot.state === 'running' && reading) {
        app.tasks.cancel(snapshot.id);
      }
    });
    const { final } = await runTask(app, 'layers.scan', image);
    stop();
    expect(final.state).toBe('cancelled');
    expect(final.error?.code).toBe('CANCELLED');
    const lastPart = seen
      .filter((s) => s.id === final.id)
      .flatMap((s) => s.progress.parts ?? [])
      .at(-1);
    expect(lastPart?.current).toBeLessThan(lastPart?.total ?? 0);
    expect(unwrap<LayersView>(await app.dispatch('layers.inspect', image)).listed).toEqual([false]);
  });

  it('compares two images: added, removed, changed, and each directory', async () => {
    const { final } = await runTask(app, 'layers.diff', { a: remote('app:1'), b: remote('app:2') });
    expect(final.error).toBeUndefined();
    expect(final.title).toBe(`Compare ${host}/${repo}/app:1 with ${host}/${repo}/app:2`);
    // app:1 is open and merged already (the saves above): only B's layers are read, a bar each.
    expect(final.progress.parts?.map((part) => part.label).sort()).toEqual(['B layer 0', 'B layer 1']);
    const diff = final.result as ImageDiffView;
    expect(diff.counts).toEqual({ added: 2, removed: 1, changed: 1 });
    expect(diff.truncated).toBe(false);
    expect(diff.added.map((entry) => entry.path)).toEqual(['opt', 'opt/tool']);
    expect(diff.removed.map((entry) => entry.path)).toEqual(['etc/os-release-old']);
    expect(diff.changed).toEqual([
      expect.objectContaining({
        path: 'etc/os-release',
        fields: ['size'],
        after: expect.objectContaining({ size: 18 }),
      }),
    ]);
    expect(diff.directories).toEqual([
      { path: 'etc', before: 13, after: 18, delta: 5 },
      { path: 'opt', before: 0, after: 4, delta: 4 },
    ]);
    expect([diff.sizeBefore, diff.sizeAfter]).toEqual([5013, 5022]);
  });

  it('caps each list of a diff at 20,000 and says how many there were', async () => {
    const { final } = await runTask(app, 'layers.diff', { a: remote('app:2'), b: remote('many:1') });
    expect(final.error).toBeUndefined();
    const diff = final.result as ImageDiffView;
    // 20,100 files in 201 directories added; opt and its tool removed; os-release changed.
    expect(diff.counts).toEqual({ added: 20_301, removed: 2, changed: 1 });
    expect(diff.truncated).toBe(true);
    expect(diff.added).toHaveLength(20_000);
    expect(diff.removed).toHaveLength(2);
  }, 120_000);

  it("reads an engine's image like the registry's it was pulled from", async () => {
    const reference = `${host}/${repo}/app:2`;
    await imagePull(docker, parseReference(reference));
    pulled.push(reference);
    const local: ImageSelector = { reference, source: 'local' };
    const view = unwrap<LayersView>(await app.dispatch('layers.inspect', local));
    const remoteView = unwrap<LayersView>(await app.dispatch('layers.inspect', remote('app:2')));
    expect(view.source).toBe('local');
    expect(view.layers.map((layer) => layer.diffId)).toEqual(remoteView.layers.map((layer) => layer.diffId));
    const scans = [
      await runTask(app, 'layers.scan', local),
      await runTask(app, 'layers.scan', remote('app:2')),
    ];
    const [fromEngine, fromRegistry] = scans.map(({ final }) => final.result as FilesystemSummary);
    expect(fromEngine).toEqual(fromRegistry);
    expect(scans[0]?.final.progress.parts?.map((part) => part.label)).toEqual([`export of ${reference}`]);
  }, 120_000);
});
