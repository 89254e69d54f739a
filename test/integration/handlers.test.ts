import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import { runTask as runAppTask, unwrap } from '../support/app-tasks.js';
import { buildScratchImage, makeDanglingImage } from '../support/images.js';

const host = inject('dockerHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: host, source: 'env' });
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `stevedore-it-${run}/${name}`;

let work: string;
let app: App;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-handlers-'));
  app = await createApp({
    env: { DOCKER_HOST: host, DOCKER_CONFIG: join(work, 'docker-config') },
    configDir: join(work, 'config'),
    transport: 'electron',
  });
});

afterAll(async () => {
  await app?.close();
  await rm(work, { recursive: true, force: true });
});

const runTask = (name: string, input: unknown) => runAppTask(app, name, input);

const exists = (reference: string) =>
  docker
    .getImage(reference)
    .inspect()
    .then(
      () => true,
      () => false,
    );

describe('handlers over the real engine', () => {
  it('lists, inspects, tags and reads the history of an image', async () => {
    const id = await buildScratchImage(docker, `${repo('one')}:1`, { 'one.txt': 'one' });
    expect(unwrap(await app.dispatch('images.tag', { image: id, target: repo('one-copy') }))).toBeNull();
    const images = unwrap<{ id: string; repoTags: string[] }[]>(await app.dispatch('images.list', {}));
    expect(images.find((image) => image.id === id)?.repoTags.sort()).toEqual(
      [`${repo('one')}:1`, `${repo('one-copy')}:latest`].sort(),
    );
    expect(
      unwrap<{ id: string }>(await app.dispatch('images.inspect', { image: `${repo('one')}:1` })).id,
    ).toBe(id);
    expect(unwrap<unknown[]>(await app.dispatch('images.history', { image: id })).length).toBeGreaterThan(0);
    const missing = await app.dispatch('images.inspect', { image: repo('nothing-here') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('removes several images one by one, with a part per image', async () => {
    await buildScratchImage(docker, `${repo('rm')}:a`, { 'a.txt': 'a' });
    await buildScratchImage(docker, `${repo('rm')}:b`, { 'b.txt': 'b' });
    const images = [`${repo('rm')}:a`, `${repo('rm')}:b`];
    const { final } = await runTask('images.remove', { images });
    expect(final.state).toBe('succeeded');
    expect(final.title).toBe('Remove 2 images');
    expect(final.result).toEqual([
      expect.objectContaining({ untagged: [`${repo('rm')}:a`] }),
      expect.objectContaining({ untagged: [`${repo('rm')}:b`] }),
    ]);
    expect(final.progress).toMatchObject({ current: 2, total: 2, unit: 'items' });
    expect(final.progress.parts?.map((part) => [part.label, part.state])).toEqual([
      [images[0], 'done'],
      [images[1], 'done'],
    ]);
    expect(await exists(images[0] as string)).toBe(false);
    expect(await exists(images[1] as string)).toBe(false);
  });

  it('goes on past an image that cannot be removed, then fails naming it', async () => {
    await buildScratchImage(docker, `${repo('partial')}:ok`, { 'ok.txt': 'ok' });
    const missing = `${repo('partial')}:missing`;
    const { final } = await runTask('images.remove', { images: [missing, `${repo('partial')}:ok`] });
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('NOT_FOUND');
    expect(final.error?.message).toContain(missing);
    expect(final.progress.parts?.map((part) => part.state)).toEqual(['failed', 'done']);
    expect(await exists(`${repo('partial')}:ok`)).toBe(false);
  });

  it('stops between images when cancelled and removes nothing more', async () => {
    const images = [`${repo('cancel')}:a`, `${repo('cancel')}:b`];
    await buildScratchImage(docker, images[0] as string, { 'a.txt': 'a' });
    await buildScratchImage(docker, images[1] as string, { 'b.txt': 'b' });
    const { taskId } = unwrap<{ taskId: string }>(await app.dispatch('images.remove', { images }));
    // The task is still resolving its engine: the cancel lands before the first removal.
    expect(unwrap(await app.dispatch('tasks.cancel', { taskId }))).toBeNull();
    const final = await app.tasks.settled(taskId);
    expect(final.state).toBe('cancelled');
    expect(final.error?.code).toBe('CANCELLED');
    expect(await exists(images[0] as string)).toBe(true);
    expect(await exists(images[1] as string)).toBe(true);
    await docker.getImage(images[0] as string).remove();
    await docker.getImage(images[1] as string).remove();
  });

  it('prunes dangling images as a task', async () => {
    const dangling = await makeDanglingImage(docker);
    const { final } = await runTask('images.prune', {});
    expect(final.state).toBe('succeeded');
    expect((final.result as { deleted: string[] }).deleted).toContain(dangling);
    expect(await exists(dangling)).toBe(false);
  });
});
