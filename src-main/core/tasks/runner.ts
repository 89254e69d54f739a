import { randomUUID } from 'node:crypto';
import { CancelledError, toErrorShape } from '../errors.js';
import type { TaskPart, TaskProgress, TaskSnapshot } from './types.js';

/** What a running task's body gets: a way to report, and a signal that fires on cancel. */
export interface TaskContext {
  signal: AbortSignal;
  progress(update: Partial<TaskProgress>): void;
  part(part: TaskPart): void;
}

export type TaskBody<R> = (ctx: TaskContext) => Promise<R>;

/** How many finished tasks are kept for the drawer. */
const FINISHED_KEPT = 200;
/** Progress events are coalesced to at most one per this many ms per task. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs long work in the main process. Tasks outlive the UI that started them: a reloaded
 * renderer asks `list()` and keeps watching. Every change is published through `onUpdate`.
 */
export class TaskRunner {
  readonly #tasks = new Map<string, { snapshot: TaskSnapshot; controller: AbortController }>();
  readonly #listeners = new Set<(snapshot: TaskSnapshot) => void>();

  onUpdate(listener: (snapshot: TaskSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(): TaskSnapshot[] {
    return [...this.#tasks.values()].map((t) => t.snapshot);
  }

  get(id: string): TaskSnapshot | undefined {
    return this.#tasks.get(id)?.snapshot;
  }

  /** Starts `body` and returns its id at once; `settled(id)` waits for the end. */
  start<R>(procedure: string, title: string, body: TaskBody<R>): string {
    const id = randomUUID();
    const controller = new AbortController();
    const snapshot: TaskSnapshot = {
      id,
      procedure,
      title,
      state: 'running',
      progress: { current: 0, unit: 'items' },
      startedAt: new Date().toISOString(),
    };
    this.#tasks.set(id, { snapshot, controller });
    this.#publish(snapshot);

    let lastSent = 0;
    let pending: NodeJS.Timeout | undefined;
    const publishSoon = () => {
      const wait = lastSent + PROGRESS_INTERVAL_MS - Date.now();
      if (wait <= 0) {
        lastSent = Date.now();
        this.#publish(snapshot);
      } else if (!pending) {
        pending = setTimeout(() => {
          pending = undefined;
          lastSent = Date.now();
          if (snapshot.state === 'running') this.#publish(snapshot);
        }, wait);
      }
    };
    const ctx: TaskContext = {
      signal: controller.signal,
      progress: (update) => {
        snapshot.progress = { ...snapshot.progress, ...update };
        publishSoon();
      },
      part: (part) => {
        const parts = snapshot.progress.parts ?? [];
        const at = parts.findIndex((p) => p.id === part.id);
        if (at === -1) parts.push(part);
        else parts[at] = part;
        snapshot.progress = { ...snapshot.progress, parts };
        publishSoon();
      },
    };

    const done = (patch: Partial<TaskSnapshot>) => {
      clearTimeout(pending);
      Object.assign(snapshot, patch, { finishedAt: new Date().toISOString() });
      this.#publish(snapshot);
      this.#settle(id);
      this.#trim();
    };
    Promise.resolve()
      .then(() => body(ctx))
      .then(
        (result) => {
          if (controller.signal.aborted) done({ state: 'cancelled', error: new CancelledError().toShape() });
          else done({ state: 'succeeded', result });
        },
        (error: unknown) => {
          if (controller.signal.aborted) done({ state: 'cancelled', error: new CancelledError().toShape() });
          else done({ state: 'failed', error: toErrorShape(error) });
        },
      );
    return id;
  }

  /** Asks a running task to stop. Returns false if there is no such running task. */
  cancel(id: string): boolean {
    const task = this.#tasks.get(id);
    if (task?.snapshot.state !== 'running') return false;
    task.controller.abort(new CancelledError());
    return true;
  }

  /** Resolves with the final snapshot (succeeded, failed or cancelled). */
  settled(id: string): Promise<TaskSnapshot> {
    const task = this.#tasks.get(id);
    if (!task) return Promise.reject(new Error(`no task ${id}`));
    if (task.snapshot.state !== 'running') return Promise.resolve(task.snapshot);
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(id) ?? [];
      waiters.push(resolve);
      this.#waiters.set(id, waiters);
    });
  }

  /** Cancels everything still running: on quit. */
  cancelAll(): void {
    for (const id of this.#tasks.keys()) this.cancel(id);
  }

  readonly #waiters = new Map<string, ((snapshot: TaskSnapshot) => void)[]>();

  #settle(id: string): void {
    const snapshot = this.#tasks.get(id)?.snapshot;
    for (const resolve of this.#waiters.get(id) ?? []) if (snapshot) resolve(snapshot);
    this.#waiters.delete(id);
  }

  #publish(snapshot: TaskSnapshot): void {
    const copy = structuredClone(snapshot);
    for (const listener of this.#listeners) listener(copy);
  }

  #trim(): void {
    const finished = [...this.#tasks.values()].filter((t) => t.snapshot.state !== 'running');
    for (const t of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) {
      this.#tasks.delete(t.snapshot.id);
    }
  }
}
