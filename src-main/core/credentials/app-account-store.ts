import { join } from 'node:path';
import { z } from 'zod';
import { StevedoreError } from '../errors.js';
import { SettingsStore } from '../settings/store.js';
import { checkStorable, usernameOf } from './credential.js';
import { CredentialError } from './errors.js';
import { registryHostKey } from './host.js';
import type { Account, AccountEntry, Credential, CredentialStore, SecretCipher } from './types.js';

const accountSchema = z.object({
  host: z.string().min(1),
  /** Not a secret: kept in clear so accounts can be listed without unlocking the keychain. */
  username: z.string(),
  /** base64 of the cipher's output for the JSON of the secret fields. */
  secret: z.string().min(1),
  savedAt: z.string(),
});

/** accounts.json. `version` changes only with an incompatible layout. */
const accountsFileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(accountSchema).default([]),
});
type AccountsFile = z.output<typeof accountsFileSchema>;

const secretSchema = z.object({
  password: z.string().optional(),
  identityToken: z.string().optional(),
  registryToken: z.string().optional(),
});

export function accountsFile(configDir: string): string {
  return join(configDir, 'accounts.json');
}

export interface AppAccountStoreOptions {
  /** Stevedore's config folder: appConfigDir(env). */
  configDir: string;
  /** The OS keychain through Electron's safeStorage; absent in the CLI and browser mode. */
  cipher?: SecretCipher;
  now?: () => Date;
}

/**
 * Logins added in the app, in `accounts.json` beside settings.json. Each secret is encrypted by the
 * injected cipher; without one (or while it is unavailable) the store keeps nothing and reads
 * nothing: a password is never written in plain text by the app. `stevedore login` writes the
 * docker config instead, as `docker login` does.
 */
export class AppAccountStore implements CredentialStore {
  readonly file: string;
  private opened: Promise<SettingsStore<AccountsFile>> | undefined;

  constructor(private readonly opts: AppAccountStoreOptions) {
    this.file = accountsFile(opts.configDir);
  }

  /** Whether `set` can keep a secret here: only with an available system keychain. */
  canStore(): boolean {
    return this.cipher() !== undefined;
  }

  async get(host: string): Promise<Credential | undefined> {
    const saved = await this.saved(registryHostKey(host));
    if (!saved) return undefined;
    const secret = this.decrypt(saved);
    const credential: Credential = saved.username ? { username: saved.username } : {};
    if (secret.password) credential.password = secret.password;
    if (secret.identityToken) credential.identityToken = secret.identityToken;
    if (secret.registryToken) credential.registryToken = secret.registryToken;
    return credential;
  }

  async account(host: string): Promise<Account | undefined> {
    const saved = await this.saved(registryHostKey(host));
    return saved && { username: usernameOf(saved), source: 'app' };
  }

  async set(host: string, credential: Credential): Promise<void> {
    const key = registryHostKey(host);
    checkStorable(credential);
    const cipher = this.cipher();
    if (!cipher) {
      throw new CredentialError(
        'NO_SECURE_STORAGE',
        'Stevedore keeps passwords only in the system keychain, and none is available here. ' +
          'Use `stevedore login`, which saves the login in the docker config as `docker login` does.',
      );
    }
    const { password, identityToken, registryToken } = credential;
    let secret: string;
    try {
      secret = cipher.encrypt(JSON.stringify({ password, identityToken, registryToken })).toString('base64');
    } catch (error) {
      throw new CredentialError(
        'NO_SECURE_STORAGE',
        `The system keychain refused to encrypt the password: ${(error as Error).message}`,
        undefined,
        { cause: error },
      );
    }
    const account = {
      host: key,
      username: credential.username ?? '',
      secret,
      savedAt: (this.opts.now?.() ?? new Date()).toISOString(),
    };
    await this.update((file) => ({
      ...file,
      accounts: [...file.accounts.filter((saved) => saved.host !== key), account],
    }));
  }

  /** Works without the keychain: forgetting a login needs no secret. */
  async remove(host: string): Promise<void> {
    const key = registryHostKey(host);
    const store = await this.store();
    if (!store.get().accounts.some((saved) => saved.host === key)) return;
    await this.update((file) => ({ ...file, accounts: file.accounts.filter((saved) => saved.host !== key) }));
  }

  async list(): Promise<AccountEntry[]> {
    if (!this.cipher()) return [];
    const store = await this.store();
    return store
      .get()
      .accounts.map((saved) => ({ host: saved.host, username: usernameOf(saved), source: 'app' }));
  }

  /** A saved account is only visible when its secret could be read: `get` and `account` agree. */
  private async saved(host: string): Promise<z.output<typeof accountSchema> | undefined> {
    if (!this.cipher()) return undefined;
    return (await this.store()).get().accounts.find((saved) => saved.host === host);
  }

  private decrypt(saved: z.output<typeof accountSchema>): z.output<typeof secretSchema> {
    try {
      const plain = this.cipher()?.decrypt(Buffer.from(saved.secret, 'base64'));
      const secret = secretSchema.safeParse(plain === undefined ? undefined : JSON.parse(plain));
      if (secret.success) return secret.data;
    } catch {
      // reported below, with what to do about it
    }
    throw new CredentialError(
      'ACCOUNT_UNREADABLE',
      `The saved login for ${saved.host} can no longer be decrypted (the system keychain changed). ` +
        'Log out of this registry and log in again.',
      { host: saved.host },
    );
  }

  private cipher(): SecretCipher | undefined {
    const cipher = this.opts.cipher;
    return cipher?.available() ? cipher : undefined;
  }

  private store(): Promise<SettingsStore<AccountsFile>> {
    this.opened ??= SettingsStore.open(this.file, accountsFileSchema, { version: 1, accounts: [] });
    return this.opened;
  }

  private async update(fn: (file: AccountsFile) => AccountsFile): Promise<void> {
    const store = await this.store();
    try {
      await store.update(fn);
    } catch (error) {
      if (error instanceof StevedoreError) throw error;
      throw new CredentialError(
        'CONFIG_NOT_WRITABLE',
        `Could not save ${this.file}: ${(error as Error).message}`,
        { file: this.file },
        { cause: error },
      );
    }
  }
}
