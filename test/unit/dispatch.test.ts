import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StevedoreError } from '../../src-main/core/errors.js';
import type { TaskRunner } from '../../src-main/core/tasks/runner.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { Envelope } from '../../src-main/ipc/contract.js';
import { createDispatch, type Handlers } from '../../src-main/ipc/dispatch.js';
import { createHandlers } from '../../src-main/ipc/handlers.js';

/** The real app, pointed at an engine that is not there: dispatch and tasks need no engine. */
let app: App;
let configDir: string;

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'stevedore-dispatch-'));
  app = await createApp({
    env: { DOCKER_HOST: `unix://${join(configDir, 'no-engine.sock')}`, DOCKER_CONFIG: configDir },
    configDir,
    transport: 'websocket',
  });
});

afterAll(async () => {
  await app.close();
  await rm(configDir, { recursive: true, force: true });
});

function errorOf(envelope: Envelope) {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.value)}`);
  return envelope.error;
}

describe('dispatch', () => {
  it('answers an input that fails its schema with INVALID_INPUT naming the field', async () => {
    const error = errorOf(await app.dispatch('images.tag', { image: 'demo:1', target: '' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('target');
    expect(errorOf(await app.dispatch('images.remove', { images: [] })).code).toBe('INVALID_INPUT');
    expect(errorOf(await app.dispatch('images.list', 'not an object')).code).toBe('INVALID_INPUT');
    expect(errorOf(await app.dispatch('images.list', { engineId: 'x', extra: 1 })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('answers an unknown or non-string procedure name with INVALID_INPUT', async () => {
    const unknown = errorOf(await app.dispatch('images.explode', {}));
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.message).toContain('Unknown procedure');
    expect(errorOf(await app.dispatch({ toString: () => 'x' }, {})).code).toBe('INVALID_INPUT');
    expect(errorOf(await app.dispatch('__proto__', {})).code).toBe('INVALID_INPUT');
  });

  it('answers a call with its value', async () => {
    const info = await app.dispatch('app.info', {});
    expect(info).toEqual({
      ok: true,
      value: { version: expect.any(String), transport: 'websocket', platform: process.platform },
    });
    expect(await app.dispatch('tasks.list', undefined)).toEqual({ ok: true, value: expect.any(Array) });
  });

  it('turns an unreachable engine into ENGINE_UNREACHABLE, not a throw', async () => {
    expect(errorOf(await app.dispatch('images.list', {})).code).toBe('ENGINE_UNREACHABLE');
  });

  it('answers tasks.cancel for an unknown task with NOT_FOUND', async () => {
    expect(errorOf(await app.dispatch('tasks.cancel', { taskId: 'no-such-task' })).code).toBe('NOT_FOUND');
  });
});

describe('tasks through dispatch', () => {
  /** The app's own handlers and runner, with images.remove replaced by a body that waits to be cancelled. */
  function withWaitingRemove(tasks: TaskRunner, handlers: Handlers) {
    return createDispatch(
      {
        ...handlers,
        'images.remove': (_input, task) =>
          new Promise((_resolve, reject) => {
            task.progress({ current: 0, total: 1, message: 'waiting' });
            task.signal.addEventListener('abort', () => reject(task.signal.reason));
          }),
      },
      tasks,
    );
  }

  it('starts a task, lists it, and cancels it through tasks.cancel', async () => {
    const handlers = createHandlers({
      session: app.session,
      registries: app.registries,
      tasks: app.tasks,
      transport: 'websocket',
      pushHistory: app.pushHistory,
      trust: app.trust,
    });
    const dispatch = withWaitingRemove(app.tasks, handlers);
    const updates: string[] = [];
    const stop = app.hub.subscribe((name, payload) => {
      if (name === 'task.updated') updates.push((payload as { state: string }).state);
    });

    const started = await dispatch('images.remove', { images: ['demo:1'] });
    if (!started.ok) throw new Error(started.error.message);
    const { taskId } = started.value as { taskId: string };
    const listed = await dispatch('tasks.list', {});
    expect(
      listed.ok && (listed.value as { id: string; title: string }[]).find((t) => t.id === taskId),
    ).toMatchObject({
      title: 'Remove demo:1',
      state: 'running',
    });

    expect(await dispatch('tasks.cancel', { taskId })).toEqual({ ok: true, value: null });
    const final = await app.tasks.settled(taskId);
    stop();
    expect(final.state).toBe('cancelled');
    expect(final.error?.code).toBe('CANCELLED');
    expect(updates[0]).toBe('running');
    expect(updates.at(-1)).toBe('cancelled');
    // Cancelling again, once it has ended, is not an error.
    expect(await dispatch('tasks.cancel', { taskId })).toEqual({ ok: true, value: null });
  });

  it('reports a task that failed with the error code its handler threw', async () => {
    const dispatch = createDispatch(
      {
        'images.prune': async () => {
          throw new StevedoreError('CONFLICT', 'in use');
        },
      } as unknown as Handlers,
      app.tasks,
    );
    const started = await dispatch('images.prune', {});
    if (!started.ok) throw new Error(started.error.message);
    const final = await app.tasks.settled((started.value as { taskId: string }).taskId);
    expect(final).toMatchObject({ state: 'failed', error: { code: 'CONFLICT', message: 'in use' } });
  });
});
