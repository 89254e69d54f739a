import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import { InvalidInputError } from '../errors.js';
import type { AppSettings } from '../settings/schema.js';
import type { SettingsStore } from '../settings/store.js';
import { connect } from './connect.js';
import { discoverEndpoints } from './endpoints.js';
import { parseEngineUrl } from './engine-url.js';
import { EngineError, toEngineError } from './errors.js';
import { watchImageEvents } from './events.js';
import { engineStatus, unreachableStatus } from './status.js';
import type { EngineEndpoint, EngineStatus, ImageEvent } from './types.js';

export interface EngineWatchListener {
  /** An image changed on the active engine; action `reconnect` after every (re)connection. */
  onImagesChanged(engineId: string, event: ImageEvent): void;
  /** The active engine came, went, or another engine became active. */
  onStatus(status: EngineStatus): void;
}

export interface NewEngine {
  name: string;
  url: string;
  tlsCertPath?: string;
  tlsVerify?: boolean;
}

interface ActiveWatch {
  key: string;
  stop(): void;
}

/**
 * The app's engine state, shared by the IPC handlers and the CLI: which engines exist
 * (discovered like the docker CLI does, plus the ones the user added), which one is active,
 * a client per engine, and one event watch on the active engine for all listeners.
 */
export class EngineSession {
  private readonly env: NodeJS.ProcessEnv;
  private readonly platform: NodeJS.Platform | undefined;
  private readonly settings: SettingsStore<AppSettings>;
  private readonly clients = new Map<string, Dockerode>();
  private readonly listeners = new Set<EngineWatchListener>();
  private watcher: ActiveWatch | undefined;
  private retargeting: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(opts: {
    env: NodeJS.ProcessEnv;
    settings: SettingsStore<AppSettings>;
    platform?: NodeJS.Platform;
  }) {
    this.env = opts.env;
    this.platform = opts.platform;
    this.settings = opts.settings;
  }

  /** Discovered and user-added engines; the active one is the user's choice while it exists. */
  async listing(): Promise<{ endpoints: EngineEndpoint[]; activeId: string }> {
    const discovered = await discoverEndpoints({
      env: this.env,
      ...(this.platform === undefined ? {} : { platform: this.platform }),
    });
    const settings = this.settings.get();
    const endpoints = [...discovered.endpoints, ...settings.engines];
    const chosen = settings.activeEngineId;
    const activeId = chosen && endpoints.some((e) => e.id === chosen) ? chosen : discovered.preferredId;
    return { endpoints, activeId };
  }

  /** Makes an engine (id or name) the active one, remembers it, and reports its status. */
  async select(id: string): Promise<EngineStatus> {
    const { endpoints } = await this.listing();
    const endpoint = matchEndpoint(endpoints, id, false);
    await this.settings.update((settings) => ({ ...settings, activeEngineId: endpoint.id }));
    await this.retarget();
    return this.statusOf(endpoint);
  }

  async add(input: NewEngine): Promise<EngineEndpoint> {
    const name = input.name.trim();
    const url = input.url.trim();
    if (name === '') throw new InvalidInputError('An engine needs a name.');
    parseEngineUrl(url);
    const tlsCertPath = input.tlsCertPath?.trim();
    if (tlsCertPath) await checkCertDirectory(tlsCertPath);
    const { endpoints } = await this.listing();
    const endpoint: EngineEndpoint & { source: 'user' } = {
      id: `user:${randomUUID()}`,
      name,
      url,
      source: 'user',
      ...(tlsCertPath ? { tlsCertPath } : {}),
      ...(input.tlsVerify === undefined ? {} : { tlsVerify: input.tlsVerify }),
    };
    await this.settings.update((settings) => {
      // Checked inside the update too, so two adds racing with one name cannot both land.
      const taken = [...endpoints, ...settings.engines].find((e) => sameName(e.name, name));
      if (taken) {
        const message = `An engine named "${taken.name}" exists already: choose another name.`;
        throw new EngineError('CONFLICT', message, { id: taken.id });
      }
      return { ...settings, engines: [...settings.engines, endpoint] };
    });
    return endpoint;
  }

  /** Forgets an engine the user added. Discovered engines cannot be removed: NOT_FOUND. */
  async remove(id: string): Promise<void> {
    await this.settings.update((settings) => {
      // Checked against the file as it is now, so an engine the CLI added meanwhile counts.
      if (!settings.engines.some((e) => e.id === id)) {
        throw new EngineError(
          'NOT_FOUND',
          `No engine added in Stevedore has the id "${id}". Engines found through DOCKER_HOST, docker contexts or the default socket cannot be removed here.`,
          { id },
        );
      }
      return {
        ...settings,
        engines: settings.engines.filter((e) => e.id !== id),
        activeEngineId: settings.activeEngineId === id ? undefined : settings.activeEngineId,
      };
    });
    await this.retarget();
  }

  /**
   * The endpoint and client for `engine`: an endpoint id, a name (any case) or a URL
   * (unix://, tcp://, ssh://, ... reached ad hoc); undefined means the active engine.
   */
  async resolve(engine?: string): Promise<{ endpoint: EngineEndpoint; docker: Dockerode }> {
    const endpoint = await this.endpointFor(engine);
    return { endpoint, docker: this.client(endpoint) };
  }

  /** Never throws for an engine that exists but cannot be reached: that is a status. */
  async status(engine?: string): Promise<EngineStatus> {
    return this.statusOf(await this.endpointFor(engine));
  }

  /** Watches the active engine for every listener; returns the function that stops listening. */
  watch(listener: EngineWatchListener): () => void {
    this.listeners.add(listener);
    void this.retarget();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.retarget();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.retarget();
    this.clients.clear();
  }

  private async endpointFor(engine: string | undefined): Promise<EngineEndpoint> {
    const { endpoints, activeId } = await this.listing();
    const wanted = engine?.trim();
    if (!wanted) return endpoints.find((e) => e.id === activeId) ?? matchEndpoint(endpoints, activeId, false);
    return matchEndpoint(endpoints, wanted, true);
  }

  private client(endpoint: EngineEndpoint): Dockerode {
    const key = clientKey(endpoint);
    let docker = this.clients.get(key);
    if (!docker) {
      docker = connect(endpoint);
      this.clients.set(key, docker);
    }
    return docker;
  }

  private async statusOf(endpoint: EngineEndpoint): Promise<EngineStatus> {
    let docker: Dockerode;
    try {
      docker = this.client(endpoint);
    } catch (error) {
      return unreachableStatus(endpoint, toEngineError(error, endpoint));
    }
    return engineStatus(endpoint, docker);
  }

  /** Points the one event watch at the active engine (or stops it): one change at a time. */
  private retarget(): Promise<void> {
    this.retargeting = this.retargeting
      .then(() => this.applyTarget())
      // Never rejects: callers fire and forget it, and the next change must still run.
      .catch((error: unknown) => console.error('Could not watch the active engine:', error));
    return this.retargeting;
  }

  private async applyTarget(): Promise<void> {
    if (this.closed || this.listeners.size === 0) {
      this.watcher?.stop();
      this.watcher = undefined;
      return;
    }
    const endpoint = await this.endpointFor(undefined);
    const key = clientKey(endpoint);
    if (this.watcher?.key === key) return;
    this.watcher?.stop();
    const watch: ActiveWatch = { key, stop: () => {} };
    const isCurrent = () => this.watcher === watch;
    const handle = watchImageEvents(() => this.client(endpoint), {
      onEvent: (event) => {
        if (isCurrent()) this.emit((l) => l.onImagesChanged(endpoint.id, event));
      },
      onConnection: (reachable, error) => {
        if (!isCurrent()) return;
        if (!reachable) {
          const cause = error ?? new EngineError('ENGINE_UNREACHABLE', `Lost the engine at ${endpoint.url}.`);
          this.emit((l) => l.onStatus(unreachableStatus(endpoint, cause)));
          return;
        }
        void this.statusOf(endpoint).then((status) => {
          if (!isCurrent()) return;
          this.emit((l) => l.onStatus(status));
          const refresh: ImageEvent = { action: 'reconnect', id: '', time: new Date().toISOString() };
          this.emit((l) => l.onImagesChanged(endpoint.id, refresh));
        });
      },
    });
    watch.stop = handle.stop;
    this.watcher = watch;
  }

  private emit(call: (listener: EngineWatchListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        // One broken listener must not starve the others or break the watch.
        console.error('An engine listener failed:', error);
      }
    }
  }
}

/** By id, then by name in any case; a URL (when allowed) matches an engine with that URL or is used as is. */
function matchEndpoint(endpoints: EngineEndpoint[], wanted: string, allowUrl: boolean): EngineEndpoint {
  const byId = endpoints.find((e) => e.id === wanted);
  if (byId) return byId;
  const byName = endpoints.filter((e) => sameName(e.name, wanted));
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1) {
    throw new EngineError(
      'CONFLICT',
      `Several engines are named "${wanted}": use an id (${byName.map((e) => e.id).join(', ')}).`,
      { ids: byName.map((e) => e.id) },
    );
  }
  if (allowUrl && /^[a-z]+:\/\//i.test(wanted)) {
    parseEngineUrl(wanted);
    return (
      endpoints.find((e) => e.url === wanted) ?? {
        id: `url:${wanted}`,
        name: wanted,
        url: wanted,
        source: 'user',
      }
    );
  }
  const known = endpoints.map((e) => e.name).join(', ');
  throw new EngineError(
    'NOT_FOUND',
    `No engine is called "${wanted}". Known engines: ${known}.${allowUrl ? ' Or give a URL such as unix:///var/run/docker.sock.' : ''}`,
    { engine: wanted, known: endpoints.map((e) => ({ id: e.id, name: e.name })) },
  );
}

/** Same key, same way of connecting: a client can be reused. */
function clientKey(endpoint: EngineEndpoint): string {
  return JSON.stringify([endpoint.id, endpoint.url, endpoint.tlsCertPath, endpoint.tlsVerify]);
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

async function checkCertDirectory(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
  } catch {
    // reported below
  }
  throw new InvalidInputError(
    `${dir} is not a folder: give the folder that holds ca.pem, cert.pem and key.pem.`,
    {
      tlsCertPath: dir,
    },
  );
}
