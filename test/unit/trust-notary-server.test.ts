import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DctPin,
  FileDctPinStore,
  type NotaryError,
  resolveNotaryServer,
} from '../../src-main/core/trust/notary/index.js';
import { failure } from '../support/failure.js';

const BEFORE_SHUTDOWN = new Date('2026-11-27T12:00:00Z');
const AFTER_SHUTDOWN = new Date('2026-12-08T00:00:00Z');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-dct-server-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveNotaryServer (the docker CLI: cli/trust Server)', () => {
  const env = () => ({ DOCKER_CONFIG: join(dir, 'docker'), HOME: dir });

  it("uses the registry's own host by default, and Docker Hub's notary for docker.io, marked as retiring", async () => {
    const own = await resolveNotaryServer('registry.example:5000', { env: env(), now: BEFORE_SHUTDOWN });
    expect(own).toMatchObject({ url: 'https://registry.example:5000', source: 'registry' });
    expect(own.retirement).toBeUndefined();
    const hub = await resolveNotaryServer('docker.io', { env: env(), now: BEFORE_SHUTDOWN });
    expect(hub).toMatchObject({ url: 'https://notary.docker.io', source: 'docker-hub' });
    expect(hub.retirement).toEqual({
      date: '2026-12-08',
      retired: false,
      message:
        "Docker Hub's notary service (Docker Content Trust) shuts down on 2026-12-08: sign images with cosign or Notation before then.",
    });
    const later = await resolveNotaryServer('docker.io', { env: env(), now: AFTER_SHUTDOWN });
    expect(later.retirement?.retired).toBe(true);
    expect(later.retirement?.message).toContain('shut down on 2026-12-08');
  });

  it('honours DOCKER_CONTENT_TRUST_SERVER, then a setting for the registry, then an explicit server', async () => {
    const withEnv = { ...env(), DOCKER_CONTENT_TRUST_SERVER: 'https://notary.example:4443/' };
    expect(await resolveNotaryServer('docker.io', { env: withEnv, now: BEFORE_SHUTDOWN })).toMatchObject({
      url: 'https://notary.example:4443',
      source: 'env',
    });
    const settings = [{ registry: 'registry.example', url: 'https://trust.example', caPem: 'SETTING-CA' }];
    expect(
      await resolveNotaryServer('registry.example', { env: withEnv, settings, now: BEFORE_SHUTDOWN }),
    ).toMatchObject({
      url: 'https://trust.example',
      source: 'setting',
      caPem: 'SETTING-CA',
      caSource: 'setting',
    });
    const override = { url: 'https://other.example:1', caPem: 'ARG-CA' };
    expect(
      await resolveNotaryServer('registry.example', {
        env: withEnv,
        settings,
        override,
        now: BEFORE_SHUTDOWN,
      }),
    ).toMatchObject({
      url: 'https://other.example:1',
      source: 'argument',
      caPem: 'ARG-CA',
      caSource: 'argument',
    });
  });

  it("reads the server's CA from the docker config dir's tls/<host:port>/*.crt, as the docker CLI does", async () => {
    const caDir = join(dir, 'docker', 'tls', 'notary.example:4443');
    await mkdir(caDir, { recursive: true });
    await writeFile(join(caDir, 'ca.crt'), 'CA-ONE\n');
    await writeFile(join(caDir, 'extra.crt'), 'CA-TWO\n');
    await writeFile(join(caDir, 'client.cert'), 'CLIENT\n');
    const server = await resolveNotaryServer('r.example', {
      env: { ...env(), DOCKER_CONTENT_TRUST_SERVER: 'https://notary.example:4443' },
      now: BEFORE_SHUTDOWN,
    });
    expect(server.caDir).toBe(caDir);
    expect(server.caPem).toBe('CA-ONE\n\nCA-TWO\n');
    expect(server.caSource).toBe(`${join(caDir, 'ca.crt')}, ${join(caDir, 'extra.crt')}`);
  });

  it('refuses anything but https://host[:port]', async () => {
    for (const [url, why] of [
      ['http://notary.example', 'must be an https:// URL'],
      ['https://notary.example/prefix', 'without a path'],
      ['https://user:pw@notary.example', 'must not carry a user name or password'],
      ['not a url', 'is not a URL'],
    ] as const) {
      const error = await failure<NotaryError>(
        resolveNotaryServer('r.example', {
          env: { ...env(), DOCKER_CONTENT_TRUST_SERVER: url },
          now: BEFORE_SHUTDOWN,
        }),
      );
      expect(error.code).toBe('DCT_CONFIG_INVALID');
      expect(error.message).toContain('(DOCKER_CONTENT_TRUST_SERVER)');
      expect(error.message).toContain(why);
    }
  });
});

describe('FileDctPinStore', () => {
  const pin = (gun: string): DctPin => ({
    gun,
    root: '{"signed":{}}',
    rootVersion: 1,
    rootKeyIds: ['abc'],
    versions: { timestamp: 3 },
    server: 'https://notary.example',
    pinnedAt: '2026-11-27T00:00:00.000Z',
    updatedAt: '2026-11-27T00:00:00.000Z',
  });

  it('keeps one file per GUN, written atomically, and lists and removes them', async () => {
    const store = new FileDctPinStore(join(dir, 'pins'));
    expect(await store.get('docker.io/library/alpine')).toBeUndefined();
    expect(await store.list()).toEqual([]);
    await store.put(pin('docker.io/library/alpine'));
    await store.put(pin('127.0.0.1:5000/app'));
    expect(await store.get('docker.io/library/alpine')).toEqual(pin('docker.io/library/alpine'));
    expect((await store.list()).map((entry) => entry.gun)).toEqual([
      '127.0.0.1:5000/app',
      'docker.io/library/alpine',
    ]);
    const files = await readdir(join(dir, 'pins'));
    expect(files).toHaveLength(2);
    expect(files.every((name) => /^[0-9a-f]{64}\.json$/.test(name))).toBe(true);
    expect(await store.remove('127.0.0.1:5000/app')).toBe(true);
    expect(await store.remove('127.0.0.1:5000/app')).toBe(false);
    expect(await store.list()).toHaveLength(1);
  });

  it('never reads a damaged pin as "no pin" (that would trust any root again)', async () => {
    const store = new FileDctPinStore(dir);
    await store.put(pin('127.0.0.1:5000/app'));
    const [file] = await readdir(dir);
    await writeFile(join(dir, file!), (await readFile(join(dir, file!), 'utf8')).slice(0, 20));
    const error = await failure<NotaryError>(store.get('127.0.0.1:5000/app'));
    expect(error.code).toBe('DCT_CONFIG_INVALID');
    expect(error.message).toContain('The pinned root of trust of 127.0.0.1:5000/app');
    expect(error.message).toContain('it is not JSON');
    expect(error.message).toContain('Settings → Trust → Pinned roots');
  });
});
