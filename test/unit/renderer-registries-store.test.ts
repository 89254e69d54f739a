/**
 * The registries slices where timing matters: the catalog stream (pages append, Stop, leaving
 * and coming back) and the bounded tag-details queue. A real registry cannot hold an answer back
 * on demand, so these use a fake client whose replies the test releases one by one.
 */
import { describe, expect, it } from 'vitest';
import type { TagDetails } from '../../src-main/core/registry/types.js';
import { ContractError } from '../../src-main/ipc/client.js';
import { createBatchQueue } from '../../src-renderer/src/features/registries/batch-queue.js';
import { createAppStore } from '../../src-renderer/src/store/create-app-store.js';
import { createFakeHeldClient, flush } from '../support/fake-held-client.js';

const HOST = '127.0.0.1:5000';
const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => `repo-${from + i}`);

describe('catalog stream', () => {
  it('shows the first page at once and appends the rest until the last', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().openCatalog(HOST);
    expect(store.getState().catalogs[HOST]?.state).toBe('loading');

    const first = take('catalog.page');
    expect(first.input).toEqual({ host: HOST, pageSize: 1000 });
    first.resolve({ repositories: page(0, 1000), next: 'c1' });
    await flush();
    expect(store.getState().catalogs[HOST]).toMatchObject({ state: 'streaming', next: 'c1' });
    expect(store.getState().catalogs[HOST]?.repositories).toHaveLength(1000);

    const second = take('catalog.page');
    expect(second.input).toEqual({ host: HOST, pageSize: 1000, cursor: 'c1' });
    second.resolve({ repositories: ['Team/App'], next: null });
    await flush();
    const done = store.getState().catalogs[HOST]!;
    expect(done.state).toBe('complete');
    expect(done.repositories).toHaveLength(1001);
    expect(done.haystack.at(-1)).toBe('team/app');
  });

  it('stops on Stop, ignores the answer in flight, and continues from the cursor', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().openCatalog(HOST);
    take('catalog.page').resolve({ repositories: page(0, 2), next: 'c1' });
    await flush();
    const inFlight = take('catalog.page');
    store.getState().stopCatalog(HOST);
    inFlight.resolve({ repositories: page(2, 2), next: 'c2' });
    await flush();
    expect(store.getState().catalogs[HOST]).toMatchObject({ state: 'stopped', next: 'c1' });
    expect(store.getState().catalogs[HOST]?.repositories).toHaveLength(2);
    expect(count('catalog.page')).toBe(0);

    // Opening the view again does not undo the user's Stop; Continue does.
    store.getState().openCatalog(HOST);
    expect(count('catalog.page')).toBe(0);
    store.getState().continueCatalog(HOST);
    const resumed = take('catalog.page');
    expect(resumed.input.cursor).toBe('c1');
  });

  it('pauses when the view goes and resumes when it comes back', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().openCatalog(HOST);
    take('catalog.page').resolve({ repositories: page(0, 2), next: 'c1' });
    await flush();
    take('catalog.page');
    store.getState().pauseCatalog(HOST);
    expect(store.getState().catalogs[HOST]?.state).toBe('paused');
    store.getState().openCatalog(HOST);
    expect(take('catalog.page').input.cursor).toBe('c1');
  });

  it('keeps what it has when a later page fails, and says why by code', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().openCatalog(HOST);
    take('catalog.page').resolve({ repositories: page(0, 2), next: 'c1' });
    await flush();
    take('catalog.page').reject(new ContractError({ code: 'TOO_MANY_REQUESTS', message: 'slow down' }));
    await flush();
    expect(store.getState().catalogs[HOST]).toMatchObject({
      state: 'failed',
      error: { code: 'TOO_MANY_REQUESTS' },
    });
    expect(store.getState().catalogs[HOST]?.repositories).toHaveLength(2);
  });

  it('forgets the catalog after a login, since the account may see more', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().openCatalog(HOST);
    take('catalog.page').reject(new ContractError({ code: 'UNAUTHORIZED', message: 'log in' }));
    await flush();
    const login = store.getState().loginRegistry(HOST, 'alice', 'secret');
    take('registries.login').resolve({
      host: HOST,
      name: HOST,
      insecure: false,
      preset: false,
      account: { username: 'alice', source: 'app' },
    });
    await login;
    expect(store.getState().catalogs[HOST]).toBeUndefined();
  });
});

describe('log out', () => {
  it('reports a failure as a notice, since no dialog is open to show it', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const logout = store.getState().logoutRegistry(HOST);
    take('registries.logout').reject(new ContractError({ code: 'NO_SECURE_STORAGE', message: 'no keyring' }));
    await logout;
    expect(store.getState().registryNotice).toMatchObject({
      action: `Log out of ${HOST}`,
      code: 'NO_SECURE_STORAGE',
    });
  });
});

describe('tag details queue', () => {
  const details = (tag: string): TagDetails => ({
    tag,
    digest: `sha256:${'0'.repeat(64)}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    size: 1,
    created: null,
  });

  it('asks in batches of at most 50, two at a time, rows in view first', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    const repository = `${HOST}/demo`;
    const all = Array.from({ length: 230 }, (_, i) => `t${i}`);
    store.getState().wantAllDetails(repository, all);
    store.getState().wantVisibleDetails(repository, ['t200', 't201']);
    expect(count('tags.details')).toBe(2);

    const first = take('tags.details');
    const firstTags = first.input.tags as string[];
    expect(firstTags.length).toBeLessThanOrEqual(50);
    expect(count('tags.details')).toBe(1);
    first.resolve(firstTags.map(details));
    await flush();
    // A slot freed: the next batch went out, never more than two at once.
    expect(count('tags.details')).toBe(2);

    const seen = new Set(firstTags);
    while (count('tags.details') > 0) {
      const next = take('tags.details');
      const tags = next.input.tags as string[];
      expect(tags.length).toBeLessThanOrEqual(50);
      expect(count('tags.details')).toBeLessThanOrEqual(1);
      for (const tag of tags) {
        expect(seen.has(tag), `${tag} asked twice`).toBe(false);
        seen.add(tag);
      }
      next.resolve(tags.map(details));
      await flush();
    }
    expect(seen.size).toBe(230);
    expect(Object.keys(store.getState().tagDetails[repository]!.byTag)).toHaveLength(230);
  });

  it('puts the rows in view first', () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const repository = `${HOST}/demo`;
    store.getState().wantVisibleDetails(repository, ['x', 'y']);
    expect(take('tags.details').input.tags).toEqual(['x', 'y']);
  });

  it('records tags a batch failed on, and does not ask for them again', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    const repository = `${HOST}/demo`;
    store.getState().wantVisibleDetails(repository, ['a', 'b']);
    take('tags.details').reject(new ContractError({ code: 'REGISTRY_UNREACHABLE', message: 'gone' }));
    await flush();
    expect(store.getState().tagDetails[repository]?.failed.a?.code).toBe('REGISTRY_UNREACHABLE');
    store.getState().wantVisibleDetails(repository, ['a', 'b']);
    expect(count('tags.details')).toBe(0);
  });

  it('marks tags main gave no answer for', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const repository = `${HOST}/demo`;
    store.getState().wantVisibleDetails(repository, ['a', 'b']);
    take('tags.details').resolve([details('a')]);
    await flush();
    const entry = store.getState().tagDetails[repository]!;
    expect(Object.keys(entry.byTag)).toEqual(['a']);
    expect(Object.keys(entry.failed)).toEqual(['b']);
  });
});

describe('batch queue', () => {
  it('skips keys already settled or in flight', async () => {
    const settled = new Set(['a']);
    const batches: string[][] = [];
    const releases: (() => void)[] = [];
    const queue = createBatchQueue({
      batchSize: 2,
      concurrency: 1,
      isSettled: (key) => settled.has(key),
      fetchBatch: (keys) => {
        batches.push(keys);
        return new Promise<void>((resolve) =>
          releases.push(() => {
            for (const key of keys) settled.add(key);
            resolve();
          }),
        );
      },
    });
    queue.setUrgent(['a', 'b', 'c']);
    queue.setBacklog(['b', 'c', 'd']);
    expect(batches).toEqual([['b', 'c']]);
    releases.shift()!();
    await flush();
    expect(batches).toEqual([['b', 'c'], ['d']]);
    expect(queue.inFlight()).toBe(1);
  });
});
