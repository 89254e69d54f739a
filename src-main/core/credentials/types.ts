/** What the registry transport sends for a host. Only the fields a login produced are set. */
export interface Credential {
  username?: string;
  password?: string;
  /** An OAuth refresh token from the registry's token service (`identitytoken` in config.json). */
  identityToken?: string;
  /** A bearer token sent to the registry as is (`registrytoken` in config.json; rare). */
  registryToken?: string;
}

/** Finds the credential for a registry host as references write it (`docker.io`, `127.0.0.1:5000`). */
export type CredentialLookup = (host: string) => Promise<Credential | undefined>;

/** Where a credential lives: a Stevedore account, config.json's `auths`, or a docker-credential-* helper. */
export type CredentialSource = 'app' | 'docker-config' | 'credential-helper';

/** Who we are on a registry, and where that comes from. Never carries the secret. */
export interface Account {
  username: string;
  source: CredentialSource;
}

export interface AccountEntry extends Account {
  host: string;
}

/**
 * One place credentials are kept. Hosts are registry hosts as references write them; each store
 * also accepts config.json's spellings (`https://index.docker.io/v1/`) and normalises them.
 */
export interface CredentialStore {
  get(host: string): Promise<Credential | undefined>;
  set(host: string, credential: Credential): Promise<void>;
  /** Removes the host's credential; nothing happens when there is none. */
  remove(host: string): Promise<void>;
  list(): Promise<AccountEntry[]>;
  /** The account `get` would use, without reading more of the secret than the store must. */
  account(host: string): Promise<Account | undefined>;
}

/**
 * Encrypts secrets with a key the operating system keeps (Electron's safeStorage: Keychain, DPAPI,
 * libsecret/kwallet). Injected by the Electron shell; core never imports electron.
 */
export interface SecretCipher {
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}
