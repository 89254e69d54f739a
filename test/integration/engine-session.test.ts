import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { discoverEndpoints } from '../../src-main/core/engine/endpoints.js';
import { EngineSession } from '../../src-main/core/engine/session.js';
import type { EngineStatus, ImageEvent } from '../../src-main/core/engine/types.js';
import {
  type AppSettings,
  appSettingsFile,
  appSettingsSchema,
  defaultAppSettings,
} from '../../src-main/core/settings/schema.js';
import { SettingsStore } from '../../src-main/core/settings/store.js';
import { buildScratchImage } from '../support/images.js';

const DOCKER_CLI = '/usr/bin/docker';
const host = inject('dockerHost');

let dir: string;
let env: NodeJS.ProcessEnv;
let settings: SettingsStore<AppSettings>;
let session: EngineSession;
const openSettings = () =>
  SettingsStore.open<AppSettings>(
    appSettingsFile(join(dir, 'config')),
    appSettingsSchema,
    defaultAppSettings,
  );

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-session-'));
  env = { HOME: dir, DOCKER_CONFIG: join(dir, 'docker-config'), DOCKER_HOST: host };
  settings = await openSettings();
  session = new EngineSession({ env, settings, platform: 'linux' });
});
afterEach(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

describe('EngineSession', () => {
  it('lists DOCKER_HOST first and makes it active, as the docker CLI would', async () => {
    const listing = await session.listing();
    expect(listing.activeId).toBe('env');
    expect(listing.endpoints.map((e) => e.id)).toEqual(['env', 'default']);
    const status = await session.status();
    expect(status).toMatchObject({
      reachable: true,
      apiVersion: expect.stringMatching(/^1\.\d+$/),
      os: 'linux',
    });
    expect(status.version).toEqual(expect.any(String));
  });

  it('resolves an id, a name in any case, a known URL and an ad-hoc URL; unknown names list the known ones', async () => {
    expect((await session.resolve('env')).endpoint.id).toBe('env');
    expect((await session.resolve('docker_host')).endpoint.id).toBe('env');
    expect((await session.resolve(host)).endpoint.id).toBe('env');
    const adHoc = await session.resolve('unix:///nowhere/docker.sock');
    expect(adHoc.endpoint).toEqual({
      id: 'url:unix:///nowhere/docker.sock',
      name: 'unix:///nowhere/docker.sock',
      url: 'unix:///nowhere/docker.sock',
      source: 'user',
    });
    await expect(session.resolve('staging')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Known engines: DOCKER_HOST, default.'),
    });
    await expect(session.resolve('ftp://x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('adds, selects, persists and removes a user engine; discovered engines cannot be removed', async () => {
    const missing = `unix://${dir}/missing.sock`;
    const added = await session.add({ name: 'Lab box', url: missing });
    expect(added).toMatchObject({
      id: expect.stringMatching(/^user:[0-9a-f-]{36}$/),
      name: 'Lab box',
      source: 'user',
    });
    await expect(session.add({ name: 'lab BOX', url: missing })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(session.add({ name: 'bad', url: 'unix://relative' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    const status = await session.select('lab box');
    expect(status.reachable).toBe(false);
    expect(status.error).toMatchObject({
      code: 'ENGINE_UNREACHABLE',
      hint: 'Start that engine, or correct its URL in Stevedore.',
    });
    expect(status.error?.message).toContain('the socket does not exist');

    const reopened = new EngineSession({ env, settings: await openSettings(), platform: 'linux' });
    expect((await reopened.listing()).activeId).toBe(added.id);
    await reopened.close();

    await expect(session.remove('default')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await session.remove(added.id);
    expect((await session.listing()).activeId).toBe('env');
    expect((await openSettings()).get()).toMatchObject({ engines: [] });
    expect((await openSettings()).get().activeEngineId).toBeUndefined();
  });

  it('watches the active engine: image changes, a refresh after connecting, and re-targets on select', async () => {
    const statuses: EngineStatus[] = [];
    const changes: { engineId: string; event: ImageEvent }[] = [];
    const stop = session.watch({
      onImagesChanged: (engineId, event) => changes.push({ engineId, event }),
      onStatus: (status) => statuses.push(status),
    });
    try {
      await vi.waitFor(() => expect(changes.map((c) => c.event.action)).toContain('reconnect'), {
        timeout: 5000,
      });
      expect(statuses.at(-1)).toMatchObject({ reachable: true, endpoint: { id: 'env' } });

      const id = await buildScratchImage(
        (await session.resolve()).docker,
        `stevedore-it-${randomUUID().slice(0, 8)}/w:1`,
        {
          'w.txt': 'w',
        },
      );
      await vi.waitFor(
        () =>
          expect(changes).toContainEqual({
            engineId: 'env',
            event: expect.objectContaining({ action: 'tag', id }),
          }),
        {
          timeout: 2000,
        },
      );

      const gone = await session.add({ name: 'gone', url: `unix://${dir}/gone.sock` });
      await session.select(gone.id);
      await vi.waitFor(() =>
        expect(statuses.at(-1)).toMatchObject({ reachable: false, endpoint: { id: gone.id } }),
      );

      changes.length = 0;
      await session.select('env');
      await vi.waitFor(() =>
        expect(statuses.at(-1)).toMatchObject({ reachable: true, endpoint: { id: 'env' } }),
      );
      await vi.waitFor(() =>
        expect(changes).toContainEqual(
          expect.objectContaining({
            engineId: 'env',
            event: expect.objectContaining({ action: 'reconnect' }),
          }),
        ),
      );
    } finally {
      stop();
    }
  });
});

describe('discovery of contexts made by the real docker CLI', () => {
  let config: string;
  beforeAll(async () => {
    config = await mkdtemp(join(tmpdir(), 'stevedore-cli-contexts-'));
    const cli = (...args: string[]) =>
      promisify(execFile)(DOCKER_CLI, args, {
        env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: '' },
      });
    await cli('context', 'create', 'shared', '--docker', `host=${host}`);
    await cli(
      'context',
      'create',
      'remote-tls',
      '--docker',
      'host=tcp://192.0.2.10:2376,skip-tls-verify=true',
    );
    await cli('context', 'use', 'shared');
  });
  afterAll(async () => {
    await rm(config, { recursive: true, force: true });
  });

  it('finds them, prefers the one in use, and the session talks to it', async () => {
    const found = await discoverEndpoints({ env: { DOCKER_CONFIG: config }, platform: 'linux' });
    expect(found.skipped).toEqual([]);
    expect(found.preferredId).toBe('context:shared');
    expect(found.endpoints).toEqual([
      {
        id: 'context:remote-tls',
        name: 'remote-tls',
        url: 'tcp://192.0.2.10:2376',
        source: 'context',
        tlsVerify: false,
      },
      { id: 'context:shared', name: 'shared', url: host, source: 'context' },
      { id: 'default', name: 'default', url: 'unix:///var/run/docker.sock', source: 'default' },
    ]);

    const contextSession = new EngineSession({
      env: { DOCKER_CONFIG: config, HOME: dir },
      settings,
      platform: 'linux',
    });
    try {
      expect(await contextSession.status()).toMatchObject({
        reachable: true,
        endpoint: { id: 'context:shared' },
      });
    } finally {
      await contextSession.close();
    }
  });
});
