import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../src-main/core/credentials/types.js';
import { openRegistrySession } from '../../src-main/core/registry/open-session.js';
import type { RegistrySession } from '../../src-main/core/registry/session.js';
import { xorCipherForTests } from '../fixtures/credentials/xor-cipher.js';
import { failure } from '../support/failure.js';
import { type Registry, startRegistry } from '../support/registry.js';

/** The app's registry list and logins, against a real registry that wants a password. */
const user = { user: 'alice', password: 'wonderland' };
let registry: Registry;
let work: string;
const sessions: RegistrySession[] = [];

beforeAll(async () => {
  registry = await startRegistry({ htpasswd: user });
});
afterAll(async () => {
  await registry?.stop();
});
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function open(cipher?: SecretCipher) {
  work = await mkdtemp(join(tmpdir(), 'stevedore-registries-'));
  const env = { HOME: work, DOCKER_CONFIG: join(work, 'docker'), STEVEDORE_CACHE_DIR: join(work, 'cache') };
  const session = await openRegistrySession({
    env,
    configDir: join(work, 'config'),
    ...(cipher ? { cipher } : {}),
  });
  sessions.push(session);
  return { session, env };
}

describe('the registry list', () => {
  it('starts with Docker Hub, adds, edits and removes registries, and keeps them in settings', async () => {
    const { session } = await open();
    expect((await session.list()).map((r) => [r.host, r.preset])).toEqual([['docker.io', true]]);

    await session.add({ host: registry.host, name: 'Lab', insecure: false });
    expect(await failure(session.add({ host: registry.host, insecure: false }))).toMatchObject({
      code: 'CONFLICT',
    });
    await session.update(registry.host, { name: 'Lab registry' });
    expect((await session.list()).map((r) => r.name)).toEqual(['Docker Hub', 'Lab registry']);
    const settings = JSON.parse(await readFile(join(work, 'config', 'settings.json'), 'utf8'));
    expect(settings.registries).toEqual([{ host: registry.host, name: 'Lab registry', insecure: false }]);

    expect(await failure(session.remove('docker.io'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await failure(session.update('docker.io', { insecure: true }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await failure(session.add({ host: 'not a host!', insecure: false }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(
      await failure(session.add({ host: 'example.com:5000', insecure: false, caPem: 'not pem' })),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    await session.remove(registry.host);
    expect((await session.list()).map((r) => r.host)).toEqual(['docker.io']);
  });

  it('probes what a registry supports', async () => {
    const { session } = await open();
    const capabilities = await session.probe(registry.host);
    expect(capabilities).toMatchObject({ host: registry.host, reachable: true, authScheme: 'basic' });
  });
});

describe('logging in', () => {
  it('refuses a wrong password and keeps nothing', async () => {
    const { session } = await open();
    const error = await failure(session.login(registry.host, user.user, 'wrong'));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await session.summary(registry.host)).account).toBeUndefined();
  });

  it('without a keychain, writes the docker config as docker login does, and logout removes it', async () => {
    const { session, env } = await open();
    await expect(session.client(registry.host).catalogPage()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const summary = await session.login(registry.host, user.user, user.password);
    expect(summary.account).toEqual({ username: 'alice', source: 'docker-config' });
    const config = JSON.parse(await readFile(join(env.DOCKER_CONFIG, 'config.json'), 'utf8'));
    expect(Buffer.from(config.auths[registry.host].auth, 'base64').toString()).toBe('alice:wonderland');
    expect(await session.client(registry.host).catalogPage()).toEqual({ repositories: [], next: null });

    expect((await session.logout(registry.host)).account).toBeUndefined();
    await expect(session.client(registry.host).catalogPage()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('with a keychain, keeps the secret encrypted in the app and never in the docker config', async () => {
    const { session, env } = await open(xorCipherForTests());
    const summary = await session.login(registry.host, user.user, user.password);
    expect(summary.account).toEqual({ username: 'alice', source: 'app' });
    const accounts = await readFile(join(work, 'config', 'accounts.json'), 'utf8');
    expect(accounts).not.toContain('wonderland');
    await expect(readFile(join(env.DOCKER_CONFIG, 'config.json'), 'utf8')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await session.client(registry.host).catalogPage()).toEqual({ repositories: [], next: null });
    // The renderer-facing summary carries who, never the secret.
    expect(JSON.stringify(await session.list())).not.toContain('wonderland');
  });
});
