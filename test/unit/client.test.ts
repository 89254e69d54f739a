import { describe, expect, it } from 'vitest';
import { StevedoreError } from '../../src-main/core/errors.js';
import { TaskRunner } from '../../src-main/core/tasks/runner.js';
import type { Bridge, BridgeProcedures } from '../../src-main/ipc/bridge.js';
import { ContractError, createClient } from '../../src-main/ipc/client.js';
import { procedureNames } from '../../src-main/ipc/contract.js';
import { createDispatch, type Handlers } from '../../src-main/ipc/dispatch.js';
import { EventHub } from '../../src-main/ipc/event-hub.js';

/** The client over an in-process bridge: the same dispatch both real transports call. */
function inProcessClient(partial: Partial<Handlers>) {
  const tasks = new TaskRunner();
  const hub = new EventHub();
  tasks.onUpdate((snapshot) => hub.emit('task.updated', snapshot));
  const dispatch = createDispatch(partial as Handlers, tasks);
  const procedures = Object.fromEntries(
    procedureNames.map((name) => [name, (input: unknown) => dispatch(name, input)]),
  ) as unknown as BridgeProcedures;
  const bridge: Bridge = {
    procedures,
    on: (event, listener) =>
      hub.subscribe((name, payload) => {
        if ((name as string) === event) listener(payload as never);
      }),
  };
  return createClient(bridge);
}

describe('client over dispatch', () => {
  it('returns call results and throws ContractError with the code', async () => {
    const client = inProcessClient({
      'tasks.list': async () => [],
      'images.tag': async () => {
        throw new Error('not reached: the input is invalid');
      },
    });
    expect(await client.call('tasks.list', {})).toEqual([]);
    const error = await client.call('images.tag', { image: '', target: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('INVALID_INPUT');
    expect((error as ContractError).message).toContain('image');
  });

  it('runs a task to its result, seeing progress on the way', async () => {
    const client = inProcessClient({
      'images.prune': async (_input, task) => {
        task.progress({ current: 1, total: 1, message: 'pruning' });
        return { deleted: ['sha256:a'], spaceReclaimed: 10 };
      },
    });
    const states: string[] = [];
    const result = await client.run('images.prune', {}, (s) => states.push(s.state));
    expect(result).toEqual({ deleted: ['sha256:a'], spaceReclaimed: 10 });
    expect(states.at(-1)).toBe('succeeded');
  });

  it('rejects a failed task with its error code', async () => {
    const client = inProcessClient({
      'images.remove': async () => {
        throw new StevedoreError('CONFLICT', 'image is in use');
      },
    });
    const error = await client.run('images.remove', { images: ['x'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('CONFLICT');
    expect((error as ContractError).message).toBe('image is in use');
  });
});
