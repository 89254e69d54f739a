import { describe, expect, it } from 'vitest';
import { TaskRunner } from '../../src-main/core/tasks/runner.js';
import type { TaskSnapshot } from '../../src-main/core/tasks/types.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TaskRunner', () => {
  it('publishes running, progress and the final result', async () => {
    const runner = new TaskRunner();
    const seen: TaskSnapshot[] = [];
    runner.onUpdate((s) => seen.push(s));
    const id = runner.start('demo', 'Demo', async (ctx) => {
      ctx.progress({ current: 1, total: 2 });
      return 42;
    });
    const final = await runner.settled(id);
    expect(final.state).toBe('succeeded');
    expect(final.result).toBe(42);
    expect(final.finishedAt).toBeDefined();
    expect(seen[0]?.state).toBe('running');
    expect(seen.at(-1)?.state).toBe('succeeded');
    expect(runner.list().map((t) => t.id)).toContain(id);
  });

  it('turns a thrown error into a failed task with an error shape', async () => {
    const runner = new TaskRunner();
    const id = runner.start('demo', 'Demo', async () => {
      throw new Error('boom');
    });
    const final = await runner.settled(id);
    expect(final.state).toBe('failed');
    expect(final.error).toEqual({ code: 'INTERNAL', message: 'boom' });
  });

  it('cancels through the signal and reports cancelled, not failed', async () => {
    const runner = new TaskRunner();
    const id = runner.start(
      'demo',
      'Demo',
      (ctx) =>
        new Promise((_, reject) => {
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
        }),
    );
    await tick();
    expect(runner.cancel(id)).toBe(true);
    const final = await runner.settled(id);
    expect(final.state).toBe('cancelled');
    expect(final.error?.code).toBe('CANCELLED');
    expect(runner.cancel(id)).toBe(false);
  });

  it('coalesces a burst of progress into few updates and keeps parts by id', async () => {
    const runner = new TaskRunner();
    const seen: TaskSnapshot[] = [];
    runner.onUpdate((s) => seen.push(s));
    const id = runner.start('demo', 'Demo', async (ctx) => {
      for (let i = 0; i < 1000; i++) ctx.progress({ current: i, total: 1000 });
      ctx.part({ id: 'a', label: 'layer a', current: 1, total: 2, state: 'running' });
      ctx.part({ id: 'a', label: 'layer a', current: 2, total: 2, state: 'done' });
      return null;
    });
    const final = await runner.settled(id);
    expect(seen.length).toBeLessThan(10);
    expect(final.progress.parts).toEqual([
      { id: 'a', label: 'layer a', current: 2, total: 2, state: 'done' },
    ]);
  });

  it('snapshots handed to listeners are copies', async () => {
    const runner = new TaskRunner();
    let first: TaskSnapshot | undefined;
    runner.onUpdate((s) => {
      first ??= s;
    });
    const id = runner.start('demo', 'Demo', async () => 1);
    await runner.settled(id);
    expect(first?.state).toBe('running');
  });
});
