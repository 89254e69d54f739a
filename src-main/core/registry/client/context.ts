import type { ContentCache } from '../../cache/content-cache.js';
import type { PingResult, RegistryRequest, RegistryResponse } from '../transport/types.js';
import type { RegistryCapabilities } from '../types.js';

/** What the client needs of a RegistryTransport (the transport itself, or a stand-in in unit tests). */
export interface Transport {
  /** As references write it: `docker.io`, `127.0.0.1:5000`. */
  readonly host: string;
  request(request: RegistryRequest): Promise<RegistryResponse>;
  nextLink(response: RegistryResponse): { path: string; query: Record<string, string> } | null;
  ping(signal?: AbortSignal): Promise<PingResult>;
}

/** What the client learns about its registry as it goes, so it asks each question once. */
export interface ClientState {
  /** Whether `GET /v2/<repo>/referrers/<digest>` is served; undefined until first tried. */
  referrersApi?: boolean;
  deletion: RegistryCapabilities['deletion'];
  rateLimit?: RegistryCapabilities['rateLimit'];
}

export interface ClientContext {
  /** As references write it: `docker.io`, `127.0.0.1:5000`. */
  readonly host: string;
  readonly transport: Transport;
  readonly cache?: ContentCache;
  readonly state: ClientState;
}
