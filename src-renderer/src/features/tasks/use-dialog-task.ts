import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';
import { useApp } from '../../store/context.js';

export interface DialogTask {
  /** The task as last reported, or undefined while it starts (or when starting failed). */
  task: TaskSnapshot | undefined;
  /** Nothing more will happen: the task finished one way or another, or never started. */
  ended: boolean;
  /** Why it did not start or why it failed. */
  error: ErrorShape | undefined;
}

/** The task a dialog started (a transfer, a signature), followed until it ends. */
export function useDialogTask(taskId: string | undefined, startError: ErrorShape | undefined): DialogTask {
  const task = useApp((s) => (taskId === undefined ? undefined : s.tasks[taskId]));
  const ended = startError !== undefined || (task !== undefined && task.state !== 'running');
  const error = startError ?? (task?.state === 'failed' ? task.error : undefined);
  return { task, ended, error };
}
