import { execFile } from 'node:child_process';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  sign,
  verify,
} from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustMaterialError } from '../../src-main/core/trust/errors.js';
import {
  encryptCosignKey,
  importSigningKey,
  keyHint,
  parsePublicKey,
  verifyWithKey,
} from '../../src-main/core/trust/keys/index.js';

const fixtures = join(import.meta.dirname, '../fixtures/trust');
const run = promisify(execFile);
const nacl = createRequire(import.meta.url)('tweetnacl') as {
  secretbox(msg: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openssl(...args: string[]): Promise<string> {
  return (await run('openssl', args)).stdout;
}

/** cosign.key as cosign writes it, made here with NaCl's own secretbox (tweetnacl) and scrypt. */
function cosignKeyFile(pkcs8: Buffer, password: string, label = 'ENCRYPTED SIGSTORE PRIVATE KEY'): string {
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const key = scryptSync(password, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const body = JSON.stringify({
    kdf: { name: 'scrypt', params: { N: 32768, r: 8, p: 1 }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(nacl.secretbox(pkcs8, nonce, key)).toString('base64'),
  });
  const lines = Buffer.from(body)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<TrustMaterialError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrustMaterialError);
  expect((error as TrustMaterialError).code).toBe(code);
  return error as TrustMaterialError;
}

describe('public keys', () => {
  it('reads cosign.pub, ids it by the sha256 of its SPKI, and gives the hint cosign 3 bundles carry', async () => {
    const key = parsePublicKey(await readFile(join(fixtures, 'cosign.pub'), 'utf8'), 'cosign.pub');
    expect(key).toMatchObject({ name: 'cosign.pub', algorithm: 'ecdsa-p256' });
    expect(key.keyId).toBe('c626b2d7579d49ec4c51d0fdd7a144aa4ccefe17c15f8e97344330c772b64622');
    const bundle = JSON.parse(await readFile(join(fixtures, 'cosign-v3.sigstore-bundle.json.raw'), 'utf8'));
    expect(keyHint(key)).toBe(bundle.verificationMaterial.publicKey.hint);
    const manifest = JSON.parse(
      await readFile(join(fixtures, 'cosign-legacy.sig.manifest.json.raw'), 'utf8'),
    );
    const signature = Buffer.from(
      manifest.layers[0].annotations['dev.cosignproject.cosign/signature'],
      'base64',
    );
    const payload = await readFile(join(fixtures, 'cosign-legacy.simplesigning.payload.json.raw'));
    expect(verifyWithKey(key, payload, signature)).toBe(true);
    expect(verifyWithKey(key, Buffer.concat([payload, Buffer.from(' ')]), signature)).toBe(false);
    expect(verifyWithKey(key, payload, Buffer.from('not a signature'))).toBe(false);
  });

  it('reads RSA and Ed25519 keys and a certificate, and refuses what is not a public key', () => {
    for (const [type, algorithm] of [
      ['rsa', 'rsa'],
      ['ed25519', 'ed25519'],
    ] as const) {
      const pair =
        type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const key = parsePublicKey(
        pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
        `${type}.pub`,
      );
      expect(key.algorithm).toBe(algorithm);
      const data = Buffer.from('payload');
      expect(verifyWithKey(key, data, sign(type === 'rsa' ? 'sha256' : null, data, pair.privateKey))).toBe(
        true,
      );
    }
    expect(() => parsePublicKey('hello', 'notes.txt')).toThrow(/notes\.txt holds no public key/);
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(() => parsePublicKey(x25519, 'x.pub')).toThrow(
      expect.objectContaining({ code: 'KEY_UNSUPPORTED' }),
    );
  });
});

describe('private keys', () => {
  it('imports PKCS #8, SEC 1 ("EC PRIVATE KEY") and encrypted PKCS #8 as openssl writes them', async () => {
    const sec1 = await openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout');
    expect(sec1).toContain('BEGIN EC PRIVATE KEY');
    const fromSec1 = await importSigningKey(sec1, 'ec.key');
    const pkcs8 = createPrivateKey(sec1).export({ type: 'pkcs8', format: 'pem' }) as string;
    expect((await importSigningKey(pkcs8, 'p8.key')).publicKey.keyId).toBe(fromSec1.publicKey.keyId);

    const plain = join(dir, 'plain.pem');
    await writeFile(plain, pkcs8);
    const encrypted = await openssl(
      'pkcs8',
      '-topk8',
      '-in',
      plain,
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:hunter2',
    );
    expect(encrypted).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect((await importSigningKey(encrypted, 'enc.key', 'hunter2')).publicKey.keyId).toBe(
      fromSec1.publicKey.keyId,
    );
    await expectCode(importSigningKey(encrypted, 'enc.key'), 'KEY_PASSWORD_REQUIRED');
    await expectCode(importSigningKey(encrypted, 'enc.key', 'wrong'), 'KEY_PASSWORD_WRONG');
  });

  it("imports cosign's encrypted key file (NaCl secretbox + scrypt), both PEM labels, and signs as its public key says", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    for (const label of ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY']) {
      const key = await importSigningKey(
        cosignKeyFile(der, 'correct horse', label),
        'cosign.key',
        'correct horse',
      );
      const signature = sign('sha256', Buffer.from('x'), key.privateKey);
      expect(verify('sha256', Buffer.from('x'), publicKey, signature)).toBe(true);
    }
    const file = cosignKeyFile(der, 'correct horse');
    await expectCode(importSigningKey(file, 'cosign.key'), 'KEY_PASSWORD_REQUIRED');
    const wrong = await expectCode(
      importSigningKey(file, 'cosign.key', 'battery staple'),
      'KEY_PASSWORD_WRONG',
    );
    expect(wrong.message).toBe('The password does not open cosign.key.');
    // cosign allows an empty password.
    expect(
      (await importSigningKey(cosignKeyFile(der, ''), 'cosign.key', '')).privateKey.asymmetricKeyType,
    ).toBe('ec');
  });

  it('exports a cosign key file that NaCl-compatible code (and so cosign) reads back', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const file = await encryptCosignKey(privateKey, 'exported');
    expect(file.startsWith('-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n')).toBe(true);
    const body = JSON.parse(Buffer.from(file.split('\n').slice(1, -2).join(''), 'base64').toString());
    expect(body).toMatchObject({
      kdf: { name: 'scrypt', params: { N: 65536, r: 8, p: 1 } },
      cipher: { name: 'nacl/secretbox' },
    });
    const back = await importSigningKey(file, 'cosign.key', 'exported');
    expect(back.publicKey.pem).toBe(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
  });

  it('refuses keys that cannot sign cosign-compatible signatures, and files holding no key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const unsupported = await expectCode(importSigningKey(rsa, 'rsa.key'), 'KEY_UNSUPPORTED');
    expect(unsupported.message).toMatch(/ECDSA P-256/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    await expectCode(importSigningKey(p384, 'p384.key'), 'KEY_UNSUPPORTED');
    await expectCode(importSigningKey('no key here', 'notes.txt'), 'KEY_INVALID');
    await expectCode(
      importSigningKey(await readFile(join(fixtures, 'cosign.pub'), 'utf8'), 'cosign.pub'),
      'KEY_UNSUPPORTED',
    );
    const broken =
      '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nbm90IGEga2V5\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n';
    await expectCode(importSigningKey(broken, 'cosign.key', 'x'), 'KEY_INVALID');
  });
});
