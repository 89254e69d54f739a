import { CancelledError } from '../../errors.js';
import { RegistryError } from '../../registry/errors.js';
import { type CredentialLookup, RegistryTransport } from '../../registry/transport/index.js';
import { isCertificateError } from '../../registry/transport/network-error.js';
import { NotaryError } from './errors.js';
import type { NotaryServer } from './server.js';
import type { MetadataSource } from './source.js';

export interface NotaryTransportOptions {
  server: NotaryServer;
  /** The registry whose credentials the notary server's token service accepts (docker sends the registry login). */
  registry: string;
  credentials?: CredentialLookup;
  timeoutMs?: number;
  userAgent?: string;
}

/**
 * The HTTP side of one notary server. It speaks the registry's auth dance (GET /v2/, then Basic or
 * Bearer tokens for `repository:<GUN>:pull`), so it rides on RegistryTransport, with the
 * registry's login and the notary server's CA.
 */
export function notaryTransport(opts: NotaryTransportOptions): RegistryTransport {
  const { server, registry, credentials } = opts;
  return new RegistryTransport({
    host: new URL(server.url).host,
    ...(server.caPem ? { caPem: server.caPem } : {}),
    ...(credentials ? { credentials: () => credentials(registry) } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
  });
}

/** One repository's metadata on a notary server: `GET /v2/<GUN>/_trust/tuf/<name>.json`. */
export class NotaryHttpSource implements MetadataSource {
  readonly label: string;
  private checkedHttps?: Promise<void>;

  constructor(
    private readonly transport: RegistryTransport,
    private readonly server: NotaryServer,
    private readonly gun: string,
    /** Whose login the notary server's token service takes: named when access is refused. */
    private readonly registry: string,
  ) {
    this.label = server.url;
  }

  async fetch(name: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer | null> {
    try {
      await this.requireHttps(signal);
      const response = await this.transport.request({
        method: 'GET',
        path: `/v2/${this.gun}/_trust/tuf/${name}.json`,
        scopes: [`repository:${this.gun}:pull`],
        allowStatus: [404],
        ...(signal ? { signal } : {}),
      });
      if (response.status === 404) {
        await response.dump();
        return null;
      }
      return await response.bytes(maxBytes);
    } catch (error) {
      throw this.toNotaryError(error, name, maxBytes);
    }
  }

  /**
   * The transport falls back to plain HTTP on loopback, as for registries; trust data must come
   * over HTTPS (the docker CLI refuses anything else).
   */
  private requireHttps(signal?: AbortSignal): Promise<void> {
    if (!this.checkedHttps) {
      const check = this.transport.ping(signal).then((ping) => {
        if (ping.baseUrl.protocol !== 'https:') {
          throw new NotaryError(
            'DCT_SERVER_ERROR',
            `${this.label} answers in plain HTTP only; a notary server must speak HTTPS.`,
            { server: this.label, reason: 'plain-http' },
          );
        }
      });
      check.catch(() => {
        if (this.checkedHttps === check) this.checkedHttps = undefined;
      });
      this.checkedHttps = check;
    }
    return this.checkedHttps;
  }

  private toNotaryError(error: unknown, name: string, maxBytes: number): Error {
    if (error instanceof NotaryError || error instanceof CancelledError) return error;
    if (error instanceof RegistryError && error.code === 'TOO_LARGE') {
      return new NotaryError(
        'DCT_TOO_LARGE',
        `The notary server ${this.label} sent more than ${maxBytes} bytes for the ${name} metadata of ${this.gun}; refused.`,
        { server: this.label, gun: this.gun, role: name, maxBytes },
        { cause: error },
      );
    }
    if (isCertificateError(error)) {
      return new NotaryError(
        'DCT_SERVER_ERROR',
        `The TLS certificate of the notary server ${this.label} is not trusted. Give the CA that signed it: put it in ${this.server.caDir}/ca.crt (where the docker CLI looks), set it with the notary server in Settings → Trust, or pass --notary-ca.`,
        { server: this.label, gun: this.gun, transportCode: 'TLS_ERROR', caDir: this.server.caDir },
        { cause: error },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    const transportCode = error instanceof RegistryError ? error.code : undefined;
    if (transportCode === 'UNAUTHORIZED' || transportCode === 'DENIED') {
      return new NotaryError(
        'DCT_SERVER_ERROR',
        `The notary server ${this.label} refused access to the trust data of ${this.gun} (${message.replace(/\.$/, '')}). It accepts your login to ${this.registry}: log in there (stevedore login ${this.registry}) with an account that may pull ${this.gun}.`,
        { server: this.label, gun: this.gun, transportCode },
        { cause: error },
      );
    }
    return new NotaryError(
      'DCT_SERVER_ERROR',
      `The notary server ${this.label} failed for ${this.gun}: ${message}`,
      { server: this.label, gun: this.gun, ...(transportCode ? { transportCode } : {}) },
      { cause: error },
    );
  }
}
