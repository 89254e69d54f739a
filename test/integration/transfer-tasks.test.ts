import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { CopiedImage, PullResult, PushResult } from '../../src-main/ipc/contract.js';
import { runTask as runAppTask, unwrap } from '../support/app-tasks.js';
import { buildScratchImage } from '../support/images.js';
import { skopeoDigest } from '../support/skopeo.js';

const host = inject('dockerHost');
const registryHost = inject('registryHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: host, source: 'env' });
const run = randomUUID().slice(0, 8);
const local = `stevedore-it-${run}/transfer:1.0`;
const pushed = `${registryHost}/transfer-${run}/app:1.0`;

let work: string;
let app: App;
let imageId: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-transfer-'));
  app = await createApp({
    env: { DOCKER_HOST: host, DOCKER_CONFIG: join(work, 'docker-config') },
    configDir: join(work, 'config'),
    transport: 'websocket',
  });
  imageId = await buildScratchImage(docker, local, { 'a.txt': 'first layer', 'b.txt': randomUUID() });
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (imageId) await imageRemove(docker, imageId, { force: true }).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

const runTask = (name: string, input: unknown) => runAppTask(app, name, input);

const registryDigest = (reference: string) => skopeoDigest(reference, work);

describe('push, pull and copy as tasks', () => {
  it('pushes a local image: the digest the registry serves, a bar per layer and bytes overall', async () => {
    const { final, updates } = await runTask('images.push', { image: local, target: pushed });
    expect(final.error).toBeUndefined();
    expect(final.state).toBe('succeeded');
    expect(final.title).toBe(`Push ${pushed}`);
    const result = final.result as PushResult;
    expect(result.target).toBe(pushed);
    expect(result.digest).toBe(await registryDigest(pushed));
    expect(result.size).toBeGreaterThan(0);
    expect(updates.some((u) => (u.progress.parts?.length ?? 0) > 0)).toBe(true);
    expect(final.progress.unit).toBe('bytes');
    expect(final.progress.parts?.every((part) => part.state === 'done')).toBe(true);
  }, 120_000);

  it('pulls it back after it was removed from the engine', async () => {
    await imageRemove(docker, imageId, { force: true });
    const { final } = await runTask('images.pull', { reference: pushed });
    expect(final.error).toBeUndefined();
    expect(final.state).toBe('succeeded');
    expect(final.title).toBe(`Pull ${pushed}`);
    const result = final.result as PullResult;
    expect(result).toEqual({ reference: pushed, digest: await registryDigest(pushed), id: imageId });
  }, 120_000);

  it('copies it to another repository of the registry, keeping the digest', async () => {
    const target = `${registryHost}/transfer-${run}/copy`;
    const { final } = await runTask('registries.copy', { source: pushed, target });
    expect(final.error).toBeUndefined();
    expect(final.state).toBe('succeeded');
    expect(final.title).toBe(`Copy ${pushed} to ${target}`);
    const result = final.result as CopiedImage;
    const digest = await registryDigest(pushed);
    expect(result).toEqual({ source: pushed, target: `${target}:1.0`, digest });
    expect(await registryDigest(`${target}:1.0`)).toBe(digest);
  }, 120_000);

  it('fails a task with INVALID_REFERENCE for a reference the grammar refuses', async () => {
    const { final } = await runTask('images.pull', { reference: 'Upper/Case:tag' });
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('INVALID_REFERENCE');
  });

  it('refuses an input the schema refuses before any task starts', async () => {
    const envelope = await app.dispatch('registries.copy', { source: pushed });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('cancels a copy cancelled right after it started', async () => {
    const { taskId } = unwrap<{ taskId: string }>(
      await app.dispatch('registries.copy', {
        source: pushed,
        target: `${registryHost}/transfer-${run}/gone`,
      }),
    );
    unwrap(await app.dispatch('tasks.cancel', { taskId }));
    const final = await app.tasks.settled(taskId);
    expect(final.state).toBe('cancelled');
    expect(final.error?.code).toBe('CANCELLED');
  });
});
