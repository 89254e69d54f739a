import type { TaskContext } from '../core/tasks/runner.js';
import type { TaskPart } from '../core/tasks/types.js';

/**
 * Each core part becomes a bar of the task, and the task's own bar is the bytes of every part
 * summed: parts whose size is not known yet add what they have done and nothing to the total.
 */
export function partsProgress(task: TaskContext): (part: TaskPart) => void {
  const parts = new Map<string, TaskPart>();
  task.progress({ current: 0, unit: 'bytes' });
  return (part) => {
    parts.set(part.id, part);
    task.part(part);
    let current = 0;
    let total = 0;
    for (const p of parts.values()) {
      current += p.current;
      total += p.total ?? 0;
    }
    task.progress({ current, total, unit: 'bytes' });
  };
}
