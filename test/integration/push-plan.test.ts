import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInspect, imageRemove } from '../../src-main/core/engine/images.js';
import type { ImageSummary } from '../../src-main/core/engine/types.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { PushPlan, PushResult } from '../../src-main/ipc/contract.js';
import { runTask as runAppTask, unwrap } from '../support/app-tasks.js';
import { buildScratchImage } from '../support/images.js';
import { freePort } from '../support/ports.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { runServers } from '../support/run-servers.js';
import { skopeoDigest } from '../support/skopeo.js';

const { dockerHost: host, registry: registryHost, docker, run } = runServers();
const local = `stevedore-it-${run}/plan:1.0`;
const USER = { user: 'pusher', password: 'right-password' };

let work: string;
let dockerConfig: string;
let app: App;
let imageId: string;
let guarded: Registry;

const plan = async (target: string, image = local) =>
  unwrap<PushPlan>(await app.dispatch('images.pushPlan', { image, target }));

/** What `docker login` leaves in config.json for `registry`. */
async function storeLogin(registry: string, user: string, password: string): Promise<void> {
  const auth = Buffer.from(`${user}:${password}`).toString('base64');
  await mkdir(dockerConfig, { recursive: true });
  await writeFile(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registry]: { auth } } }));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-plan-'));
  dockerConfig = join(work, 'docker-config');
  guarded = await startRegistry({ htpasswd: USER });
  imageId = await buildScratchImage(docker, local, { 'a.txt': randomUUID() });
}, 120_000);

afterAll(async () => {
  await imageRemove(docker, imageId, { force: true }).catch(() => undefined);
  await guarded?.stop();
  await rm(work, { recursive: true, force: true });
});

/** A fresh app per test: logins are read once per host and kept. */
async function openApp(): Promise<App> {
  await app?.close();
  app = await createApp({
    env: { DOCKER_HOST: host, DOCKER_CONFIG: dockerConfig },
    configDir: join(work, `config-${randomUUID().slice(0, 6)}`),
    transport: 'websocket',
  });
  return app;
}

afterAll(async () => app?.close());

describe('images.pushPlan on an open registry', () => {
  const target = `${registryHost}/plan-${run}/app:1.0`;

  it('before the first push: pushing allowed anonymously, no tag, every layer to upload', async () => {
    await openApp();
    const detail = await imageInspect(docker, local);
    const result = await plan(target);
    expect(result).toMatchObject({
      target,
      registry: registryHost,
      repository: `plan-${run}/app`,
      tag: '1.0',
      image: { id: imageId, platform: `${detail.os}/${detail.architecture}` },
      access: { state: 'granted', username: null },
      remote: { state: 'absent' },
    });
    expect(result.layers.map((layer) => layer.diffId)).toEqual(detail.layers);
    expect(result.layers.every((layer) => layer.state === 'upload' && layer.digest === null)).toBe(true);
  });

  it('after a push: the tag names this image and every layer is there, with its blob digest and size', async () => {
    const { final } = await runAppTask(app, 'images.push', { image: local, target });
    expect(final.error).toBeUndefined();
    const pushed = final.result as PushResult;
    expect(pushed.digest).toBe(await skopeoDigest(target, work));

    const result = await plan(target);
    expect(result.remote).toEqual({ state: 'same', digest: pushed.digest });
    expect(result.layers.length).toBeGreaterThan(0);
    for (const layer of result.layers) {
      expect(layer.state).toBe('present');
      expect(layer.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(layer.size).toBeGreaterThan(0);
    }
  }, 120_000);

  it('the image list says where the image was pushed, though the engine forgot the tag it used', async () => {
    const images = unwrap<ImageSummary[]>(await app.dispatch('images.list', {}));
    const image = images.find((i) => i.id === imageId);
    expect(image?.repoTags).toEqual([local]);
    expect(image?.pushedTo).toEqual([`${registryHost}/plan-${run}/app@${await skopeoDigest(target, work)}`]);
  });

  it('to another repository of the registry: the layers can be mounted from the pushed one', async () => {
    const result = await plan(`${registryHost}/plan-${run}/other:1.0`);
    expect(result.remote).toEqual({ state: 'absent' });
    for (const layer of result.layers) {
      expect(layer).toMatchObject({ state: 'mountable', from: `plan-${run}/app` });
    }
  });

  it('a tag that names another image is reported with its digest', async () => {
    const other = `stevedore-it-${run}/plan-other:1.0`;
    const otherId = await buildScratchImage(docker, other, { 'b.txt': randomUUID() });
    try {
      const result = await plan(target, other);
      expect(result.remote.state).toBe('different');
      expect(result.remote).toMatchObject({ digest: await skopeoDigest(target, work) });
      expect(result.layers.every((layer) => layer.state === 'upload')).toBe(true);
    } finally {
      await imageRemove(docker, otherId, { force: true });
    }
  }, 120_000);

  it('a registry that does not answer: unreachable, and nothing else claimed', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const result = await plan(`${closed}/app:1.0`);
    expect(result.access).toMatchObject({ state: 'unreachable', code: 'REGISTRY_UNREACHABLE' });
    expect(result.remote.state).toBe('unknown');
  });

  it('refuses a digest as the target before asking anything', async () => {
    const envelope = await app.dispatch('images.pushPlan', {
      image: local,
      target: `${registryHost}/app@sha256:${'a'.repeat(64)}`,
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('images.pushPlan on a registry that wants a login', () => {
  const target = () => `${guarded.host}/plan-${run}/app:1.0`;

  it('no login stored: login required', async () => {
    await rm(dockerConfig, { recursive: true, force: true });
    await openApp();
    const result = await plan(target());
    expect(result.access.state).toBe('login-required');
  });

  it('a wrong login stored: denied, naming the user', async () => {
    await storeLogin(guarded.host, USER.user, 'wrong-password');
    await openApp();
    const result = await plan(target());
    expect(result.access).toMatchObject({ state: 'denied', username: USER.user });
    expect(result.access.state === 'denied' && result.access.message).toContain(USER.user);
  });

  it('the right login: granted as that user, and the tag is absent', async () => {
    await storeLogin(guarded.host, USER.user, USER.password);
    await openApp();
    const result = await plan(target());
    expect(result.access).toEqual({ state: 'granted', username: USER.user });
    expect(result.remote).toEqual({ state: 'absent' });
  });
});
