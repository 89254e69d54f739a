import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppAccountStore } from '../../src-main/core/credentials/app-account-store.js';
import type { SecretCipher } from '../../src-main/core/credentials/types.js';
import { xorCipherForTests } from '../fixtures/credentials/xor-cipher.js';

describe('AppAccountStore', () => {
  let dir: string;
  let configDir: string;
  const accountsJson = () => join(configDir, 'accounts.json');
  const open = (cipher?: SecretCipher) =>
    new AppAccountStore({ configDir, cipher, now: () => new Date('2025-01-02T03:04:05Z') });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-accounts-'));
    configDir = join(dir, 'config');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the secret encrypted in accounts.json, mode 0600, and reads it back', async () => {
    const store = open(xorCipherForTests());
    await store.set('https://index.docker.io/v1/', { username: 'alice', password: 'correct horse battery' });
    const text = await readFile(accountsJson(), 'utf8');
    expect(text).not.toContain('correct horse battery');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      accounts: [
        {
          host: 'docker.io',
          username: 'alice',
          secret: expect.any(String),
          savedAt: '2025-01-02T03:04:05.000Z',
        },
      ],
    });
    expect((await stat(accountsJson())).mode & 0o777).toBe(0o600);
    expect(await store.get('docker.io')).toEqual({ username: 'alice', password: 'correct horse battery' });
    // A new instance (the next app start) reads the same file.
    expect(await open(xorCipherForTests()).get('registry-1.docker.io')).toEqual({
      username: 'alice',
      password: 'correct horse battery',
    });
  });

  it('keeps one account per host, lists them without secrets, and forgets them', async () => {
    const store = open(xorCipherForTests());
    await store.set('127.0.0.1:5000', { username: 'first', password: '1' });
    await store.set('127.0.0.1:5000', { username: 'second', password: '2' });
    await store.set('ghcr.io', { identityToken: 'token-only' });
    expect(await store.list()).toEqual([
      { host: '127.0.0.1:5000', username: 'second', source: 'app' },
      { host: 'ghcr.io', username: '<token>', source: 'app' },
    ]);
    expect(await store.account('ghcr.io')).toEqual({ username: '<token>', source: 'app' });
    expect(await store.get('ghcr.io')).toEqual({ identityToken: 'token-only' });
    await store.remove('127.0.0.1:5000');
    expect(await store.get('127.0.0.1:5000')).toBeUndefined();
    expect((await store.list()).map((entry) => entry.host)).toEqual(['ghcr.io']);
  });

  it('refuses to store without secure storage, pointing at `stevedore login`, and writes nothing', async () => {
    for (const store of [open(), open(xorCipherForTests('k', false))]) {
      await expect(store.set('docker.io', { username: 'u', password: 'p' })).rejects.toMatchObject({
        code: 'NO_SECURE_STORAGE',
        message: expect.stringContaining('stevedore login'),
      });
    }
    await expect(stat(accountsJson())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('sees no accounts without the cipher, yet can still forget them', async () => {
    await open(xorCipherForTests()).set('docker.io', { username: 'u', password: 'p' });
    const withoutCipher = open();
    expect(await withoutCipher.get('docker.io')).toBeUndefined();
    expect(await withoutCipher.account('docker.io')).toBeUndefined();
    expect(await withoutCipher.list()).toEqual([]);
    await withoutCipher.remove('docker.io');
    expect(await open(xorCipherForTests()).get('docker.io')).toBeUndefined();
  });

  it('says a login must be redone when its secret no longer decrypts', async () => {
    await open(xorCipherForTests('old-key')).set('docker.io', { username: 'u', password: 'p' });
    await expect(open(xorCipherForTests('new-key')).get('docker.io')).rejects.toMatchObject({
      code: 'ACCOUNT_UNREADABLE',
      message: expect.stringContaining('log in again'),
    });
  });

  it('reports a keychain that refuses to encrypt as NO_SECURE_STORAGE', async () => {
    const locked: SecretCipher = {
      available: () => true,
      encrypt: () => {
        throw new Error('keychain is locked');
      },
      decrypt: () => '',
    };
    await expect(open(locked).set('docker.io', { username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'NO_SECURE_STORAGE',
      message: expect.stringContaining('keychain is locked'),
    });
  });

  it('refuses a bad host or an empty login before touching the keychain', async () => {
    const store = open(xorCipherForTests());
    await expect(store.set('not a host', { username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(store.set('docker.io', { username: 'u' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
