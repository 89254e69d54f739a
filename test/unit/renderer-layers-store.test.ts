/**
 * The Layers view's slices where order and timing matter: a scan started by itself when every
 * listing is cached, one scan at a time, cancel, directory listings per layer and mode, filter
 * answers that arrive after the filter changed, a file opened while another loads, and a
 * comparison replaced by the next. A real server cannot hold answers back on demand, so these use
 * a fake client whose replies (and task snapshots) the test releases.
 */
import { describe, expect, it } from 'vitest';
import type { TaskSnapshot } from '../../src-main/core/tasks/types.js';
import { ContractError } from '../../src-main/ipc/client.js';
import { imageKey, remoteImage } from '../../src-renderer/src/features/layers/image-key.js';
import { createAppStore } from '../../src-renderer/src/store/create-app-store.js';
import { createFakeHeldClient, flush } from '../support/fake-held-client.js';

interface HeldRun {
  name: string;
  input: unknown;
  update: (snapshot: TaskSnapshot) => void;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The held client, plus tasks: `run` waits until the test sends snapshots and ends it. */
function createFakeTaskClient() {
  const held = createFakeHeldClient();
  const runs: HeldRun[] = [];
  Object.assign(held.client, {
    run: (name: string, input: unknown, update: (snapshot: TaskSnapshot) => void = () => {}) =>
      new Promise((resolve, reject) => runs.push({ name, input, update, resolve, reject })),
  });
  const takeRun = (name: string): HeldRun => {
    const index = runs.findIndex((run) => run.name === name);
    if (index === -1) throw new Error(`no running ${name}`);
    return runs.splice(index, 1)[0]!;
  };
  return { ...held, takeRun, runCount: (name: string) => runs.filter((run) => run.name === name).length };
}

const snapshot = (id: string): TaskSnapshot => ({
  id,
  procedure: 'layers.scan',
  title: 'Scan',
  state: 'running',
  progress: { current: 0, unit: 'bytes' },
  startedAt: new Date(0).toISOString(),
});

const image = remoteImage('127.0.0.1:5000/app:v1');
const key = imageKey(image);
const layer = (index: number) => ({
  index,
  digest: `sha256:${String(index).repeat(64)}`,
  diffId: null,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
  compression: 'gzip' as const,
  distributable: true,
  size: 10,
  uncompressedSize: null,
  historyIndex: index,
  createdBy: `step ${index}`,
  created: null,
});
const view = (listed: boolean[]) => ({
  name: image.reference,
  digest: 'sha256:abc',
  source: 'remote' as const,
  platform: 'linux/amd64',
  layers: listed.map((_, i) => layer(i)),
  history: [],
  listed,
});
const summary = {
  files: 1,
  size: 10,
  efficiency: { score: 1, wastedBytes: 0, userSizeBytes: 0, wastedUserPercent: 0, inefficiencies: [] },
  layers: [],
  directories: [],
};

async function opened(listed: boolean[]) {
  const fake = createFakeTaskClient();
  const store = createAppStore(fake.client);
  const opening = store.getState().openLayers(image);
  fake.take('layers.inspect').resolve(view(listed));
  await flush();
  return { ...fake, store, opening };
}

describe('image and scan', () => {
  it('scans at once when every layer was listed before, and inspects again after', async () => {
    const { store, takeRun, take, opening } = await opened([true, true]);
    const scan = takeRun('layers.scan');
    expect(scan.input).toEqual(image);
    scan.update(snapshot('t1'));
    expect(store.getState().layerImages[key]?.scan).toEqual({ state: 'running', taskId: 't1' });
    scan.resolve(summary);
    await flush();
    expect(store.getState().layerImages[key]?.scan).toEqual({ state: 'done', summary });
    // A quiet inspect: the layers stay on screen meanwhile.
    expect(store.getState().layerImages[key]?.view.state).toBe('ready');
    take('layers.inspect').resolve(view([true, true]));
    await opening;
  });

  it('waits for the user when a layer was never listed, and runs one scan at a time', async () => {
    const { store, runCount } = await opened([true, false]);
    expect(runCount('layers.scan')).toBe(0);
    void store.getState().scanLayers(key);
    void store.getState().scanLayers(key);
    expect(runCount('layers.scan')).toBe(1);
  });

  it('cancels the scan by its task, and keeps the code of how it ended', async () => {
    const { store, takeRun, take } = await opened([false]);
    void store.getState().scanLayers(key);
    const scan = takeRun('layers.scan');
    scan.update(snapshot('t9'));
    void store.getState().cancelScan(key);
    expect(take('tasks.cancel').input).toEqual({ taskId: 't9' });
    scan.reject(new ContractError({ code: 'CANCELLED', message: 'cancelled' }));
    await flush();
    expect(store.getState().layerImages[key]?.scan).toMatchObject({
      state: 'failed',
      error: { code: 'CANCELLED' },
    });
  });

  it('asks again after a failed inspect, not after a good one', async () => {
    const fake = createFakeTaskClient();
    const store = createAppStore(fake.client);
    void store.getState().openLayers(image);
    fake.take('layers.inspect').reject(new ContractError({ code: 'NOT_FOUND', message: 'gone' }));
    await flush();
    expect(store.getState().layerImages[key]?.view).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_FOUND' },
    });
    void store.getState().openLayers(image);
    fake.take('layers.inspect').resolve(view([false]));
    await flush();
    void store.getState().openLayers(image);
    expect(fake.count('layers.inspect')).toBe(0);
  });
});

describe('file tree', () => {
  it('lists folders per layer and mode, and keeps folders open across layers', async () => {
    const { store, take } = await opened([false, false]);
    const state = () => store.getState();
    void state().loadTreeDir(key, '');
    expect(take('layers.dir').input).toEqual({ image, path: '' });
    state().toggleTreeDir(key, 'etc');
    state().setTreeLayer(key, 1);
    state().setOnlyChanges(key, true);
    void state().loadTreeDir(key, 'etc');
    expect(take('layers.dir').input).toEqual({ image, path: 'etc', layer: 1, onlyChanges: true });
    // Listed already (or on its way): not asked twice.
    void state().loadTreeDir(key, 'etc');
    expect(state().layerTrees[key]?.expanded.has('etc')).toBe(true);
  });

  it('drops a filter’s answer that arrives after the filter changed', async () => {
    const { store, take } = await opened([false]);
    const state = () => store.getState();
    state().setTreeFilter(key, 'mot');
    void state().findInTree(key);
    const old = take('layers.find');
    expect(old.input).toMatchObject({ pattern: 'mot', limit: 5000 });
    state().setTreeFilter(key, 'motd');
    void state().findInTree(key);
    const latest = take('layers.find');
    latest.resolve({ entries: [], truncated: false });
    await flush();
    old.resolve({ entries: [{ path: 'stale' }], truncated: false });
    await flush();
    expect(state().layerTrees[key]?.found).toMatchObject({
      pattern: 'motd',
      result: { state: 'ready', value: { entries: [] } },
    });
  });

  it('reveals a path: filter cleared, each folder above listed and opened, cursor on it', async () => {
    const { store, take } = await opened([false]);
    const state = () => store.getState();
    state().setTreeFilter(key, 'x');
    const revealing = state().revealInTree(key, 'usr/lib/x.so');
    for (const path of ['', 'usr', 'usr/lib']) {
      await flush();
      const call = take('layers.dir');
      expect(call.input).toMatchObject({ path });
      call.resolve([]);
    }
    await revealing;
    const tree = state().layerTrees[key]!;
    expect(tree.filter).toBe('');
    expect([...tree.expanded].sort()).toEqual(['usr', 'usr/lib']);
    expect(tree.cursorPath).toBe('usr/lib/x.so');
  });
});

describe('file content and comparison', () => {
  it('keeps the file opened last when an earlier one answers late', async () => {
    const { store, take } = await opened([false]);
    void store.getState().openLayerFile(key, 'etc/a');
    const first = take('layers.file');
    void store.getState().openLayerFile(key, 'etc/b');
    const second = take('layers.file');
    second.resolve({ path: 'etc/b', text: 'b' });
    first.resolve({ path: 'etc/a', text: 'a' });
    await flush();
    expect(store.getState().layerFiles[key]).toMatchObject({ path: 'etc/b', view: { state: 'ready' } });
  });

  it('starts a save as a task and says why one could not start', async () => {
    const { store, take } = await opened([false]);
    void store.getState().saveLayerFile(key, 'etc/motd', '/tmp/motd');
    take('layers.saveFile').resolve({ taskId: 's1' });
    await flush();
    expect(store.getState().layerSaves[key]).toEqual({
      path: 'etc/motd',
      destination: '/tmp/motd',
      taskId: 's1',
    });
    void store.getState().saveLayerFile(key, 'etc/motd', 'relative');
    take('layers.saveFile').reject(new ContractError({ code: 'INVALID_INPUT', message: 'absolute please' }));
    await flush();
    expect(store.getState().layerSaves[key]?.error?.code).toBe('INVALID_INPUT');
  });

  it('cancels a running comparison when the next starts, and ignores its late end', async () => {
    const { store, takeRun, take } = await opened([false]);
    const other = remoteImage('127.0.0.1:5000/app:v2');
    void store.getState().compareImages(key, image, other);
    const first = takeRun('layers.diff');
    first.update(snapshot('d1'));
    void store.getState().compareImages(key, other, image);
    await flush();
    expect(take('tasks.cancel').input).toEqual({ taskId: 'd1' });
    const second = takeRun('layers.diff');
    expect(second.input).toEqual({ a: other, b: image });
    first.reject(new ContractError({ code: 'CANCELLED', message: 'cancelled' }));
    await flush();
    expect(store.getState().layerDiffs[key]).toMatchObject({ a: other, result: { state: 'loading' } });
    second.resolve({ counts: { added: 1, removed: 0, changed: 0 } });
    await flush();
    expect(store.getState().layerDiffs[key]?.result.state).toBe('ready');
  });
});
