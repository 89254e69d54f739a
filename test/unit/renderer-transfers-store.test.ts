/**
 * The transfers slice where timing and bookkeeping matter: the tag detail's Pull opens its
 * dialog on the started task (or on the refusal), and a finished push or copy makes the registries
 * area ask again about the repository it wrote. A fake held client stands in for main, since no
 * real server can be paused between a start and its reply.
 */
import { describe, expect, it } from 'vitest';
import type { TaskSnapshot } from '../../src-main/core/tasks/types.js';
import { ContractError } from '../../src-main/ipc/client.js';
import { createAppStore } from '../../src-renderer/src/store/create-app-store.js';
import { createFakeHeldClient, flush } from '../support/fake-held-client.js';

const HOST = '127.0.0.1:5000';
const digest = `sha256:${'d'.repeat(64)}`;

const finished = (procedure: string, result: unknown): TaskSnapshot => ({
  id: 't1',
  procedure,
  title: 'x',
  state: 'succeeded',
  progress: { current: 1, total: 1, unit: 'bytes' },
  startedAt: '2024-01-01T00:00:00.000Z',
  finishedAt: '2024-01-01T00:00:01.000Z',
  result,
});

describe('pullNow', () => {
  it('opens the pull dialog on the task it started', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const pulling = store.getState().pullNow(`${HOST}/team/app:1.0`);
    const call = take('images.pull');
    expect(call.input).toEqual({ reference: `${HOST}/team/app:1.0` });
    call.resolve({ taskId: 'task-7' });
    await pulling;
    expect(store.getState().transferDialog).toEqual({
      kind: 'pull',
      reference: `${HOST}/team/app:1.0`,
      taskId: 'task-7',
    });
  });

  it('opens it on the refusal when the task could not start', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const pulling = store.getState().pullNow(`${HOST}/team/app:1.0`);
    take('images.pull').reject(new ContractError({ code: 'ENGINE_UNREACHABLE', message: 'down' }));
    await pulling;
    expect(store.getState().transferDialog).toMatchObject({
      kind: 'pull',
      error: { code: 'ENGINE_UNREACHABLE', message: 'down' },
    });
  });
});

describe('startPush', () => {
  it('remembers the registry only once the push started', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const refused = store.getState().startPush('sha256:a', `${HOST}/team/app:1`, HOST);
    take('images.push').reject(new ContractError({ code: 'INVALID_REFERENCE', message: 'no' }));
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    expect(store.getState().lastPushHost).toBeUndefined();
    const started = store.getState().startPush('sha256:a', `${HOST}/team/app:1`, HOST);
    take('images.push').resolve({ taskId: 't2' });
    expect(await started).toBe('t2');
    expect(store.getState().lastPushHost).toBe(HOST);
  });
});

describe('transferEnded', () => {
  it('reloads the tag list of the repository a push wrote, and the catalog that lacks it', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    // The registries area has read the catalog to its end and the repository's tags.
    store.getState().openCatalog(HOST);
    take('catalog.page').resolve({ repositories: ['other/app'], next: null });
    void store.getState().loadTags(`${HOST}/team/app`);
    take('tags.list').resolve({ repository: `${HOST}/team/app`, tags: ['0.9'], attached: [] });
    await flush();

    store
      .getState()
      .transferEnded(finished('images.push', { target: `${HOST}/team/app:1.0`, digest, size: 1 }));
    expect(take('tags.list').input).toEqual({ repository: `${HOST}/team/app` });
    expect(take('catalog.page').input).toMatchObject({ host: HOST });
  });

  it('leaves a catalog that has the repository, and does nothing after a pull or a failure', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().openCatalog(HOST);
    take('catalog.page').resolve({ repositories: ['team/app'], next: null });
    await flush();
    store
      .getState()
      .transferEnded(finished('registries.copy', { source: 'a', target: `${HOST}/team/app:c`, digest }));
    store
      .getState()
      .transferEnded(finished('images.pull', { reference: `${HOST}/x/y:1`, digest, id: 'sha256:e' }));
    store.getState().transferEnded({ ...finished('images.push', undefined), state: 'failed' });
    expect(count('catalog.page')).toBe(0);
    expect(count('tags.list')).toBe(0);
  });
});
