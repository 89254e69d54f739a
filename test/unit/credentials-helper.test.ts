import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialHelper } from '../../src-main/core/credentials/credential-helper.js';
import { DockerConfigStore } from '../../src-main/core/credentials/docker-config-store.js';
import {
  type InstalledTestHelper,
  installTestHelper,
  TEST_HELPER_NAME,
} from '../fixtures/credentials/install.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('CredentialHelper, with a real helper program on PATH', () => {
  let dir: string;
  let installed: InstalledTestHelper;
  let helper: CredentialHelper;
  const helperStore = async () => JSON.parse(await readFile(installed.storeFile, 'utf8'));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-helper-'));
    installed = await installTestHelper(dir, { PATH: process.env.PATH });
    helper = new CredentialHelper(TEST_HELPER_NAME, { env: installed.env });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores, gets, lists and erases over stdin/stdout', async () => {
    await helper.store('127.0.0.1:5000', { username: 'alice', password: 'pw' });
    expect(await helperStore()).toEqual({ '127.0.0.1:5000': { Username: 'alice', Secret: 'pw' } });
    expect(await helper.get('127.0.0.1:5000')).toEqual({ username: 'alice', password: 'pw' });
    expect(await helper.list()).toEqual({ '127.0.0.1:5000': 'alice' });
    await helper.erase('127.0.0.1:5000');
    expect(await helper.list()).toEqual({});
  });

  it('reads "credentials not found in native keychain" as no credential, on get and on erase', async () => {
    expect(await helper.get('nowhere.example.com')).toBeUndefined();
    await expect(helper.erase('nowhere.example.com')).resolves.toBeUndefined();
  });

  it('stores an identity token under the <token> username and reads it back as one', async () => {
    await helper.store('https://index.docker.io/v1/', { username: 'bob', identityToken: 'refresh' });
    expect((await helperStore())['https://index.docker.io/v1/']).toEqual({
      Username: '<token>',
      Secret: 'refresh',
    });
    expect(await helper.get('https://index.docker.io/v1/')).toEqual({ identityToken: 'refresh' });
  });

  it("quotes the helper's own error when it refuses", async () => {
    await expect(helper.store('', { username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'CREDENTIAL_HELPER_FAILED',
      message: 'docker-credential-stevedore-test store failed (exit 1): no credentials server URL',
    });
  });

  it('says the helper is missing, and who named it, when it is not on PATH', async () => {
    const missing = new CredentialHelper('not-installed', {
      env: installed.env,
      origin: 'credsStore in /home/me/.docker/config.json',
    });
    await expect(missing.get('docker.io')).rejects.toMatchObject({
      code: 'CREDENTIAL_HELPER_MISSING',
      message:
        'The credential helper docker-credential-not-installed is not installed or not on PATH ' +
        '(credsStore in /home/me/.docker/config.json). Install it, or remove it from the docker config.',
    });
  });

  it('gives up on a helper that does not answer in time', async () => {
    const slow = new CredentialHelper(TEST_HELPER_NAME, {
      env: { ...installed.env, STEVEDORE_TEST_HELPER_DELAY_MS: '10000' },
      timeoutMs: 300,
    });
    const started = Date.now();
    await expect(slow.get('docker.io')).rejects.toMatchObject({
      code: 'CREDENTIAL_HELPER_TIMEOUT',
      message: expect.stringContaining('did not answer within'),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses an answer that is not the protocol', async () => {
    const garbling = new CredentialHelper(TEST_HELPER_NAME, {
      env: { ...installed.env, STEVEDORE_TEST_HELPER_GARBLE: '1' },
    });
    await expect(garbling.get('docker.io')).rejects.toMatchObject({ code: 'CREDENTIAL_HELPER_FAILED' });
  });

  it('refuses a helper name that could run another program', () => {
    for (const name of ['../evil', 'a/b', '', '-rf']) {
      expect(() => new CredentialHelper(name, { env: {} }), name).toThrow(
        expect.objectContaining({ code: 'DOCKER_CONFIG_INVALID' }),
      );
    }
  });
});

describe('DockerConfigStore with credsStore and credHelpers', () => {
  let dir: string;
  let configDir: string;
  let file: string;
  let installed: InstalledTestHelper;
  let store: DockerConfigStore;
  const writeConfig = async (config: unknown) => writeFile(file, JSON.stringify(config));
  const readConfig = async () => JSON.parse(await readFile(file, 'utf8'));
  const helperStore = async () => JSON.parse(await readFile(installed.storeFile, 'utf8'));
  const helperCalls = async () => (await readFile(installed.logFile, 'utf8')).trim().split('\n');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-helper-store-'));
    configDir = join(dir, 'docker');
    file = join(configDir, 'config.json');
    await mkdir(configDir);
    installed = await installTestHelper(dir, { PATH: process.env.PATH, DOCKER_CONFIG: configDir });
    store = new DockerConfigStore({ env: installed.env });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves to the credsStore helper, leaving only the placeholder docker leaves in auths', async () => {
    await writeConfig({
      credsStore: TEST_HELPER_NAME,
      psFormat: 'x',
      auths: { 'https://index.docker.io/v1/': { auth: b64('plain:text') } },
    });
    await store.set('docker.io', { username: 'hubuser', password: 'hubpass' });
    expect(await helperStore()).toEqual({
      'https://index.docker.io/v1/': { Username: 'hubuser', Secret: 'hubpass' },
    });
    expect(await readConfig()).toEqual({
      credsStore: TEST_HELPER_NAME,
      psFormat: 'x',
      auths: { 'https://index.docker.io/v1/': {} },
    });
    expect(await store.get('docker.io')).toEqual({ username: 'hubuser', password: 'hubpass' });
    expect(await store.account('docker.io')).toEqual({ username: 'hubuser', source: 'credential-helper' });
  });

  it("asks the helper with docker's server address: Hub's v1 URL, else the host", async () => {
    await writeConfig({ credsStore: TEST_HELPER_NAME });
    await store.get('registry-1.docker.io');
    await store.get('127.0.0.1:5000');
    expect(await helperCalls()).toEqual(['get https://index.docker.io/v1/', 'get 127.0.0.1:5000']);
  });

  it('ignores auths for a host whose credentials live in a helper, as docker does', async () => {
    await writeConfig({
      credsStore: TEST_HELPER_NAME,
      auths: { '127.0.0.1:5000': { auth: b64('left:over') } },
    });
    expect(await store.get('127.0.0.1:5000')).toBeUndefined();
  });

  it('uses credHelpers[host] before credsStore, and an empty entry sends the host back to auths', async () => {
    await writeConfig({
      credsStore: 'not-installed',
      credHelpers: { 'https://127.0.0.1:5000': TEST_HELPER_NAME, 'plain.example.com': '' },
      auths: { 'plain.example.com': { auth: b64('filed:pw') } },
    });
    await store.set('127.0.0.1:5000', { username: 'via-credhelper', password: 'pw' });
    expect(await helperStore()).toEqual({ '127.0.0.1:5000': { Username: 'via-credhelper', Secret: 'pw' } });
    expect(await store.account('127.0.0.1:5000')).toEqual({
      username: 'via-credhelper',
      source: 'credential-helper',
    });
    expect(await store.get('plain.example.com')).toEqual({ username: 'filed', password: 'pw' });
    expect(await store.account('plain.example.com')).toEqual({ username: 'filed', source: 'docker-config' });
    await expect(store.get('ghcr.io')).rejects.toMatchObject({ code: 'CREDENTIAL_HELPER_MISSING' });
  });

  it('erases from the helper and drops the placeholder on remove', async () => {
    await writeConfig({ credsStore: TEST_HELPER_NAME });
    await store.set('127.0.0.1:5000', { username: 'u', password: 'p' });
    await store.set('ghcr.io', { username: 'g', password: 'p' });
    await store.remove('127.0.0.1:5000');
    expect(await helperStore()).toEqual({ 'ghcr.io': { Username: 'g', Secret: 'p' } });
    expect((await readConfig()).auths).toEqual({ 'ghcr.io': {} });
    expect(await store.get('127.0.0.1:5000')).toBeUndefined();
  });

  it('lists the helper entries that are logins, overridden per host by credHelpers', async () => {
    await writeFile(
      installed.storeFile,
      JSON.stringify({
        'https://index.docker.io/v1/': { Username: 'hubuser', Secret: 's' },
        'https://index.docker.io/v1/access-token': { Username: 'hubuser', Secret: 'jwt' },
        'ghcr.io': { Username: '<token>', Secret: 't' },
        'quay.io': { Username: 'from-credsstore', Secret: 's' },
      }),
    );
    await writeConfig({
      credsStore: TEST_HELPER_NAME,
      credHelpers: { 'quay.io': '' },
      auths: { 'quay.io': { auth: b64('from-auths:pw') } },
    });
    expect(await store.list()).toEqual([
      { host: 'docker.io', username: 'hubuser', source: 'credential-helper' },
      { host: 'ghcr.io', username: '<token>', source: 'credential-helper' },
      { host: 'quay.io', username: 'from-auths', source: 'docker-config' },
    ]);
  });

  it("still removes the file's entries when the helper is missing, then says so", async () => {
    await writeConfig({
      credsStore: 'not-installed',
      psFormat: 'x',
      auths: { '127.0.0.1:5000': {} },
    });
    await expect(store.remove('127.0.0.1:5000')).rejects.toMatchObject({ code: 'CREDENTIAL_HELPER_MISSING' });
    expect(await readConfig()).toEqual({ credsStore: 'not-installed', psFormat: 'x', auths: {} });
  });

  it('will not hand a registry token to a helper, which has no field for it', async () => {
    await writeConfig({ credsStore: TEST_HELPER_NAME });
    await expect(store.set('ghcr.io', { registryToken: 'bearer' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
