/**
 * The store's bookkeeping where timing matters: answers that come back out of order and events
 * that overtake a reply. A real engine cannot be made to answer out of order on demand, so these
 * use a fake client whose replies the test releases one by one.
 */
import { describe, expect, it } from 'vitest';
import type { EngineStatus, ImageSummary } from '../../src-main/core/engine/types.js';
import type { TaskSnapshot } from '../../src-main/core/tasks/types.js';
import { ContractError } from '../../src-main/ipc/client.js';
import { createAppStore } from '../../src-renderer/src/store/create-app-store.js';
import { createFakeHeldClient, flush } from '../support/fake-held-client.js';

const image = (tag: string): ImageSummary => ({
  id: `sha256:${tag.padEnd(64, '0')}`,
  repoTags: [`app:${tag}`],
  repoDigests: [],
  size: 1,
  created: '2024-01-01T00:00:00Z',
  dangling: false,
});

const status = (id: string, reachable: boolean): EngineStatus => ({
  endpoint: { id, name: id, url: `unix:///${id}.sock`, source: 'default' },
  reachable,
});

describe('images cache', () => {
  it('keeps the answer to the latest request when an older one arrives last', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    void store.getState().fetchImages();
    void store.getState().fetchImages();
    const [older, newer] = [take('images.list'), take('images.list')];
    newer.resolve([image('new')]);
    await flush();
    older.resolve([image('old')]);
    await flush();
    expect(store.getState().images.map((i) => i.repoTags[0])).toEqual(['app:new']);
  });

  it('keeps the last list while a refetch fails, and says why by code', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    void store.getState().fetchImages();
    take('images.list').resolve([image('a')]);
    await flush();
    void store.getState().fetchImages();
    take('images.list').reject(new ContractError({ code: 'ENGINE_UNREACHABLE', message: 'gone' }));
    await flush();
    expect(store.getState().images).toHaveLength(1);
    expect(store.getState().imagesError?.code).toBe('ENGINE_UNREACHABLE');
  });
});

describe('engine status', () => {
  it('starts over with the images of another engine', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().receiveEngineStatus(status('one', true));
    take('images.list').resolve([image('a')]);
    await flush();
    store.getState().clickRow('x', { toggle: false, range: false }, ['x']);
    store.getState().receiveEngineStatus(status('two', true));
    expect(store.getState().images).toEqual([]);
    expect(store.getState().selection.selected.size).toBe(0);
    expect(take('images.list').name).toBe('images.list');
  });

  it('fetches the list when an unreachable engine comes back', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().receiveEngineStatus(status('one', false));
    expect(() => take('images.list')).toThrow();
    store.getState().receiveEngineStatus(status('one', true));
    expect(take('images.list').name).toBe('images.list');
  });
});

describe('tasks', () => {
  const task = (id: string, state: TaskSnapshot['state'], current: number): TaskSnapshot => ({
    id,
    procedure: 'images.remove',
    title: `Remove ${id}`,
    state,
    progress: { current, unit: 'items' },
    startedAt: '2024-01-01T00:00:00Z',
  });

  it('prefers a snapshot that arrived by event over the older one in tasks.list', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    void store.getState().loadTasks();
    store.getState().receiveTask(task('t1', 'succeeded', 3));
    take('tasks.list').resolve([task('t1', 'running', 1), task('t0', 'running', 0)]);
    await flush();
    expect(store.getState().tasks.t1?.state).toBe('succeeded');
    expect(store.getState().tasks.t0?.state).toBe('running');
  });
});
