import type { ErrorShape } from '../errors.js';

export type TaskState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One bar in a task: a layer being pushed, an image being removed. */
export interface TaskPart {
  id: string;
  label: string;
  current: number;
  total?: number;
  state: 'waiting' | 'running' | 'done' | 'failed' | 'skipped';
  /**
   * What became of a blob or layer that ended (`done` or `skipped`): its bytes were sent
   * (`uploaded`, `downloaded`), the registry linked it from another repository (`mounted`), or
   * the other side had it already (`exists`, the part is `skipped`).
   */
  outcome?: 'uploaded' | 'downloaded' | 'mounted' | 'exists';
}

export interface TaskProgress {
  /** Units done so far and in all (`total` unknown while it is still being worked out). */
  current: number;
  total?: number;
  unit: 'items' | 'bytes';
  message?: string;
  parts?: TaskPart[];
}

/** Everything a UI needs to draw a task, sent whole on every update (they are small). */
export interface TaskSnapshot {
  id: string;
  /** The procedure that started it. */
  procedure: string;
  title: string;
  state: TaskState;
  progress: TaskProgress;
  startedAt: string;
  finishedAt?: string;
  result?: unknown;
  error?: ErrorShape;
}
