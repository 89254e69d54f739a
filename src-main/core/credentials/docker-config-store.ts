import { dockerConfigDir } from '../engine/endpoints.js';
import { InvalidInputError } from '../errors.js';
import { checkStorable, usernameOf } from './credential.js';
import { CredentialHelper, TOKEN_USERNAME } from './credential-helper.js';
import {
  authEntry,
  authEntryFor,
  authKeysFor,
  type DockerConfig,
  dockerConfigFile,
  readDockerConfig,
  writeDockerConfig,
} from './docker-config.js';
import { configKeyHost, registryHostKey, serverAddress } from './host.js';
import type { Account, AccountEntry, Credential, CredentialSource, CredentialStore } from './types.js';

export interface DockerConfigStoreOptions {
  /** DOCKER_CONFIG or HOME pick the folder, as for the docker CLI; PATH finds the credential helpers. */
  env: NodeJS.ProcessEnv;
  helperTimeoutMs?: number;
}

interface Found {
  credential: Credential;
  source: CredentialSource;
}

/**
 * The docker CLI's credentials (`docker login`), read and written as the CLI does: a host's
 * credential lives in the helper `credHelpers` names for it, else in the `credsStore` helper, else in
 * config.json's `auths` as base64 `user:password`. An empty `credHelpers` value sends a host back to
 * `auths` even when `credsStore` is set. Every other key of config.json is kept on write.
 */
export class DockerConfigStore implements CredentialStore {
  readonly file: string;
  /** Writes run one at a time, each on the file as it is on disk then. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: DockerConfigStoreOptions) {
    this.file = dockerConfigFile(dockerConfigDir(opts.env));
  }

  async get(host: string): Promise<Credential | undefined> {
    const key = registryHostKey(host);
    return (await this.find(await readDockerConfig(this.file), key))?.credential;
  }

  async account(host: string): Promise<Account | undefined> {
    const key = registryHostKey(host);
    const found = await this.find(await readDockerConfig(this.file), key);
    return found && { username: usernameOf(found.credential), source: found.source };
  }

  async set(host: string, credential: Credential): Promise<void> {
    const key = registryHostKey(host);
    checkStorable(credential);
    return this.serialise(async () => {
      const config = await readDockerConfig(this.file);
      const address = serverAddress(key);
      const helper = this.helperFor(config, key);
      if (helper) {
        if (credential.registryToken) {
          throw new InvalidInputError(
            `${helper.program} cannot keep a registry token, only a password or identity token`,
          );
        }
        await helper.store(address, credential);
        // As docker: an empty entry marks the login; any plain-text secret left under this key goes.
        setAuthEntry(config, address, authEntry({}, config.auths[address]));
      } else {
        setAuthEntry(config, address, authEntry(credential, config.auths[address]));
      }
      await writeDockerConfig(config);
    });
  }

  async remove(host: string): Promise<void> {
    const key = registryHostKey(host);
    return this.serialise(async () => {
      const config = await readDockerConfig(this.file);
      let helperError: unknown;
      try {
        await this.helperFor(config, key)?.erase(serverAddress(key));
      } catch (error) {
        // As `docker logout`: the file's entries still go; then the helper's failure is reported.
        helperError = error;
      }
      const keys = authKeysFor(config, key);
      if (keys.length > 0) {
        const auths = config.raw.auths as Record<string, unknown>;
        for (const authKey of keys) delete auths[authKey];
        await writeDockerConfig(config);
      }
      if (helperError) throw helperError;
    });
  }

  /** As docker's GetAllCredentials: the default store's entries, overridden per host by credHelpers. */
  async list(): Promise<AccountEntry[]> {
    const config = await readDockerConfig(this.file);
    const entries = new Map<string, AccountEntry>();
    if (config.credsStore) {
      const listed = await this.helper(config.credsStore, `credsStore in ${config.file}`).list();
      for (const [url, username] of Object.entries(listed)) {
        const { host, login } = configKeyHost(url);
        if (!login || !host || entries.has(host)) continue;
        entries.set(host, { host, username: username || TOKEN_USERNAME, source: 'credential-helper' });
      }
    } else {
      for (const key of Object.keys(config.auths)) {
        const { host, login } = configKeyHost(key);
        if (!login || entries.has(host)) continue;
        const found = authEntryFor(config, host);
        if (found)
          entries.set(host, { host, username: usernameOf(found.credential), source: 'docker-config' });
      }
    }
    for (const key of Object.keys(config.credHelpers)) {
      const { host, login } = configKeyHost(key);
      if (!login) continue;
      entries.delete(host);
      const found = await this.find(config, host);
      if (found) entries.set(host, { host, username: usernameOf(found.credential), source: found.source });
    }
    return [...entries.values()];
  }

  private async find(config: DockerConfig, host: string): Promise<Found | undefined> {
    const helper = this.helperFor(config, host);
    if (helper) {
      const credential = await helper.get(serverAddress(host));
      return credential && { credential, source: 'credential-helper' };
    }
    const entry = authEntryFor(config, host);
    return entry && { credential: entry.credential, source: 'docker-config' };
  }

  /** credHelpers for this host (docker's own key first, then other spellings of it), else credsStore. */
  private helperFor(config: DockerConfig, host: string): CredentialHelper | undefined {
    const exact = serverAddress(host);
    const keys = [exact, ...Object.keys(config.credHelpers).filter((key) => key !== exact)];
    for (const key of keys) {
      const name = config.credHelpers[key];
      if (name === undefined || configKeyHost(key).host !== host) continue;
      return name === '' ? undefined : this.helper(name, `credHelpers["${key}"] in ${config.file}`);
    }
    return config.credsStore ? this.helper(config.credsStore, `credsStore in ${config.file}`) : undefined;
  }

  private helper(name: string, origin: string): CredentialHelper {
    return new CredentialHelper(name, { env: this.opts.env, timeoutMs: this.opts.helperTimeoutMs, origin });
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function setAuthEntry(config: DockerConfig, key: string, entry: object): void {
  const current = config.raw.auths;
  const auths = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
  auths[key] = entry;
  config.raw.auths = auths;
}
