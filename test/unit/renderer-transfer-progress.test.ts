/**
 * Transfer progress as the UI shows it: speeds measured between snapshots and smoothed, each
 * bar's words, a finished transfer's result, and the store keeping speeds for running tasks only.
 */
import { describe, expect, it } from 'vitest';
import type { TaskPart, TaskSnapshot } from '../../src-main/core/tasks/types.js';
import { partPercent, partStatus, taskPercent } from '../../src-renderer/src/features/tasks/part-progress.js';
import { transferOutcome } from '../../src-renderer/src/features/tasks/task-result.js';
import {
  averageSpeed,
  nextSpeed,
  nextTaskSpeeds,
  SPEED_SMOOTHING_MS,
} from '../../src-renderer/src/features/tasks/transfer-speed.js';
import { createAppStore } from '../../src-renderer/src/store/create-app-store.js';
import { createFakeHeldClient } from '../support/fake-held-client.js';

const part = (
  id: string,
  current: number,
  total?: number,
  state: TaskPart['state'] = 'running',
): TaskPart => ({
  id,
  label: `layer ${id}`,
  current,
  ...(total === undefined ? {} : { total }),
  state,
});

const snapshot = (over: Partial<TaskSnapshot> & { parts?: TaskPart[]; current?: number }): TaskSnapshot => {
  const { parts, current = 0, ...rest } = over;
  return {
    id: 't1',
    procedure: 'images.push',
    title: 'Push x',
    state: 'running',
    progress: { current, total: 1000, unit: 'bytes', ...(parts ? { parts } : {}) },
    startedAt: '2024-01-01T00:00:00.000Z',
    ...rest,
  };
};

describe('nextSpeed', () => {
  it('knows no speed from one sample, then the plain rate from two', () => {
    const first = nextSpeed(undefined, 0, 1000);
    expect(first.speed).toBeUndefined();
    expect(nextSpeed(first, 500, 1500).speed).toBe(1000);
  });

  it('follows a change gradually, more the longer it lasted', () => {
    const steady = { at: 0, bytes: 0, speed: 1000 };
    const short = nextSpeed(steady, 1000 * 0.1 * 3, 100); // 3000 B/s for 100 ms
    const long = nextSpeed(steady, 3000 * (SPEED_SMOOTHING_MS / 1000), SPEED_SMOOTHING_MS);
    expect(short.speed!).toBeGreaterThan(1000);
    expect(short.speed!).toBeLessThan(1200);
    // After one time constant, about two thirds of the way to the new rate.
    expect(long.speed!).toBeCloseTo(1000 + 2000 * (1 - Math.exp(-1)), 6);
  });

  it('starts over when the bytes go back (a layer retried) and ignores a zero interval', () => {
    const running = { at: 1000, bytes: 800, speed: 400 };
    expect(nextSpeed(running, 100, 1200)).toEqual({ at: 1200, bytes: 100 });
    expect(nextSpeed(running, 900, 1000)).toBe(running);
  });
});

describe('nextTaskSpeeds', () => {
  it('measures the task and each part between snapshots', () => {
    const first = nextTaskSpeeds(undefined, snapshot({ current: 0, parts: [part('a', 0, 1000)] }), 0);
    const second = nextTaskSpeeds(
      first,
      snapshot({ current: 200, parts: [part('a', 200, 1000), part('b', 0)] }),
      100,
    );
    expect(second?.overall.speed).toBe(2000);
    expect(second?.parts.a?.speed).toBe(2000);
    expect(second?.parts.b?.speed).toBeUndefined();
  });

  it('keeps nothing for a task that ended or counts items', () => {
    expect(nextTaskSpeeds(undefined, snapshot({ state: 'succeeded' }), 0)).toBeUndefined();
    const items = snapshot({});
    items.progress = { current: 1, total: 2, unit: 'items' };
    expect(nextTaskSpeeds(undefined, items, 0)).toBeUndefined();
  });

  it('gives a finished transfer its average speed', () => {
    const done = snapshot({ state: 'succeeded', current: 4000, finishedAt: '2024-01-01T00:00:02.000Z' });
    expect(averageSpeed(done)).toBe(2000);
    expect(averageSpeed(snapshot({ current: 4000 }))).toBeUndefined();
  });
});

describe('bars', () => {
  it('fills done and skipped parts whatever their bytes, and words each state', () => {
    expect(partPercent(part('a', 0, undefined, 'skipped'))).toBe(100);
    expect(partPercent(part('a', 250, 1000))).toBe(25);
    expect(partPercent(part('a', 250))).toBe(0);
    expect(partStatus(part('a', 0, 100, 'skipped'), undefined, 'bytes')).toBe('already there');
    expect(partStatus(part('a', 1500, 3000), 1500, 'bytes')).toBe('1.5 kB / 3 kB · 1.5 kB/s');
    expect(partStatus(part('a', 1500), undefined, 'bytes')).toBe('1.5 kB');
    expect(partStatus(part('a', 3000, 3000, 'done'), undefined, 'bytes')).toBe('3 kB done');
    // An image being removed counts as one item, not one byte.
    expect(partStatus(part('0', 0, 1), undefined, 'items')).toBe('running');
    expect(partStatus(part('0', 1, 1, 'done'), undefined, 'items')).toBe('done');
  });

  it('fills the task bar once it succeeded', () => {
    expect(taskPercent(snapshot({ current: 500 }))).toBe(50);
    expect(taskPercent(snapshot({ current: 0, state: 'succeeded' }))).toBe(100);
  });
});

describe('transferOutcome', () => {
  const digest = `sha256:${'b'.repeat(64)}`;
  it('reads what a push, pull and copy wrote', () => {
    expect(
      transferOutcome(snapshot({ state: 'succeeded', result: { target: 'h/a:1', digest, size: 3 } })),
    ).toEqual({ kind: 'push', reference: 'h/a:1', digest });
    expect(
      transferOutcome(
        snapshot({
          procedure: 'images.pull',
          state: 'succeeded',
          result: { reference: 'h/a:1', digest, id: 'sha256:c' },
        }),
      ),
    ).toEqual({ kind: 'pull', reference: 'h/a:1', digest, imageId: 'sha256:c' });
    expect(
      transferOutcome(
        snapshot({
          procedure: 'registries.copy',
          state: 'succeeded',
          result: { source: 's/a:1', target: 'h/b:1', digest },
        }),
      ),
    ).toEqual({ kind: 'copy', reference: 'h/b:1', digest });
  });

  it('has nothing for other tasks, unfinished ones, or a result without a digest', () => {
    expect(transferOutcome(snapshot({ result: { target: 'h/a:1', digest } }))).toBeUndefined();
    expect(
      transferOutcome(snapshot({ procedure: 'images.prune', state: 'succeeded', result: { digest } })),
    ).toBeUndefined();
    expect(transferOutcome(snapshot({ state: 'succeeded', result: { target: 'h/a:1' } }))).toBeUndefined();
    expect(transferOutcome(snapshot({ state: 'succeeded', result: null }))).toBeUndefined();
  });
});

describe('tasks store', () => {
  it('keeps speeds while a transfer runs and drops them when it ends', () => {
    const store = createAppStore(createFakeHeldClient().client);
    store.getState().receiveTask(snapshot({ current: 0, parts: [part('a', 0, 1000)] }), 0);
    store.getState().receiveTask(snapshot({ current: 500, parts: [part('a', 500, 1000)] }), 250);
    expect(store.getState().taskSpeeds.t1?.overall.speed).toBe(2000);
    expect(store.getState().taskSpeeds.t1?.parts.a?.speed).toBe(2000);
    store.getState().receiveTask(snapshot({ current: 1000, state: 'succeeded' }), 400);
    expect(store.getState().taskSpeeds.t1).toBeUndefined();
    expect(store.getState().tasks.t1?.state).toBe('succeeded');
  });
});
