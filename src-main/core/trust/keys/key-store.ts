import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretCipher } from '../../credentials/types.js';
import { writeFileAtomic } from '../../settings/atomic-write.js';
import { TrustMaterialError } from '../errors.js';
import { openPrivateKey, type Protection, sealedKeySchema, sealPrivateKey } from './at-rest.js';
import { encryptCosignKey } from './cosign-key-file.js';
import { generateSigningKey, importSigningKey, type SigningKey, signingKeyOf } from './private-key.js';
import { parsePublicKey } from './public-key.js';

const storedKeySchema = z.object({
  version: z.literal(1),
  name: z.string(),
  keyId: z.string(),
  algorithm: z.literal('ecdsa-p256'),
  /** PKIX PEM: what `cosign.pub` holds. */
  publicKey: z.string(),
  createdAt: z.string(),
  /** Generated here, or imported from a file. */
  origin: z.enum(['generated', 'imported']),
  privateKey: sealedKeySchema,
});
type StoredKey = z.output<typeof storedKeySchema>;

/** What the UI and CLI show of a signing key: everything but the sealed private key. */
export interface SigningKeyInfo {
  name: string;
  keyId: string;
  algorithm: 'ecdsa-p256';
  publicKeyPem: string;
  createdAt: string;
  origin: 'generated' | 'imported';
  protection: 'os-keychain' | 'password';
}

export interface KeyStoreOptions {
  /** A folder of its own (e.g. `<config dir>/signing-keys`); created on first write, mode 0700. */
  dir: string;
  /** The system keychain (Electron's safeStorage); absent in the CLI and browser mode. */
  cipher?: SecretCipher;
  now?: () => Date;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The user's signing keys (ECDSA P-256, cosign-compatible), one JSON file per key in a folder.
 * The private key is sealed at rest: by the system keychain, or by a password (see at-rest.ts);
 * the public key is in clear, so keys can be listed and `cosign.pub` exported without unlocking.
 */
export class KeyStore {
  constructor(private readonly opts: KeyStoreOptions) {}

  async list(): Promise<SigningKeyInfo[]> {
    const names = await readdir(this.opts.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const keys: SigningKeyInfo[] = [];
    for (const file of names.filter((n) => n.endsWith('.key.json')).sort()) {
      // A file that no longer reads is left alone (never deleted) and not offered for signing.
      const stored = await this.read(file.slice(0, -'.key.json'.length)).catch(() => undefined);
      if (stored) keys.push(info(stored));
    }
    return keys;
  }

  async get(name: string): Promise<SigningKeyInfo> {
    return info(await this.read(name));
  }

  /** A new key pair, sealed with `password` when given, else with the system keychain. */
  async generate(name: string, protection: { password?: string } = {}): Promise<SigningKeyInfo> {
    return this.save(generateSigningKey(checkName(name)), 'generated', protection);
  }

  /**
   * Imports a private key file (PKCS #8, EC, encrypted PKCS #8, cosign.key); `filePassword` opens
   * it, `password` (or the keychain) seals it here.
   */
  async import(
    name: string,
    pem: string,
    opts: { filePassword?: string; password?: string } = {},
  ): Promise<SigningKeyInfo> {
    const key = await importSigningKey(pem, checkName(name), opts.filePassword);
    return this.save(key, 'imported', opts.password === undefined ? {} : { password: opts.password });
  }

  /** `cosign.pub`: the public key as PKIX PEM. */
  async publicKeyPem(name: string): Promise<string> {
    return (await this.read(name)).publicKey;
  }

  /** The key pair, for signing; KEY_PASSWORD_REQUIRED / KEY_PASSWORD_WRONG for password-sealed keys. */
  async unlock(name: string, password?: string): Promise<SigningKey> {
    const stored = await this.read(name);
    const privateKey = await openPrivateKey(stored.privateKey, stored.keyId, name, this.protection(password));
    const key = signingKeyOf(privateKey, name);
    if (key.publicKey.keyId !== stored.keyId) {
      throw new TrustMaterialError(
        'KEY_UNREADABLE',
        `The private key of ${name} does not match its public key.`,
      );
    }
    return key;
  }

  /** The private key as cosign's `cosign.key`, encrypted with `exportPassword`, for the cosign CLI. */
  async exportCosignKey(name: string, exportPassword: string, password?: string): Promise<string> {
    if (exportPassword.length === 0) {
      throw new TrustMaterialError(
        'NO_SECURE_STORAGE',
        'Choose a password to encrypt the exported key with.',
      );
    }
    return encryptCosignKey((await this.unlock(name, password)).privateKey, exportPassword);
  }

  async remove(name: string): Promise<void> {
    await this.read(name);
    await rm(this.file(name), { force: true });
  }

  private protection(password?: string): Protection {
    return {
      ...(this.opts.cipher ? { cipher: this.opts.cipher } : {}),
      ...(password !== undefined ? { password } : {}),
    };
  }

  private async save(
    key: SigningKey,
    origin: StoredKey['origin'],
    protection: { password?: string },
  ): Promise<SigningKeyInfo> {
    const name = key.publicKey.name;
    if (await this.exists(name)) {
      throw new TrustMaterialError(
        'KEY_EXISTS',
        `A signing key named ${name} already exists: choose another name.`,
      );
    }
    const stored: StoredKey = {
      version: 1,
      name,
      keyId: key.publicKey.keyId,
      algorithm: 'ecdsa-p256',
      publicKey: key.publicKey.pem,
      createdAt: (this.opts.now?.() ?? new Date()).toISOString(),
      origin,
      privateKey: await sealPrivateKey(
        key.privateKey,
        key.publicKey.keyId,
        this.protection(protection.password),
      ),
    };
    try {
      await writeFileAtomic(this.file(name), `${JSON.stringify(stored, null, 2)}\n`);
    } catch (error) {
      throw new TrustMaterialError(
        'KEY_STORE_NOT_WRITABLE',
        `Could not save the key in ${this.opts.dir}: ${(error as Error).message}`,
        { dir: this.opts.dir },
        { cause: error },
      );
    }
    return info(stored);
  }

  private async exists(name: string): Promise<boolean> {
    return readFile(this.file(name)).then(
      () => true,
      () => false,
    );
  }

  private file(name: string): string {
    return join(this.opts.dir, `${checkName(name)}.key.json`);
  }

  private async read(name: string): Promise<StoredKey> {
    let text: string;
    try {
      text = await readFile(this.file(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new TrustMaterialError('KEY_NOT_FOUND', `There is no signing key named ${name}.`, { name });
      }
      throw error;
    }
    const parsed = storedKeySchema.safeParse(safeJson(text));
    if (!parsed.success) throw unreadableFile(name);
    // The public key in clear must be the one the key id names: a swapped public key is refused.
    // The public key in clear must be the one the key id names, in the file of its own name.
    if (
      parsed.data.name !== name ||
      parsePublicKey(parsed.data.publicKey, name).keyId !== parsed.data.keyId
    ) {
      throw unreadableFile(name);
    }
    return parsed.data;
  }
}

function info(stored: StoredKey): SigningKeyInfo {
  return {
    name: stored.name,
    keyId: stored.keyId,
    algorithm: stored.algorithm,
    publicKeyPem: stored.publicKey,
    createdAt: stored.createdAt,
    origin: stored.origin,
    protection: stored.privateKey.protection,
  };
}

function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw new TrustMaterialError(
      'KEY_INVALID',
      `"${name.slice(0, 80)}" is not a usable key name: letters, digits, ".", "_" and "-", at most 64.`,
    );
  }
  return name;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unreadableFile(name: string): TrustMaterialError {
  return new TrustMaterialError(
    'KEY_UNREADABLE',
    `The file of the signing key ${name} is damaged. Remove it and import or generate the key again.`,
    { name },
  );
}
