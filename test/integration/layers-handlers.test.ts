import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hexDump } from '../../src-main/core/layers/content.js';
import type { ImageSelector } from '../../src-main/core/layers/views.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type {
  Envelope,
  FilesystemSummary,
  FileView,
  LayersView,
  TreeEntry,
} from '../../src-main/ipc/contract.js';
import { runTask, unwrap } from '../support/app-tasks.js';
import { gzip, tarArchive } from '../support/layer-archives.js';
import { pushBaseAppClean } from '../support/layered-images.js';
import { sha256 } from '../support/registry-content.js';

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const reference = `${host}/layers-handlers-${run}/app:1`;
const image: ImageSelector = { reference, source: 'remote' };

const busybox = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]), Buffer.alloc(1992, 2)]);
const baseTar = tarArchive([
  { name: 'etc/', kind: 'dir' },
  { name: 'etc/os-release', content: 'NAME=base\n' },
  { name: 'etc/removed', content: 'bytes a later layer deletes\n' },
  { name: 'usr/lib/libz.so', content: Buffer.alloc(3000, 1) },
  { name: 'usr/lib/libc.so', content: Buffer.alloc(2000, 2) },
  { name: 'bin/busybox', content: busybox, mode: 0o755 },
  { name: 'bin/sh', kind: 'hardlink', linkname: 'bin/busybox' },
  { name: 'data/readme.txt', content: 'line\n'.repeat(600) },
]);
const appTar = tarArchive([
  { name: 'etc/os-release', content: 'NAME=app\n' },
  { name: 'etc/.wh.removed' },
  { name: 'app/main.js', content: 'console.log(1)\n' },
  { name: 'var/cache/x', content: Buffer.alloc(500, 3) },
]);
const cleanTar = tarArchive([
  { name: 'var/cache/.wh..wh..opq' },
  { name: 'var/cache/new', content: 'n' },
  { name: 'app/data.bin', content: Buffer.alloc(100, 0) },
]);

let work: string;
let app: App;
let digest: string;

/** An app over the test servers whose listings go to `cache`. */
function openApp(cache: string): Promise<App> {
  return createApp({
    env: {
      DOCKER_HOST: inject('dockerHost'),
      DOCKER_CONFIG: join(work, 'docker-config'),
      STEVEDORE_CACHE_DIR: cache,
    },
    configDir: join(work, 'config'),
    transport: 'websocket',
  });
}

const call = async <T>(name: string, input: unknown, on = app) => unwrap<T>(await on.dispatch(name, input));
const dir = (input: Record<string, unknown>) => call<TreeEntry[]>('layers.dir', { image, ...input });
const names = (entries: TreeEntry[]) => entries.map((entry) => `${entry.name}:${entry.change}`);

function errorOf(envelope: Envelope) {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.value).slice(0, 200)}`);
  return envelope.error;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-layers-handlers-'));
  app = await openApp(join(work, 'cache'));
  ({ digest } = await pushBaseAppClean(host, `layers-handlers-${run}/app`, '1', {
    base: baseTar,
    app: appTar,
    clean: cleanTar,
  }));
});

afterAll(async () => {
  await app?.close();
  await rm(work, { recursive: true, force: true });
});

describe('layers through dispatch', () => {
  it('inspects: layers with the step that made each, history, nothing listed yet', async () => {
    const view = await call<LayersView>('layers.inspect', image);
    expect(view).toMatchObject({
      digest,
      source: 'remote',
      platform: 'linux/amd64',
      listed: [false, false, false],
    });
    expect(view.layers.map((layer) => [layer.digest, layer.diffId, layer.createdBy])).toEqual([
      [sha256(gzip(baseTar)), sha256(baseTar), 'ADD base.tar /'],
      [sha256(gzip(appTar)), sha256(appTar), 'COPY app /'],
      [sha256(cleanTar), sha256(cleanTar), 'RUN clean'],
    ]);
    expect(view.history.map((step) => step.emptyLayer)).toEqual([false, true, false, false]);
  });

  it('asks for a scan before the tree calls when layers were never listed', async () => {
    const error = errorOf(await app.dispatch('layers.dir', { image, path: '' }));
    expect(error.code).toBe('NOT_SCANNED');
    expect(error.message).toMatch(/^Scan the layers of .* first/);
  });

  it('scans with a bar per layer, and sums up files, bytes, efficiency and directories', async () => {
    const { final } = await runTask(app, 'layers.scan', image);
    expect(final.error).toBeUndefined();
    expect(final.title).toBe(`Scan the layers of ${reference}`);
    expect(final.progress.unit).toBe('bytes');
    const parts = [...(final.progress.parts ?? [])].sort((x, y) => x.label.localeCompare(y.label));
    expect(parts.map((part) => [part.id, part.label, part.state])).toEqual([
      [sha256(gzip(baseTar)), 'layer 0', 'done'],
      [sha256(gzip(appTar)), 'layer 1', 'done'],
      [sha256(cleanTar), 'layer 2', 'done'],
    ]);
    const summary = final.result as FilesystemSummary;
    expect([summary.files, summary.size]).toEqual([17, 10125]);
    expect(summary.layers).toEqual([
      { index: 0, entries: 8, added: 8, changed: 0, removed: 0, bytes: 10038 },
      { index: 1, entries: 4, added: 2, changed: 1, removed: 1, bytes: 524 },
      { index: 2, entries: 3, added: 2, changed: 0, removed: 1, bytes: 101 },
    ]);
    expect(summary.efficiency.wastedBytes).toBe(547);
    expect(summary.efficiency.inefficiencies.map((path) => path.path)).toEqual([
      'var/cache/x',
      'etc/removed',
      'etc/os-release',
    ]);
    expect(summary.directories.slice(0, 4)).toEqual([
      { path: 'usr', size: 5000, files: 2 },
      { path: 'usr/lib', size: 5000, files: 2 },
      { path: 'data', size: 3000, files: 1 },
      { path: 'bin', size: 2000, files: 2 },
    ]);
    expect((await call<LayersView>('layers.inspect', image)).listed).toEqual([true, true, true]);
  });

  it('lists a directory of the merged tree with sizes, children and the layer of each path', async () => {
    const root = await dir({ path: '' });
    expect(root.map((entry) => [entry.name, entry.type, entry.size, entry.children, entry.layer])).toEqual([
      ['app', 'dir', 115, 2, 1],
      ['bin', 'dir', 2000, 2, 0],
      ['data', 'dir', 3000, 1, 0],
      ['etc', 'dir', 9, 1, 0],
      ['usr', 'dir', 5000, 1, 0],
      ['var', 'dir', 1, 1, 1],
    ]);
    expect(root.every((entry) => entry.change === 'none')).toBe(true);
    expect(await dir({ path: '/bin/' })).toEqual([
      expect.objectContaining({ path: 'bin/busybox', type: 'file', size: 2000, mode: 0o755, children: 0 }),
      expect.objectContaining({ path: 'bin/sh', type: 'hardlink', linkTarget: 'bin/busybox' }),
    ]);
    expect(errorOf(await app.dispatch('layers.dir', { image, path: 'etc/os-release' })).code).toBe(
      'NOT_FOUND',
    );
  });

  it('lists a directory as a layer left it: what it added, changed and removed', async () => {
    expect(names(await dir({ path: 'etc', layer: 1 }))).toEqual(['os-release:changed', 'removed:removed']);
    const removed = (await dir({ path: 'var/cache', layer: 2 })).find((entry) => entry.name === 'x');
    expect(removed).toMatchObject({ type: 'file', size: 500, layer: 1, change: 'removed' });
    expect(names(await dir({ path: '', layer: 0 }))).toEqual([
      'bin:added',
      'data:added',
      'etc:added',
      'usr:added',
    ]);
    const changed = await dir({ path: '', layer: 2, onlyChanges: true });
    expect(changed.map((entry) => [entry.name, entry.children])).toEqual([
      ['app', 1],
      ['var', 1],
    ]);
    expect(names(await dir({ path: 'app', layer: 2, onlyChanges: true }))).toEqual(['data.bin:added']);
    expect(errorOf(await app.dispatch('layers.dir', { image, path: '', layer: 3 })).code).toBe('NOT_FOUND');
  });

  it('finds paths by glob or substring, capped at the limit', async () => {
    const find = (input: Record<string, unknown>) =>
      call<{ entries: TreeEntry[]; truncated: boolean }>('layers.find', { image, ...input });
    const paths = (found: { entries: TreeEntry[] }) => found.entries.map((entry) => entry.path);
    expect(paths(await find({ pattern: '*.so' }))).toEqual(['usr/lib/libc.so', 'usr/lib/libz.so']);
    expect(paths(await find({ pattern: 'usr/**' }))).toEqual([
      'usr/lib',
      'usr/lib/libc.so',
      'usr/lib/libz.so',
    ]);
    expect(paths(await find({ pattern: '**/cache/*' }))).toEqual(['var/cache/new']);
    expect(paths(await find({ pattern: 'OS-REL' }))).toEqual(['etc/os-release']);
    expect(await find({ pattern: '*.so', limit: 1 })).toMatchObject({
      truncated: true,
      entries: [{ name: 'libc.so' }],
    });
    expect((await find({ pattern: 'removed', layer: 1 })).entries).toEqual([
      expect.objectContaining({ path: 'etc/removed', change: 'removed' }),
    ]);
  });

  it('shows a file as text, as a hex dump, or its first bytes', async () => {
    const file = (input: Record<string, unknown>) => call<FileView>('layers.file', { image, ...input });
    expect(await file({ path: 'etc/os-release' })).toEqual({
      path: 'etc/os-release',
      size: 9,
      layer: 1,
      binary: false,
      truncated: false,
      text: 'NAME=app\n',
      hex: null,
    });
    const binary = await file({ path: '/bin/sh' });
    expect(binary).toMatchObject({
      path: 'bin/sh',
      size: 2000,
      layer: 0,
      binary: true,
      truncated: false,
      text: null,
    });
    expect(binary.hex).toEqual(hexDump(busybox));
    expect(await file({ path: 'data/readme.txt', maxBytes: 100 })).toMatchObject({
      size: 3000,
      truncated: true,
      text: 'line\n'.repeat(20),
    });
    expect(errorOf(await app.dispatch('layers.file', { image, path: 'etc' })).code).toBe('NOT_FOUND');
    expect(errorOf(await app.dispatch('layers.file', { image, path: 'etc/removed' })).code).toBe('NOT_FOUND');
  });

  it('merges without a scan when every listing is on disk, and not otherwise', async () => {
    const again = await openApp(join(work, 'cache'));
    const fresh = await openApp(join(work, 'empty-cache'));
    try {
      expect(names(await call<TreeEntry[]>('layers.dir', { image, path: 'etc' }, again))).toEqual([
        'os-release:none',
      ]);
      expect(errorOf(await fresh.dispatch('layers.find', { image, pattern: '*' })).code).toBe('NOT_SCANNED');
    } finally {
      await Promise.all([again.close(), fresh.close()]);
    }
  });
});
