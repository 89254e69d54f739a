import type { ContentCache } from '../cache/content-cache.js';
import { accountFor, credentialLookup, registryHostKey } from '../credentials/index.js';
import type { CredentialStores } from '../credentials/stores.js';
import type { Credential } from '../credentials/types.js';
import { InvalidInputError, StevedoreError } from '../errors.js';
import { DOCKER_HUB_DOMAIN } from '../reference/index.js';
import type { AppSettings } from '../settings/schema.js';
import type { SettingsStore } from '../settings/store.js';
import { RegistryClient } from './client/registry-client.js';
import { RegistryTransport } from './transport/index.js';
import type { RegistryCapabilities, RegistryEntry, RegistrySummary } from './types.js';

const DOCKER_HUB: RegistryEntry = {
  host: DOCKER_HUB_DOMAIN,
  name: 'Docker Hub',
  insecure: false,
  preset: true,
};

export interface RegistrySessionOptions {
  settings: SettingsStore<AppSettings>;
  stores: CredentialStores;
  cache?: ContentCache;
}

export interface RegistryChanges {
  name?: string;
  insecure?: boolean;
  /** null removes the CA. */
  caPem?: string | null;
}

interface Connection {
  /** What the client was built from: a change of it means a new client. */
  key: string;
  transport: RegistryTransport;
  client: RegistryClient;
}

/**
 * The registries the user works with (Docker Hub, plus the ones added), their accounts, and one
 * client per host, shared by the IPC handlers and the CLI. A host that is not in the list (a
 * reference typed in the CLI) still gets a client, with default settings.
 */
export class RegistrySession {
  private readonly settings: SettingsStore<AppSettings>;
  private readonly stores: CredentialStores;
  private readonly cache: ContentCache | undefined;
  private readonly connections = new Map<string, Connection>();
  /** Credential helpers are processes: ask once per host, until a login or logout changes it. */
  private readonly credentials = new Map<string, Promise<Credential | undefined>>();
  private readonly lookup;

  constructor(opts: RegistrySessionOptions) {
    this.settings = opts.settings;
    this.stores = opts.stores;
    this.cache = opts.cache;
    this.lookup = credentialLookup(opts.stores.ordered);
  }

  entries(): RegistryEntry[] {
    const added = this.settings.get().registries.map((r) => ({ ...r, preset: false }));
    return [DOCKER_HUB, ...added];
  }

  async list(): Promise<RegistrySummary[]> {
    return Promise.all(this.entries().map((entry) => this.summarize(entry)));
  }

  async summary(host: string): Promise<RegistrySummary> {
    return this.summarize(this.entryFor(registryHostKey(host)));
  }

  async add(input: {
    host: string;
    name?: string;
    insecure: boolean;
    caPem?: string;
  }): Promise<RegistrySummary> {
    const host = registryHostKey(input.host);
    const caPem = checkPem(input.caPem);
    await this.settings.update((settings) => {
      if (host === DOCKER_HUB_DOMAIN || settings.registries.some((r) => r.host === host)) {
        throw new StevedoreError('CONFLICT', `${host} is in the list already.`, { host });
      }
      const entry = { host, name: input.name ?? host, insecure: input.insecure, ...(caPem ? { caPem } : {}) };
      return { ...settings, registries: [...settings.registries, entry] };
    });
    return this.summary(host);
  }

  async update(hostInput: string, changes: RegistryChanges): Promise<RegistrySummary> {
    const host = registryHostKey(hostInput);
    if (host === DOCKER_HUB_DOMAIN)
      throw new InvalidInputError('Docker Hub is built in: it cannot be edited.');
    const caPem = changes.caPem === null ? null : checkPem(changes.caPem);
    await this.settings.update((settings) => {
      const at = settings.registries.findIndex((r) => r.host === host);
      const current = settings.registries[at];
      if (!current) throw notInList(host);
      const { caPem: _old, ...rest } = current;
      const next = {
        ...rest,
        name: changes.name ?? current.name,
        insecure: changes.insecure ?? current.insecure,
        ...(caPem === null ? {} : caPem ? { caPem } : current.caPem ? { caPem: current.caPem } : {}),
      };
      return { ...settings, registries: settings.registries.map((r, i) => (i === at ? next : r)) };
    });
    await this.disconnect(host);
    return this.summary(host);
  }

  async remove(hostInput: string): Promise<void> {
    const host = registryHostKey(hostInput);
    if (host === DOCKER_HUB_DOMAIN)
      throw new InvalidInputError('Docker Hub is built in: it cannot be removed.');
    await this.settings.update((settings) => {
      if (!settings.registries.some((r) => r.host === host)) throw notInList(host);
      return { ...settings, registries: settings.registries.filter((r) => r.host !== host) };
    });
    await this.disconnect(host);
  }

  /** The client for a host, built from its entry (or defaults) and reused while the entry is unchanged. */
  client(hostInput: string): RegistryClient {
    const host = registryHostKey(hostInput);
    const entry = this.entryFor(host);
    const key = JSON.stringify([entry.insecure, entry.caPem ?? '']);
    const known = this.connections.get(host);
    if (known?.key === key) return known.client;
    if (known) void known.transport.close();
    const transport = new RegistryTransport({
      host,
      insecure: entry.insecure,
      ...(entry.caPem ? { caPem: entry.caPem } : {}),
      credentials: (forHost) => this.credentialFor(forHost),
    });
    const client = new RegistryClient({ transport, ...(this.cache ? { cache: this.cache } : {}) });
    this.connections.set(host, { key, transport, client });
    return client;
  }

  /**
   * The login kept for a host, for handing to the engine as X-Registry-Auth (engine push and
   * pull); never to a UI.
   */
  credential(hostInput: string): Promise<Credential | undefined> {
    return this.credentialFor(registryHostKey(hostInput));
  }

  probe(host: string, signal?: AbortSignal): Promise<RegistryCapabilities> {
    return this.client(host).capabilities(signal);
  }

  /**
   * Checks the credential with the registry, then keeps it: encrypted in the app's account store
   * when the OS offers secure storage (the desktop app), else in the docker config as `docker login`
   * does (the CLI and browser mode). The secret never leaves main.
   */
  async login(hostInput: string, username: string, password: string): Promise<RegistrySummary> {
    const host = registryHostKey(hostInput);
    const credential = { username, password };
    const entry = this.entryFor(host);
    const probe = new RegistryTransport({
      host,
      insecure: entry.insecure,
      ...(entry.caPem ? { caPem: entry.caPem } : {}),
    });
    try {
      await probe.verifyCredential(credential);
    } finally {
      await probe.close();
    }
    const store = this.stores.app.canStore() ? this.stores.app : this.stores.dockerConfig;
    await store.set(host, credential);
    await this.disconnect(host);
    return this.summary(host);
  }

  /** Forgets the login wherever it is kept, as `docker logout` does for the docker config. */
  async logout(hostInput: string): Promise<RegistrySummary> {
    const host = registryHostKey(hostInput);
    for (const store of this.stores.ordered) await store.remove(host);
    await this.disconnect(host);
    return this.summary(host);
  }

  /** Closes every connection and waits for cache writes still under way. */
  async close(): Promise<void> {
    const open = [...this.connections.values()];
    this.connections.clear();
    await Promise.all([...open.map((c) => c.transport.close()), this.cache?.flush()]);
  }

  private entryFor(host: string): RegistryEntry {
    return (
      this.entries().find((e) => e.host === host) ?? { host, name: host, insecure: false, preset: false }
    );
  }

  private async summarize(entry: RegistryEntry): Promise<RegistrySummary> {
    const account = await accountFor(this.stores.ordered, entry.host).catch(() => undefined);
    return account ? { ...entry, account } : entry;
  }

  private credentialFor(host: string): Promise<Credential | undefined> {
    let pending = this.credentials.get(host);
    if (!pending) {
      pending = this.lookup(host);
      // A failed lookup (a helper that hung) is asked again next time, not remembered.
      pending.catch(() => this.credentials.delete(host));
      this.credentials.set(host, pending);
    }
    return pending;
  }

  private async disconnect(host: string): Promise<void> {
    this.credentials.delete(host);
    const known = this.connections.get(host);
    this.connections.delete(host);
    await known?.transport.close();
  }
}

function notInList(host: string): StevedoreError {
  return new StevedoreError('NOT_FOUND', `${host} is not in the list of registries.`, { host });
}

/** A CA the user pasted: at least one certificate block, or a clear refusal. */
function checkPem(pem: string | undefined): string | undefined {
  if (pem === undefined || pem.trim() === '') return undefined;
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
    throw new InvalidInputError('The CA must be PEM: one or more -----BEGIN CERTIFICATE----- blocks.');
  }
  return pem.trim();
}
