import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DockerConfigStore } from '../../src-main/core/credentials/docker-config-store.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('DockerConfigStore without helpers (config.json auths)', () => {
  let dir: string;
  let configDir: string;
  let file: string;
  let store: DockerConfigStore;
  const writeConfig = async (config: unknown) => {
    await mkdir(configDir, { recursive: true });
    await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
  };
  const readConfig = async () => JSON.parse(await readFile(file, 'utf8'));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-credentials-'));
    configDir = join(dir, 'docker');
    file = join(configDir, 'config.json');
    // PATH without helpers: nothing here may run one.
    store = new DockerConfigStore({ env: { DOCKER_CONFIG: configDir, PATH: '' } });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('reading', () => {
    it('decodes base64 user:password; the password may hold ":"', async () => {
      await writeConfig({ auths: { '127.0.0.1:5000': { auth: b64('alice:pa:ss:word') } } });
      expect(await store.get('127.0.0.1:5000')).toEqual({ username: 'alice', password: 'pa:ss:word' });
      expect(await store.account('127.0.0.1:5000')).toEqual({ username: 'alice', source: 'docker-config' });
    });

    it('reads identitytoken, registrytoken and the plain username/password fields docker also accepts', async () => {
      await writeConfig({
        auths: {
          'one.example.com': { auth: b64('bob:'), identitytoken: 'refresh-token' },
          'two.example.com': { registrytoken: 'bearer-token' },
          'three.example.com': { username: 'carol', password: 'secret' },
        },
      });
      expect(await store.get('one.example.com')).toEqual({ username: 'bob', identityToken: 'refresh-token' });
      expect(await store.get('two.example.com')).toEqual({ registryToken: 'bearer-token' });
      expect(await store.account('two.example.com')).toEqual({
        username: '<token>',
        source: 'docker-config',
      });
      expect(await store.get('three.example.com')).toEqual({ username: 'carol', password: 'secret' });
    });

    it("finds Docker Hub under docker's key and under every other spelling of it", async () => {
      for (const key of [
        'https://index.docker.io/v1/',
        'index.docker.io',
        'registry-1.docker.io',
        'docker.io',
      ]) {
        await writeConfig({ auths: { [key]: { auth: b64('hubuser:hubpass') } } });
        for (const host of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) {
          expect(await store.get(host), `${key} for ${host}`).toEqual({
            username: 'hubuser',
            password: 'hubpass',
          });
        }
      }
    });

    it("prefers docker's own key over other spellings of the same host", async () => {
      await writeConfig({
        auths: {
          'docker.io': { auth: b64('old:old') },
          'https://index.docker.io/v1/': { auth: b64('current:current') },
          'https://127.0.0.1:5000': { auth: b64('old:old') },
          '127.0.0.1:5000': { auth: b64('current:current') },
        },
      });
      expect((await store.get('docker.io'))?.username).toBe('current');
      expect((await store.get('127.0.0.1:5000'))?.username).toBe('current');
    });

    it('normalises keys with a scheme or an API path to host[:port]; other paths are not logins', async () => {
      await writeConfig({
        auths: {
          'https://Registry.Example.com:8443/v2/': { auth: b64('dan:pw') },
          'http://127.0.0.1:5000': { auth: b64('erin:pw') },
          'https://other.example.com/some/path': { auth: b64('nope:pw') },
        },
      });
      expect((await store.get('registry.example.com:8443'))?.username).toBe('dan');
      expect((await store.get('127.0.0.1:5000'))?.username).toBe('erin');
      expect(await store.get('other.example.com')).toBeUndefined();
    });

    it('has nothing for an unknown host, a placeholder entry, a missing or an empty file', async () => {
      expect(await store.get('docker.io')).toBeUndefined();
      await writeConfig('');
      expect(await store.get('docker.io')).toBeUndefined();
      await writeConfig({
        auths: { 'https://index.docker.io/v1/': {}, 'x.example.com': { email: 'a@b.c' } },
      });
      expect(await store.get('docker.io')).toBeUndefined();
      expect(await store.get('x.example.com')).toBeUndefined();
      expect(await store.account('x.example.com')).toBeUndefined();
      expect(await store.list()).toEqual([]);
    });

    it('says which file is broken and how, with DOCKER_CONFIG_INVALID', async () => {
      await writeConfig('{"auths": {');
      await expect(store.get('docker.io')).rejects.toMatchObject({
        code: 'DOCKER_CONFIG_INVALID',
        message: expect.stringContaining(`${file} is not valid JSON`),
      });
      await writeConfig('[]');
      await expect(store.get('docker.io')).rejects.toMatchObject({ code: 'DOCKER_CONFIG_INVALID' });
      await writeConfig({ credsStore: 42 });
      await expect(store.get('docker.io')).rejects.toMatchObject({
        code: 'DOCKER_CONFIG_INVALID',
        message: expect.stringContaining('credsStore'),
      });
      await writeConfig({ auths: { 'a.example.com': { auth: 'not base64!' } } });
      await expect(store.get('a.example.com')).rejects.toThrow(/auths\["a.example.com"\].auth is not base64/);
      await writeConfig({ auths: { 'a.example.com': { auth: b64('no-colon') } } });
      await expect(store.get('a.example.com')).rejects.toThrow(/not base64 of "user:password"/);
    });

    it('refuses a host that is not one', async () => {
      await expect(store.get('not a host')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('lists one entry per host, without secrets', async () => {
      await writeConfig({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hubuser:pw') },
          'docker.io': { auth: b64('older:pw') },
          'http://127.0.0.1:5000': { auth: b64('local:pw') },
          'token.example.com': { identitytoken: 't' },
          'empty.example.com': {},
        },
      });
      expect(await store.list()).toEqual([
        { host: 'docker.io', username: 'hubuser', source: 'docker-config' },
        { host: '127.0.0.1:5000', username: 'local', source: 'docker-config' },
        { host: 'token.example.com', username: '<token>', source: 'docker-config' },
      ]);
    });
  });

  describe('writing', () => {
    it('creates the folder and a 0600 file, Docker Hub under https://index.docker.io/v1/ as docker login does', async () => {
      await store.set('docker.io', { username: 'hubuser', password: 'hub pass' });
      expect(await readConfig()).toEqual({
        auths: { 'https://index.docker.io/v1/': { auth: b64('hubuser:hub pass') } },
      });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readdir(configDir)).toEqual(['config.json']);
      // Tab-indented, as the docker CLI writes it.
      expect(await readFile(file, 'utf8')).toMatch(/^\{\n\t"auths"/);
      expect(await store.get('docker.io')).toEqual({ username: 'hubuser', password: 'hub pass' });
    });

    it('keeps every other key of config.json, and the non-secret fields of the replaced entry', async () => {
      const original = {
        currentContext: 'remote',
        psFormat: 'table {{.ID}}',
        proxies: { default: { httpProxy: 'http://proxy:3128' } },
        plugins: { buildx: { x: '1' } },
        somethingNew: { nested: [1, 2, { deep: true }] },
        auths: {
          'ghcr.io': { auth: b64('other:keep') },
          '127.0.0.1:5000': { auth: b64('old:old'), email: 'me@example.com', identitytoken: 'stale' },
        },
      };
      await writeConfig(original);
      await store.set('127.0.0.1:5000', { username: 'new', password: 'new-pass' });
      const written = await readConfig();
      expect(written).toEqual({
        ...original,
        auths: {
          'ghcr.io': { auth: b64('other:keep') },
          '127.0.0.1:5000': { auth: b64('new:new-pass'), email: 'me@example.com' },
        },
      });
      expect(Object.keys(written)).toEqual(Object.keys(original));
    });

    it('writes an identity token as docker does: auth "user:" and identitytoken', async () => {
      await store.set('reg.example.com', { username: 'ivy', identityToken: 'refresh' });
      expect((await readConfig()).auths['reg.example.com']).toEqual({
        auth: b64('ivy:'),
        identitytoken: 'refresh',
      });
      expect(await store.get('reg.example.com')).toEqual({ username: 'ivy', identityToken: 'refresh' });
    });

    it('writes through a symlinked config.json and keeps the link', async () => {
      const real = join(dir, 'dotfiles', 'docker-config.json');
      await mkdir(join(dir, 'dotfiles'));
      await writeFile(real, JSON.stringify({ psFormat: 'x' }));
      await mkdir(configDir);
      await symlink(real, file);
      await store.set('127.0.0.1:5000', { username: 'u', password: 'p' });
      expect((await lstat(file)).isSymbolicLink()).toBe(true);
      expect(JSON.parse(await readFile(real, 'utf8'))).toEqual({
        psFormat: 'x',
        auths: { '127.0.0.1:5000': { auth: b64('u:p') } },
      });
    });

    it('keeps both of two logins saved at once', async () => {
      await Promise.all([
        store.set('one.example.com', { username: 'a', password: '1' }),
        store.set('two.example.com', { username: 'b', password: '2' }),
      ]);
      expect(Object.keys((await readConfig()).auths).sort()).toEqual(['one.example.com', 'two.example.com']);
    });

    it('never overwrites a config.json it cannot read', async () => {
      await writeConfig('{ broken');
      await expect(store.set('docker.io', { username: 'u', password: 'p' })).rejects.toMatchObject({
        code: 'DOCKER_CONFIG_INVALID',
      });
      expect(await readFile(file, 'utf8')).toBe('{ broken');
    });

    it('refuses a login without a secret, or a user name with ":"', async () => {
      await expect(store.set('docker.io', { username: 'u' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(store.set('docker.io', { username: 'a:b', password: 'p' })).rejects.toThrow(
        /cannot contain ":"/,
      );
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('says which file could not be written, with CONFIG_NOT_WRITABLE', async () => {
      await writeFile(join(dir, 'a-file'), '');
      const blocked = new DockerConfigStore({ env: { DOCKER_CONFIG: join(dir, 'a-file', 'docker') } });
      await expect(blocked.set('docker.io', { username: 'u', password: 'p' })).rejects.toMatchObject({
        code: 'CONFIG_NOT_WRITABLE',
        message: expect.stringContaining(join(dir, 'a-file', 'docker', 'config.json')),
      });
    });
  });

  describe('removing', () => {
    it('removes every spelling of the host and nothing else', async () => {
      await writeConfig({
        psFormat: 'x',
        auths: {
          'https://index.docker.io/v1/': { auth: b64('a:1') },
          'index.docker.io': { auth: b64('b:2') },
          '127.0.0.1:5000': { auth: b64('c:3') },
          'https://127.0.0.1:5000': { auth: b64('d:4') },
          'ghcr.io': { auth: b64('e:5') },
        },
      });
      await store.remove('docker.io');
      await store.remove('127.0.0.1:5000');
      expect(await readConfig()).toEqual({ psFormat: 'x', auths: { 'ghcr.io': { auth: b64('e:5') } } });
    });

    it('creates no file when there is nothing to remove', async () => {
      await store.remove('docker.io');
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
});
