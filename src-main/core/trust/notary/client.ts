import type { ImageRef } from '../../reference/index.js';
import type { CredentialLookup, RegistryTransport } from '../../registry/transport/index.js';
import { NotaryError } from './errors.js';
import { NotaryHttpSource, notaryTransport } from './http-source.js';
import type { DctResult } from './model.js';
import type { DctPinStore } from './pin-store.js';
import { type NotaryServer, type NotaryServerSetting, resolveNotaryServer } from './server.js';
import type { MetadataLimits } from './source.js';
import { verifyDct } from './verify.js';

export interface NotaryClientOptions {
  /** DOCKER_CONTENT_TRUST_SERVER, and DOCKER_CONFIG / HOME for the CA files. */
  env: NodeJS.ProcessEnv;
  pins: DctPinStore;
  /** Notary servers the user set per registry. */
  settings?: readonly NotaryServerSetting[];
  /** Registry logins: notary's token service accepts the registry's credentials. */
  credentials?: CredentialLookup;
  /** The clock expiry is judged by (tests set it). */
  now?: () => Date;
  /** Per request, as for registries. */
  timeoutMs?: number;
  limits?: Partial<MetadataLimits>;
  userAgent?: string;
}

export interface DctLookupOptions {
  /** `--notary URL`: this server instead of the configured one. */
  server?: string;
  /** `--notary-ca PEM`: the CA of that server. */
  caPem?: string;
  signal?: AbortSignal;
}

/**
 * Docker Content Trust for any repository: picks its notary server as the docker CLI does,
 * fetches and verifies the trust data, pins roots. One per app (it keeps connections); lookups of
 * the same repository run one after the other, so pins are never written by two at once.
 */
export class NotaryClient {
  private readonly transports = new Map<string, RegistryTransport>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: NotaryClientOptions) {}

  /** The notary server (and CA) a lookup of a repository on `registry` would use. */
  resolveServer(registry: string, override?: { url?: string; caPem?: string }): Promise<NotaryServer> {
    return resolveNotaryServer(registry, {
      env: this.opts.env,
      ...(this.opts.settings ? { settings: this.opts.settings } : {}),
      ...(override ? { override } : {}),
      now: this.now(),
    });
  }

  /** The verified trust data of a repository (`state: 'none'` when it has none). */
  async lookup(
    repository: Pick<ImageRef, 'domain' | 'path'>,
    options: DctLookupOptions = {},
  ): Promise<DctResult> {
    const gun = gunOf(repository);
    const server = await this.resolveServer(repository.domain, {
      ...(options.server ? { url: options.server } : {}),
      ...(options.caPem ? { caPem: options.caPem } : {}),
    });
    return this.serialized(gun, () => this.verify(gun, repository.domain, server, options.signal));
  }

  async close(): Promise<void> {
    const transports = [...this.transports.values()];
    this.transports.clear();
    await Promise.all(transports.map((transport) => transport.close()));
  }

  private async verify(
    gun: string,
    registry: string,
    server: NotaryServer,
    signal?: AbortSignal,
  ): Promise<DctResult> {
    const source = new NotaryHttpSource(this.transportFor(server, registry), server, gun, registry);
    try {
      return await verifyDct({
        gun,
        server,
        source,
        pins: this.opts.pins,
        now: this.now(),
        ...(this.opts.limits ? { limits: this.opts.limits } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (!(await this.nobodyHome(error, server, gun))) throw error;
      return {
        state: 'none',
        gun,
        server,
        notices: [
          {
            code: 'DCT_NO_NOTARY_SERVER',
            message: `No notary server answers at ${server.url} (the docker CLI's default for ${registry}): ${(error as Error).message} If ${registry} has Docker Content Trust data, set its notary server in Settings → Trust.`,
          },
        ],
      };
    }
  }

  /**
   * Most registries have no notary server: where docker would merely guess one (the registry's
   * own host), failing to reach it means "no DCT data". Not so once we trusted a root for the GUN:
   * then the data must be somewhere, and its absence is an error.
   */
  private async nobodyHome(error: unknown, server: NotaryServer, gun: string): Promise<boolean> {
    if (server.source !== 'registry') return false;
    if (!(error instanceof NotaryError) || error.code !== 'DCT_SERVER_ERROR') return false;
    return (await this.opts.pins.get(gun)) === undefined;
  }

  private transportFor(server: NotaryServer, registry: string): RegistryTransport {
    const key = JSON.stringify([server.url, server.caPem ?? '', registry]);
    let transport = this.transports.get(key);
    if (!transport) {
      transport = notaryTransport({
        server,
        registry,
        ...(this.opts.credentials ? { credentials: this.opts.credentials } : {}),
        ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
        ...(this.opts.userAgent ? { userAgent: this.opts.userAgent } : {}),
      });
      this.transports.set(key, transport);
    }
    return transport;
  }

  private serialized<T>(gun: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(gun) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    const settled = next.catch(() => {});
    this.queues.set(gun, settled);
    void settled.then(() => {
      if (this.queues.get(gun) === settled) this.queues.delete(gun);
    });
    return next;
  }

  private now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }
}

/** The GUN docker uses for a repository: its fully qualified name (`docker.io/library/alpine`, `127.0.0.1:5000/app`). */
export function gunOf(repository: Pick<ImageRef, 'domain' | 'path'>): string {
  return `${repository.domain}/${repository.path}`;
}
