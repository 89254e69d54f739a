import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountFor, credentialLookup, credentialStores } from '../../src-main/core/credentials/index.js';
import { installTestHelper, TEST_HELPER_NAME } from '../fixtures/credentials/install.js';
import { xorCipherForTests } from '../fixtures/credentials/xor-cipher.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const cipher = xorCipherForTests();

describe('credentialLookup and accountFor over the app and docker config stores', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-lookup-'));
    const installed = await installTestHelper(dir, {
      PATH: process.env.PATH,
      DOCKER_CONFIG: join(dir, 'docker'),
      STEVEDORE_CONFIG_DIR: join(dir, 'stevedore'),
    });
    env = installed.env;
    await mkdir(join(dir, 'docker'));
    await writeFile(
      join(dir, 'docker', 'config.json'),
      JSON.stringify({
        credHelpers: { 'helped.example.com': TEST_HELPER_NAME },
        auths: {
          'https://index.docker.io/v1/': { auth: b64('docker-user:docker-pass') },
          '127.0.0.1:5000': { auth: b64('local-user:local-pass') },
        },
      }),
    );
    await writeFile(
      installed.storeFile,
      JSON.stringify({ 'helped.example.com': { Username: 'helper-user', Secret: 'helper-pass' } }),
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('puts app accounts first, then the docker config', () => {
    const stores = credentialStores({ env, cipher });
    expect(stores.ordered).toEqual([stores.app, stores.dockerConfig]);
    expect(stores.app.file).toBe(join(dir, 'stevedore', 'accounts.json'));
    expect(stores.dockerConfig.file).toBe(join(dir, 'docker', 'config.json'));
  });

  it('takes the first hit: an app account over docker login, docker login where the app has none', async () => {
    const stores = credentialStores({ env, cipher });
    await stores.app.set('docker.io', { username: 'app-user', password: 'app-pass' });
    const lookup = credentialLookup(stores.ordered);
    expect(await lookup('docker.io')).toEqual({ username: 'app-user', password: 'app-pass' });
    expect(await lookup('127.0.0.1:5000')).toEqual({ username: 'local-user', password: 'local-pass' });
    expect(await lookup('helped.example.com')).toEqual({ username: 'helper-user', password: 'helper-pass' });
    expect(await lookup('ghcr.io')).toBeUndefined();
  });

  it('names the account and its source, never the secret', async () => {
    const stores = credentialStores({ env, cipher });
    await stores.app.set('docker.io', { username: 'app-user', password: 'app-pass' });
    expect(await accountFor(stores.ordered, 'docker.io')).toEqual({ username: 'app-user', source: 'app' });
    expect(await accountFor(stores.ordered, '127.0.0.1:5000')).toEqual({
      username: 'local-user',
      source: 'docker-config',
    });
    expect(await accountFor(stores.ordered, 'helped.example.com')).toEqual({
      username: 'helper-user',
      source: 'credential-helper',
    });
    expect(await accountFor(stores.ordered, 'ghcr.io')).toBeUndefined();
  });

  it('without a cipher (CLI, browser mode) reads the docker config alone', async () => {
    const stores = credentialStores({ env: { ...env } });
    const lookup = credentialLookup(stores.ordered);
    expect(await lookup('docker.io')).toEqual({ username: 'docker-user', password: 'docker-pass' });
  });

  it("fails with the helper's error rather than going anonymous, unless an earlier store answers", async () => {
    await writeFile(join(dir, 'docker', 'config.json'), JSON.stringify({ credsStore: 'not-installed' }));
    const stores = credentialStores({ env, cipher });
    const lookup = credentialLookup(stores.ordered);
    await expect(lookup('ghcr.io')).rejects.toMatchObject({ code: 'CREDENTIAL_HELPER_MISSING' });
    await stores.app.set('ghcr.io', { username: 'app-user', password: 'p' });
    expect(await lookup('ghcr.io')).toEqual({ username: 'app-user', password: 'p' });
  });
});
