import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DockerConfigStore } from '../../src-main/core/credentials/docker-config-store.js';
import {
  type InstalledTestHelper,
  installTestHelper,
  TEST_HELPER_NAME,
} from '../fixtures/credentials/install.js';
import { type Registry, startRegistry } from '../support/registry.js';

/** Debian's docker CLI (20.10); a newer one may come first on PATH. */
const DOCKER = '/usr/bin/docker';
const USER = 'stevedore';
const PASSWORD = 'correct-horse-battery';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real docker CLI reads and writes what our DockerConfigStore writes and reads: `docker login`
 * with no user name logs in with the stored credential (through dockerd, against a registry that
 * requires basic auth), and `docker logout` removes it.
 */
describe('DockerConfigStore and the docker CLI', () => {
  let registry: Registry;
  let dir: string;
  let configDir: string;
  let helper: InstalledTestHelper;
  let store: DockerConfigStore;

  const docker = (args: string[], input?: string): Promise<Ran> =>
    new Promise((resolve, reject) => {
      const child = spawn(DOCKER, ['--config', configDir, ...args], { env: helper.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input ?? '');
    });
  const readConfig = async () => JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8'));
  const writeConfig = async (config: unknown) =>
    writeFile(join(configDir, 'config.json'), JSON.stringify(config));
  const helperStore = async () => JSON.parse(await readFile(helper.storeFile, 'utf8').catch(() => '{}'));

  beforeAll(async () => {
    registry = await startRegistry({ htpasswd: { user: USER, password: PASSWORD } });
  });
  afterAll(async () => {
    await registry?.stop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-docker-cli-'));
    configDir = join(dir, 'docker');
    await mkdir(configDir);
    helper = await installTestHelper(dir, {
      PATH: process.env.PATH,
      HOME: dir,
      DOCKER_HOST: inject('dockerHost'),
      DOCKER_CONFIG: configDir,
    });
    store = new DockerConfigStore({ env: helper.env });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('with config.json auths', () => {
    it('docker login uses the credential we saved, and docker logout removes it', async () => {
      await writeConfig({ psFormat: 'table {{.ID}}' });
      await store.set(registry.host, { username: USER, password: PASSWORD });

      const login = await docker(['login', registry.host]);
      expect(login.stdout, login.stderr).toContain('Login Succeeded');

      const logout = await docker(['logout', registry.host]);
      expect(logout.code, logout.stderr).toBe(0);
      expect(await store.get(registry.host)).toBeUndefined();
      expect(await readConfig()).toEqual({ psFormat: 'table {{.ID}}', auths: {} });
    });

    it('docker login fails with a wrong password we saved: it really checked', async () => {
      await store.set(registry.host, { username: USER, password: 'wrong' });
      const login = await docker(['login', registry.host]);
      expect(login.code).not.toBe(0);
      expect(login.stdout).not.toContain('Login Succeeded');
    });

    it('we read what docker login wrote', async () => {
      const login = await docker(['login', '--username', USER, '--password-stdin', registry.host], PASSWORD);
      expect(login.stdout, login.stderr).toContain('Login Succeeded');
      expect(await store.get(registry.host)).toEqual({ username: USER, password: PASSWORD });
      expect(await store.account(registry.host)).toEqual({ username: USER, source: 'docker-config' });
    });

    it("docker logout with no host removes the Docker Hub login we saved under docker's key", async () => {
      await store.set('docker.io', { username: 'hubuser', password: 'hubpass' });
      await store.set(registry.host, { username: USER, password: PASSWORD });
      const logout = await docker(['logout']);
      expect(logout.code, logout.stderr).toBe(0);
      expect(await store.get('docker.io')).toBeUndefined();
      expect(await store.get(registry.host)).toEqual({ username: USER, password: PASSWORD });
    });
  });

  describe(`with credsStore "${TEST_HELPER_NAME}" (a real helper program)`, () => {
    beforeEach(async () => {
      await writeConfig({ credsStore: TEST_HELPER_NAME });
    });

    it('docker login finds the credential we saved in the helper, and docker logout erases it', async () => {
      await store.set(registry.host, { username: USER, password: PASSWORD });
      expect(await helperStore()).toEqual({ [registry.host]: { Username: USER, Secret: PASSWORD } });

      const login = await docker(['login', registry.host]);
      expect(login.stdout, login.stderr).toContain('Login Succeeded');

      const logout = await docker(['logout', registry.host]);
      expect(logout.code, logout.stderr).toBe(0);
      expect(await helperStore()).toEqual({});
      expect(await store.get(registry.host)).toBeUndefined();
    });

    it('we read what docker login stored through the helper', async () => {
      const login = await docker(['login', '--username', USER, '--password-stdin', registry.host], PASSWORD);
      expect(login.stdout, login.stderr).toContain('Login Succeeded');
      expect(await readConfig()).toEqual({ credsStore: TEST_HELPER_NAME, auths: { [registry.host]: {} } });
      expect(await store.get(registry.host)).toEqual({ username: USER, password: PASSWORD });
      expect(await store.list()).toEqual([
        { host: registry.host, username: USER, source: 'credential-helper' },
      ]);
    });
  });
});
