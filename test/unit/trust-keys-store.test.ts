import { createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrustMaterialError } from '../../src-main/core/trust/errors.js';
import { KeyStore, parsePublicKey } from '../../src-main/core/trust/keys/index.js';
import { xorCipherForTests } from '../fixtures/credentials/xor-cipher.js';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'stevedore-keystore-')), 'signing-keys');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrustMaterialError);
  return (error as TrustMaterialError).code;
}

function signsFor(pem: string, privateKey: Parameters<typeof sign>[2]): boolean {
  const data = Buffer.from('image digest');
  return verify('sha256', data, createPublicKey(pem), sign('sha256', data, privateKey));
}

describe('KeyStore', () => {
  it('generates a password-sealed P-256 key: cosign.pub in clear, the private key never', async () => {
    const store = new KeyStore({ dir, now: () => new Date('2026-01-02T03:04:05Z') });
    const info = await store.generate('release', { password: 's3cret pass' });
    expect(info).toMatchObject({
      name: 'release',
      algorithm: 'ecdsa-p256',
      origin: 'generated',
      protection: 'password',
    });
    expect(info.createdAt).toBe('2026-01-02T03:04:05.000Z');
    const pub = await store.publicKeyPem('release');
    expect(pub).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(parsePublicKey(pub, 'release.pub').keyId).toBe(info.keyId);

    const file = await readFile(join(dir, 'release.key.json'), 'utf8');
    expect(file).not.toMatch(/PRIVATE KEY/);
    expect((await stat(join(dir, 'release.key.json'))).mode & 0o777).toBe(0o600);

    const key = await store.unlock('release', 's3cret pass');
    expect(signsFor(pub, key.privateKey)).toBe(true);
    expect(await codeOf(store.unlock('release', 'guess'))).toBe('KEY_PASSWORD_WRONG');
    expect(await codeOf(store.unlock('release'))).toBe('KEY_PASSWORD_REQUIRED');
    expect(await store.list()).toEqual([info]);
  });

  it('seals with the system keychain when there is one and no password is given', async () => {
    const store = new KeyStore({ dir, cipher: xorCipherForTests() });
    const info = await store.generate('laptop');
    expect(info.protection).toBe('os-keychain');
    expect(signsFor(info.publicKeyPem, (await store.unlock('laptop')).privateKey)).toBe(true);
    // Another keychain (another machine, a reset one) cannot open it: the user is told what to do.
    const elsewhere = new KeyStore({ dir, cipher: xorCipherForTests('another key') });
    expect(await codeOf(elsewhere.unlock('laptop'))).toBe('KEY_UNREADABLE');
    // The CLI has no keychain.
    expect(await codeOf(new KeyStore({ dir }).unlock('laptop'))).toBe('NO_SECURE_STORAGE');
  });

  it('refuses to keep a private key it cannot protect', async () => {
    const store = new KeyStore({ dir, cipher: xorCipherForTests('k', false) });
    expect(await codeOf(store.generate('nowhere'))).toBe('NO_SECURE_STORAGE');
    expect(await codeOf(store.generate('empty', { password: '' }))).toBe('NO_SECURE_STORAGE');
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('imports a key file, exports it as cosign.key for the cosign CLI, and keeps names unique and safe', async () => {
    const source = new KeyStore({ dir: join(dir, '..', 'other') });
    await source.generate('original', { password: 'one' });
    const cosignKey = await source.exportCosignKey('original', 'for cosign', 'one');
    expect(cosignKey).toMatch(/^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----/);

    const store = new KeyStore({ dir });
    const imported = await store.import('ci', cosignKey, { filePassword: 'for cosign', password: 'two' });
    expect(imported.origin).toBe('imported');
    expect(imported.keyId).toBe((await source.get('original')).keyId);
    expect(await codeOf(store.import('ci', cosignKey, { filePassword: 'for cosign', password: 'two' }))).toBe(
      'KEY_EXISTS',
    );
    expect(await codeOf(store.generate('../escape', { password: 'x' }))).toBe('KEY_INVALID');
    expect(await codeOf(store.get('missing'))).toBe('KEY_NOT_FOUND');
    await store.remove('ci');
    expect(await store.list()).toEqual([]);
  });

  it('refuses a key file whose public key was swapped, and lists around a damaged file', async () => {
    const store = new KeyStore({ dir });
    await store.generate('a', { password: 'pw' });
    const other = await store.generate('b', { password: 'pw' });
    const file = join(dir, 'a.key.json');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...stored, publicKey: other.publicKeyPem }));
    expect(await codeOf(store.unlock('a', 'pw'))).toBe('KEY_UNREADABLE');
    // The same key id with another public key's sealed private key does not open either (GCM binds the id).
    await writeFile(file, JSON.stringify({ ...stored, keyId: other.keyId, publicKey: other.publicKeyPem }));
    expect(await codeOf(store.unlock('a', 'pw'))).toBe('KEY_PASSWORD_WRONG');
    await writeFile(join(dir, 'c.key.json'), '{ not json');
    await writeFile(file, JSON.stringify(stored));
    expect((await store.list()).map((k) => k.name)).toEqual(['a', 'b']);
    expect(await codeOf(store.unlock('c'))).toBe('KEY_UNREADABLE');
  });
});
