import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { toNetworkError } from './network-error.js';
import type { ResponseHeaders } from './types.js';

/** One HTTP exchange, as the wire sends it: no auth logic, no retries, no redirects. */
export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer | string | NodeJS.ReadableStream;
  signal?: AbortSignal;
}

export interface Reply {
  method: string;
  status: number;
  headers: ResponseHeaders;
  url: URL;
  body: Readable;
}

export interface WireOptions {
  /** `host[:port]` of the registry API: only it gets `insecure` and the registry's own CA. */
  apiHost: string;
  insecure: boolean;
  caPem?: string;
  timeoutMs: number;
  userAgent: string;
}

const KEEP_ALIVE_MS = 30_000;

/**
 * The connections of one transport. The registry's host has its own pool, with the registry's
 * TLS settings; every other host (token services, blob storage) gets verified TLS with the
 * system's CAs plus the registry's CA, never "insecure": that flag is for the registry alone.
 */
export class Wire {
  private readonly registryPool: Agent;
  private readonly elsewherePool: Agent;

  constructor(private readonly opts: WireOptions) {
    const ca = opts.caPem ? [...rootCertificates, opts.caPem] : undefined;
    const common = {
      keepAliveTimeout: KEEP_ALIVE_MS,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    };
    this.registryPool = new Agent({
      ...common,
      connect: { timeout: opts.timeoutMs, rejectUnauthorized: !opts.insecure, ...(ca ? { ca } : {}) },
    });
    this.elsewherePool = new Agent({
      ...common,
      connect: { timeout: opts.timeoutMs, ...(ca ? { ca } : {}) },
    });
  }

  /** Sends one request. Network failures become RegistryErrors naming `label` (or CancelledError). */
  async send(exchange: Exchange, label: string): Promise<Reply> {
    const pool = exchange.url.host === this.opts.apiHost ? this.registryPool : this.elsewherePool;
    try {
      const response = await pool.request({
        origin: exchange.url.origin,
        path: exchange.url.pathname + exchange.url.search,
        method: exchange.method as 'GET',
        headers: { 'user-agent': this.opts.userAgent, ...exchange.headers },
        body: toBody(exchange.body),
        signal: exchange.signal ?? null,
      });
      return {
        method: exchange.method,
        status: response.statusCode,
        headers: response.headers,
        url: exchange.url,
        body: response.body,
      };
    } catch (error) {
      throw toNetworkError(error, label, this.opts.timeoutMs, exchange.signal);
    }
  }

  /** Ends every connection; requests still running fail. */
  async close(): Promise<void> {
    await Promise.all([this.registryPool.destroy(), this.elsewherePool.destroy()]);
  }
}

function toBody(body: Exchange['body']): Buffer | string | Readable | null {
  if (body === undefined) return null;
  if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Readable) return body;
  return new Readable().wrap(body);
}
