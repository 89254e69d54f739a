/**
 * How one bar of a task reads: its percentage, colour and the words beside it.
 * Pure functions: the unit tests pin them down.
 */
import type {
  TaskPart,
  TaskProgress,
  TaskSnapshot,
  TaskState,
} from '../../../../src-main/core/tasks/types.js';
import { formatBytesOf, formatSpeed } from '../../lib/format.js';

export const taskStateColor: Record<TaskState, string> = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

const partStateColor: Record<TaskPart['state'], string> = {
  waiting: 'gray',
  running: 'blue',
  done: 'teal',
  skipped: 'gray',
  failed: 'red',
};

export function partColor(part: TaskPart): string {
  return partStateColor[part.state];
}

/** Done and skipped parts are full whatever their bytes say: a layer the registry had sends nothing. */
export function partPercent(part: TaskPart): number {
  if (part.state === 'done' || part.state === 'skipped') return 100;
  if (!part.total) return 0;
  return Math.min(100, (part.current / part.total) * 100);
}

/**
 * `4.1 MB / 12 MB · 2.3 MB/s` while a byte transfer moves; a word once it waits, ends or was not
 * needed, and for parts that count items (an image being removed) throughout.
 */
export function partStatus(part: TaskPart, speed: number | undefined, unit: TaskProgress['unit']): string {
  if (unit === 'items' && (part.state === 'running' || part.state === 'done')) return part.state;
  switch (part.state) {
    case 'waiting':
      return 'waiting';
    case 'skipped':
      return 'already there';
    case 'failed':
      return 'failed';
    case 'done':
      return part.total === undefined ? 'done' : `${formatBytesOf(part.total, undefined)} done`;
    case 'running': {
      const rate = formatSpeed(speed);
      const amount = formatBytesOf(part.current, part.total);
      return rate ? `${amount} · ${rate}` : amount;
    }
  }
}

/** The task's own bar: bytes or items done of the total; full once it succeeded. */
export function taskPercent(task: TaskSnapshot): number {
  if (task.state === 'succeeded') return 100;
  const { current, total } = task.progress;
  return total ? Math.min(100, (current / total) * 100) : 0;
}
