import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageInspect, imageRemove } from '../../src-main/core/engine/images.js';
import { imagePull } from '../../src-main/core/engine/pull.js';
import { imagePush } from '../../src-main/core/engine/push.js';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';
import { parseReference } from '../../src-main/core/reference/index.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';
import { buildScratchImage } from '../support/images.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { skopeoDigest } from '../support/skopeo.js';

const endpoint: EngineEndpoint = { id: 'env', name: 'DOCKER_HOST', url: inject('dockerHost'), source: 'env' };
const docker = connect(endpoint);
const registryHost = inject('registryHost');
const run = randomUUID().slice(0, 8);
const local = `stevedore-it-${run}/pushed:1.0`;
const USER = { user: 'pusher', password: 'push-secret' };

let work: string;
let guarded: Registry;
let imageId: string;

function collect(): { parts: TaskPart[]; onProgress: (part: TaskPart) => void } {
  const parts: TaskPart[] = [];
  return { parts, onProgress: (part) => parts.push(part) };
}

/** The last state each layer reached. */
function finalStates(parts: TaskPart[]): string[] {
  return [...new Map(parts.map((part) => [part.id, part.state])).values()];
}

async function tagsOf(id: string): Promise<string[]> {
  return (await imageInspect(docker, id)).repoTags;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-push-'));
  guarded = await startRegistry({ htpasswd: USER });
  imageId = await buildScratchImage(docker, local, { 'a.txt': 'first layer', 'b.txt': randomUUID() });
}, 120_000);

afterAll(async () => {
  await imageRemove(docker, imageId, { force: true }).catch(() => undefined);
  await guarded?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('imagePush', () => {
  const target = `${registryHost}/push-${run}/app:1.0`;

  it('tags, pushes, reports the digest the registry serves, layers per id, and removes its tag', async () => {
    const { parts, onProgress } = collect();
    const result = await imagePush(docker, local, parseReference(target), { onProgress });
    expect(result.target).toBe(target);
    expect(result.digest).toBe(await skopeoDigest(target, work));
    expect(result.size).toBeGreaterThan(0);
    expect(parts.length).toBeGreaterThan(0);
    expect(finalStates(parts)).toEqual(['done']);
    expect(parts.every((part) => part.label === `layer ${part.id}`)).toBe(true);
    expect(await tagsOf(imageId)).toEqual([local]);
  });

  it('reports the layers as existing on a second push', async () => {
    const { parts, onProgress } = collect();
    const result = await imagePush(docker, local, parseReference(target), { onProgress });
    expect(result.digest).toBe(await skopeoDigest(target, work));
    expect(finalStates(parts)).toEqual(['skipped']);
  });

  it('pushes an image already named as the target and keeps its name', async () => {
    const named = `${registryHost}/push-${run}/named:2`;
    await docker.getImage(imageId).tag({ repo: `${registryHost}/push-${run}/named`, tag: '2' });
    const result = await imagePush(docker, named, parseReference(named));
    expect(result.digest).toBe(await skopeoDigest(named, work));
    expect(await tagsOf(imageId)).toContain(named);
    await imageRemove(docker, named, { force: false });
  });

  it('is refused UNAUTHORIZED without credentials, with the daemon message, and cleans its tag', async () => {
    const guardedTarget = parseReference(`${guarded.host}/push-${run}/app:1.0`);
    const failure = await imagePush(docker, local, guardedTarget).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/auth/i) });
    expect(await tagsOf(imageId)).toEqual([local]);
  });

  it('pushes with credentials', async () => {
    const reference = `${guarded.host}/push-${run}/app:1.0`;
    const result = await imagePush(docker, local, parseReference(reference), {
      auth: { username: USER.user, password: USER.password },
    });
    expect(result.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it('reports CANCELLED when aborted, and removes its tag', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await imagePush(docker, local, parseReference(`${registryHost}/push-${run}/cancel:1`), {
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'CANCELLED' });
    expect(await tagsOf(imageId)).toEqual([local]);
  });

  it('refuses a target with a digest, and a target naming another image', async () => {
    await expect(
      imagePush(docker, local, parseReference(`${registryHost}/x@sha256:${'a'.repeat(64)}`)),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const other = `stevedore-it-${run}/other:1`;
    const otherId = await buildScratchImage(docker, other, { 'c.txt': 'other' });
    try {
      await expect(imagePush(docker, local, parseReference(other))).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await tagsOf(otherId)).toEqual([other]);
    } finally {
      await imageRemove(docker, otherId, { force: true });
    }
  }, 60_000);
});

describe('imagePull', () => {
  const source = `${registryHost}/pull-${run}/app:3`;
  let digest: string;

  beforeAll(async () => {
    digest = (await imagePush(docker, local, parseReference(source))).digest;
    await imageRemove(docker, imageId, { force: true });
  }, 60_000);

  it('pulls by tag: the image is back with the pushed digest', async () => {
    const { parts, onProgress } = collect();
    const result = await imagePull(docker, parseReference(source), { onProgress });
    expect(result).toEqual({ reference: source, digest, id: imageId });
    expect(finalStates(parts)).toEqual(['done']);
    expect((await imageInspect(docker, source)).repoDigests).toContain(
      `${registryHost}/pull-${run}/app@${digest}`,
    );
  });

  it('pulls by digest', async () => {
    await imageRemove(docker, imageId, { force: true });
    const byDigest = `${registryHost}/pull-${run}/app@${digest}`;
    const result = await imagePull(docker, parseReference(byDigest));
    expect(result).toEqual({ reference: byDigest, digest, id: imageId });
  });

  it('is refused for a missing tag, and for a guarded registry without credentials', async () => {
    await expect(
      imagePull(docker, parseReference(`${registryHost}/pull-${run}/app:nope`)),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      imagePull(docker, parseReference(`${guarded.host}/push-${run}/app:1.0`)),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(UNAUTHORIZED|DENIED)$/),
    });
  });

  it('pulls from the guarded registry with credentials', async () => {
    const reference = `${guarded.host}/push-${run}/app:1.0`;
    const result = await imagePull(docker, parseReference(reference), {
      auth: { username: USER.user, password: USER.password },
    });
    expect(result.id).toBe(imageId);
    await imageRemove(docker, reference, { force: false });
  });
});
