import { createCipheriv, createDecipheriv, createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SecretCipher } from '../../credentials/types.js';
import { TrustMaterialError } from '../errors.js';
import { deriveKey, SCRYPT_DEFAULTS, scryptParamsAcceptable } from './scrypt.js';

/**
 * A private key as the key store keeps it on disk: never in clear. Either the system keychain
 * encrypts it (Electron's safeStorage, through the injected SecretCipher) or a password does
 * (scrypt, then AES-256-GCM). The key id is the GCM's additional data, so a sealed key moved
 * under another public key fails to open instead of signing as someone else.
 */
export const sealedKeySchema = z.discriminatedUnion('protection', [
  z.object({ protection: z.literal('os-keychain'), data: z.string().min(1) }),
  z.object({
    protection: z.literal('password'),
    kdf: z.object({
      name: z.literal('scrypt'),
      N: z.number(),
      r: z.number(),
      p: z.number(),
      salt: z.string(),
    }),
    cipher: z.object({ name: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string() }),
    ciphertext: z.string(),
  }),
]);
export type SealedKey = z.output<typeof sealedKeySchema>;

export interface Protection {
  /** Used when no password is given and it is available. */
  cipher?: SecretCipher;
  password?: string;
}

/** Seals with the password when one is given, else with the keychain; NO_SECURE_STORAGE when neither. */
export async function sealPrivateKey(key: KeyObject, keyId: string, how: Protection): Promise<SealedKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  if (how.password !== undefined) {
    if (how.password.length === 0) {
      throw new TrustMaterialError(
        'NO_SECURE_STORAGE',
        'An empty password would not protect the key: choose one.',
      );
    }
    const salt = randomBytes(32);
    const iv = randomBytes(12);
    const secret = await deriveKey(how.password, salt, SCRYPT_DEFAULTS);
    const cipher = createCipheriv('aes-256-gcm', secret, iv).setAAD(Buffer.from(keyId));
    const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
    return {
      protection: 'password',
      kdf: { name: 'scrypt', ...SCRYPT_DEFAULTS, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
      ciphertext: ciphertext.toString('base64'),
    };
  }
  if (how.cipher?.available()) {
    return {
      protection: 'os-keychain',
      data: how.cipher.encrypt(`${keyId}:${der.toString('base64')}`).toString('base64'),
    };
  }
  throw new TrustMaterialError(
    'NO_SECURE_STORAGE',
    'No system keychain is available to protect the private key: give a password to encrypt it with.',
  );
}

export async function openPrivateKey(
  sealed: SealedKey,
  keyId: string,
  name: string,
  how: Protection,
): Promise<KeyObject> {
  let der: Buffer;
  if (sealed.protection === 'password') {
    if (how.password === undefined) {
      throw new TrustMaterialError(
        'KEY_PASSWORD_REQUIRED',
        `The key ${name} is protected by a password: give it.`,
      );
    }
    const params = { N: sealed.kdf.N, r: sealed.kdf.r, p: sealed.kdf.p };
    if (!scryptParamsAcceptable(params)) throw unreadable(name);
    const secret = await deriveKey(how.password, Buffer.from(sealed.kdf.salt, 'base64'), params);
    try {
      const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(sealed.cipher.iv, 'base64'))
        .setAAD(Buffer.from(keyId))
        .setAuthTag(Buffer.from(sealed.cipher.tag, 'base64'));
      der = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw new TrustMaterialError(
        'KEY_PASSWORD_WRONG',
        `The password does not open the key ${name} (or its file was altered).`,
      );
    }
  } else {
    if (!how.cipher?.available()) {
      throw new TrustMaterialError(
        'NO_SECURE_STORAGE',
        `The key ${name} is kept in the system keychain, which is not available here (use the app, not the CLI).`,
      );
    }
    let plain: string;
    try {
      plain = how.cipher.decrypt(Buffer.from(sealed.data, 'base64'));
    } catch (error) {
      throw unreadable(name, error);
    }
    const [id, base64] = plain.split(':');
    if (id !== keyId || base64 === undefined) throw unreadable(name);
    der = Buffer.from(base64, 'base64');
  }
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw unreadable(name, error);
  }
}

function unreadable(name: string, cause?: unknown): TrustMaterialError {
  return new TrustMaterialError(
    'KEY_UNREADABLE',
    `The private key ${name} can no longer be decrypted (the keychain changed or the file was altered). ` +
      'Import the key again, or generate a new one.',
    { name },
    { cause },
  );
}
