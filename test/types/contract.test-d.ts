import { describe, expectTypeOf, it } from 'vitest';
import type { PushResult } from '../../src-main/core/engine/push.js';
import type { ImageSummary, PruneResult, RemoveResult } from '../../src-main/core/engine/types.js';
import type { Bridge } from '../../src-main/ipc/bridge.js';
import type { Client } from '../../src-main/ipc/client.js';
import { type ProcedureName, procedureNames, type TaskStarted } from '../../src-main/ipc/contract.js';
import type { Handlers } from '../../src-main/ipc/dispatch.js';
import { createHandlers } from '../../src-main/ipc/handlers.js';
import { createIpcBridge } from '../../src-main/ipc/ipc-bridge.js';

declare const client: Client;

describe('the contract, as the type checker sees it', () => {
  it('gives each call its result type', () => {
    expectTypeOf(client.call('images.list', {})).resolves.toEqualTypeOf<ImageSummary[]>();
    expectTypeOf(client.call('images.tag', { image: 'a', target: 'b' })).resolves.toEqualTypeOf<null>();
  });

  it('gives a task TaskStarted from call and its result from run', () => {
    expectTypeOf(client.call('images.remove', { images: ['a'] })).resolves.toEqualTypeOf<TaskStarted>();
    expectTypeOf(client.run('images.remove', { images: ['a'], force: true })).resolves.toEqualTypeOf<
      RemoveResult[]
    >();
    expectTypeOf(client.run('images.prune', {})).resolves.toEqualTypeOf<PruneResult>();
    expectTypeOf(
      client.run('images.push', { image: 'a', target: 'r.example/a:1' }),
    ).resolves.toEqualTypeOf<PushResult>();
  });

  it('refuses wrong inputs and unknown names', () => {
    // @ts-expect-error image must be a string
    void client.call('images.tag', { image: 1, target: 'b' });
    // @ts-expect-error target is required
    void client.call('images.tag', { image: 'a' });
    // @ts-expect-error no such procedure
    void client.call('images.nope', {});
    // @ts-expect-error images.list is a call, not a task
    void client.run('images.list', {});
    // @ts-expect-error no such event
    client.on('images.gone', () => {});
  });

  it('builds the preload bridge with exactly the Bridge procedures', () => {
    expectTypeOf(createIpcBridge).returns.toEqualTypeOf<Bridge>();
    expectTypeOf(procedureNames).toEqualTypeOf<ProcedureName[]>();
    const bridge = createIpcBridge({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: () => () => {},
    });
    expectTypeOf(bridge.procedures).toEqualTypeOf<Bridge['procedures']>();
    expectTypeOf(bridge.procedures['images.list']).parameter(0).toEqualTypeOf<{ engineId?: string }>();
  });

  it('requires a handler for every procedure', () => {
    expectTypeOf<keyof Handlers>().toEqualTypeOf<ProcedureName>();
    expectTypeOf(createHandlers).returns.toEqualTypeOf<Handlers>();
    // @ts-expect-error every other handler is missing
    const partial: Handlers = { 'tasks.list': async () => [] };
    void partial;
    // @ts-expect-error a handler with the wrong result
    const wrong: Pick<Handlers, 'images.list'> = { 'images.list': async () => 'not a list' };
    void wrong;
  });
});
