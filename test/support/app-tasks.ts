import type { TaskSnapshot } from '../../src-main/core/tasks/types.js';
import type { App } from '../../src-main/ipc/app.js';
import type { Envelope } from '../../src-main/ipc/contract.js';

/** The value of a dispatch envelope; an error envelope fails the test with its code. */
export function unwrap<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Starts a task through dispatch and collects every snapshot it publishes until it ends. */
export async function runTask(app: App, name: string, input: unknown) {
  const updates: TaskSnapshot[] = [];
  const stop = app.tasks.onUpdate((snapshot) => updates.push(snapshot));
  const { taskId } = unwrap<{ taskId: string }>(await app.dispatch(name, input));
  const final = await app.tasks.settled(taskId);
  stop();
  return { taskId, final, updates: updates.filter((u) => u.id === taskId) };
}
