/**
 * Long work (remove, prune, push, pull, copy) as the main process reports it: the list at
 * start, then every `task.updated` snapshot, whole; and the transfer speeds worked out from them.
 */

import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import { nextTaskSpeeds, type TaskSpeeds } from './transfer-speed.js';

export interface TasksSlice {
  tasks: Readonly<Record<string, TaskSnapshot>>;
  tasksError: ErrorShape | undefined;
  /** Running byte transfers only: a task's entry goes when it ends. */
  taskSpeeds: Readonly<Record<string, TaskSpeeds>>;
  loadTasks: () => Promise<void>;
  /** `at` is when the snapshot arrived (ms): the speeds are measured between arrivals. */
  receiveTask: (snapshot: TaskSnapshot, at?: number) => void;
  cancelTask: (taskId: string) => Promise<void>;
}

export const createTasksSlice: SliceCreator<TasksSlice> = (set, _get, client) => ({
  tasks: {},
  tasksError: undefined,
  taskSpeeds: {},

  loadTasks: async () => {
    try {
      const listed = await client.call('tasks.list', {});
      // Snapshots that arrived by event while the list was on its way are as new or newer.
      set((state) => ({
        tasks: { ...Object.fromEntries(listed.map((task) => [task.id, task])), ...state.tasks },
      }));
    } catch (error) {
      set({ tasksError: errorShape(error) });
    }
  },

  receiveTask: (snapshot, at = Date.now()) =>
    set((state) => {
      const { [snapshot.id]: previous, ...others } = state.taskSpeeds;
      const speeds = nextTaskSpeeds(previous, snapshot, at);
      return {
        tasks: { ...state.tasks, [snapshot.id]: snapshot },
        taskSpeeds: speeds ? { ...others, [snapshot.id]: speeds } : others,
      };
    }),

  cancelTask: async (taskId) => {
    try {
      await client.call('tasks.cancel', { taskId });
    } catch (error) {
      set({ tasksError: errorShape(error) });
    }
  },
});

export function countRunning(tasks: Readonly<Record<string, TaskSnapshot>>): number {
  let running = 0;
  for (const task of Object.values(tasks)) if (task.state === 'running') running += 1;
  return running;
}

/** Running first, then the most recently started. */
export function tasksInOrder(tasks: Readonly<Record<string, TaskSnapshot>>): TaskSnapshot[] {
  return Object.values(tasks).sort(
    (a, b) =>
      Number(b.state === 'running') - Number(a.state === 'running') || b.startedAt.localeCompare(a.startedAt),
  );
}
