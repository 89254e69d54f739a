import { access, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';

export { appConfigDir } from './config-dir.js';

type Loaded<T> =
  | { state: 'read'; value: T }
  | { state: 'missing' }
  /** Unreadable as JSON or against the schema; `movedTo` says where the bad file went. */
  | { state: 'corrupt'; movedTo?: string; reason: string };

/**
 * A JSON settings file checked against a schema.
 *
 * Writes are atomic (a temp file in the same folder, fsync, rename) and run one at a time, so
 * two updates at once both land. Each update starts from the file as it is on disk, so a change
 * another process (the CLI) made since open() is kept. A file that is not valid JSON or does not
 * fit the schema is moved aside to `<file>.corrupt-<timestamp>` and the defaults are used:
 * the app starts, and nothing the user wrote is destroyed.
 */
export class SettingsStore<T> {
  private current: T;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    initial: T,
    /** Where a corrupt file was moved when the store opened, for the caller to report. */
    readonly movedAside: string | undefined,
  ) {
    this.current = initial;
  }

  static async open<T>(file: string, schema: z.ZodType<T>, defaults: T): Promise<SettingsStore<T>> {
    const loaded = await load(file, schema);
    const initial = loaded.state === 'read' ? loaded.value : structuredClone(defaults);
    return new SettingsStore(file, schema, initial, loaded.state === 'corrupt' ? loaded.movedTo : undefined);
  }

  /** A copy: changing it changes nothing; use update(). */
  get(): T {
    return structuredClone(this.current);
  }

  /** Applies `fn` to the current settings and saves the result; resolves with what was saved. */
  update(fn: (current: T) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const loaded = await load(this.file, this.schema);
      const base = loaded.state === 'read' ? loaded.value : this.current;
      const parsed = this.schema.safeParse(fn(structuredClone(base)));
      if (!parsed.success) {
        throw new InvalidInputError(`These settings are not valid: ${z.prettifyError(parsed.error)}`);
      }
      await writeFileAtomic(this.file, `${JSON.stringify(parsed.data, null, 2)}\n`);
      this.current = parsed.data;
      return structuredClone(parsed.data);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

async function load<T>(file: string, schema: z.ZodType<T>): Promise<Loaded<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    // Unreadable (permissions, a folder in its place): use defaults; a later write reports why.
    return { state: 'corrupt', reason: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { state: 'corrupt', reason: (error as Error).message, ...(await moveAside(file)) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { state: 'corrupt', reason: z.prettifyError(parsed.error), ...(await moveAside(file)) };
  }
  return { state: 'read', value: parsed.data };
}

async function moveAside(file: string): Promise<{ movedTo?: string }> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const target = `${file}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    // rename() replaces an existing file: never overwrite an earlier corrupt copy.
    if (await exists(target)) continue;
    try {
      await rename(file, target);
      return { movedTo: target };
    } catch {
      return {};
    }
  }
  return {};
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
