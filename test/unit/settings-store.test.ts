import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AppSettings,
  appSettingsFile,
  appSettingsSchema,
  defaultAppSettings,
} from '../../src-main/core/settings/schema.js';
import { SettingsStore } from '../../src-main/core/settings/store.js';

const engine = (n: number) => ({
  id: `user:${n}`,
  name: `engine ${n}`,
  url: `tcp://10.0.0.${n}:2375`,
  source: 'user' as const,
});

describe('SettingsStore', () => {
  let dir: string;
  let file: string;
  const open = () => SettingsStore.open<AppSettings>(file, appSettingsSchema, defaultAppSettings);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-settings-'));
    file = appSettingsFile(join(dir, 'config'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts from the defaults and writes nothing until the first update', async () => {
    const store = await open();
    expect(store.get()).toEqual(defaultAppSettings);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('saves an update as readable JSON only its owner can read, with no temp file left', async () => {
    const store = await open();
    const saved = await store.update((s) => ({ ...s, theme: 'dark' }));
    expect(saved.theme).toBe('dark');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(saved);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'config'))).toEqual(['settings.json']);
    expect((await open()).get().theme).toBe('dark');
  });

  it('keeps both of two updates made at once', async () => {
    const store = await open();
    await Promise.all([
      store.update((s) => ({ ...s, engines: [...s.engines, engine(1)] })),
      store.update((s) => ({ ...s, engines: [...s.engines, engine(2)] })),
    ]);
    expect(store.get().engines.map((e) => e.id)).toEqual(['user:1', 'user:2']);
    expect((await open()).get().engines).toHaveLength(2);
  });

  it('never shows a reader a half-written file', async () => {
    const store = await open();
    await store.update((s) => s);
    let writing = true;
    const reads = (async () => {
      let count = 0;
      while (writing) {
        // Sync on purpose: a read between two steps of the writer is what would catch a torn write.
        expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
        count += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return count;
    })();
    const updates = Array.from({ length: 40 }, (_, n) =>
      store.update((s) => ({ ...s, engines: [...s.engines, engine(n + 1)] })),
    );
    await Promise.all(updates);
    writing = false;
    expect(await reads).toBeGreaterThan(0);
    expect(store.get().engines).toHaveLength(40);
  });

  it('keeps a change another process made since it opened', async () => {
    const app = await open();
    const cli = await open();
    await cli.update((s) => ({ ...s, engines: [engine(7)] }));
    await app.update((s) => ({ ...s, theme: 'light' }));
    expect(app.get()).toMatchObject({ theme: 'light', engines: [engine(7)] });
  });

  it('moves a corrupt file aside, keeps its bytes, and uses the defaults', async () => {
    await (await open()).update((s) => s); // creates the folder
    await writeFile(file, '{"version": 1, "theme": ');
    const store = await open();
    expect(store.get()).toEqual(defaultAppSettings);
    expect(store.movedAside).toMatch(/settings\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(await readFile(store.movedAside as string, 'utf8')).toBe('{"version": 1, "theme": ');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('moves aside a file that does not fit the schema, without overwriting an earlier one', async () => {
    await (await open()).update((s) => s);
    await writeFile(file, JSON.stringify({ version: 1, theme: 'neon' }));
    const first = (await open()).movedAside;
    await writeFile(file, JSON.stringify({ version: 2 }));
    const second = (await open()).movedAside;
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(JSON.parse(await readFile(first as string, 'utf8'))).toEqual({ version: 1, theme: 'neon' });
    expect(JSON.parse(await readFile(second as string, 'utf8'))).toEqual({ version: 2 });
  });

  it('refuses an update that breaks the schema, and the next update still runs', async () => {
    const store = await open();
    await store.update((s) => ({ ...s, theme: 'dark' }));
    await expect(store.update((s) => ({ ...s, theme: 'neon' as 'dark' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      store.update(() => {
        throw new Error('caller bug');
      }),
    ).rejects.toThrow('caller bug');
    await store.update((s) => ({ ...s, engines: [engine(1)] }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ theme: 'dark', engines: [engine(1)] });
  });

  it('hands out copies: changing what get() returned changes nothing', async () => {
    const store = await open();
    store.get().engines.push(engine(1));
    expect(store.get().engines).toEqual([]);
  });
});
