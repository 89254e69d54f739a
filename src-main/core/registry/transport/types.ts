/** What we log in with. An identity token is an OAuth2 refresh token (what `docker login` stores for some registries). */
export interface Credential {
  username?: string;
  password?: string;
  identityToken?: string;
}

/**
 * Finds the credential for a host as references write it (`docker.io`, `127.0.0.1:5000`).
 * Called each time a token is fetched and for each Basic-authenticated request: keep it cheap.
 */
export type CredentialLookup = (host: string) => Promise<Credential | undefined>;

export interface TransportOptions {
  /** As references write it: `docker.io` means the API host registry-1.docker.io. */
  host: string;
  /** The user marked it insecure: plain HTTP allowed, TLS certificates not verified. */
  insecure?: boolean;
  /** PEM of an extra CA to trust for this registry (added to the system's CAs). */
  caPem?: string;
  credentials?: CredentialLookup;
  /** Per request: until the headers arrive, and between two chunks of the body. Default 30 s. */
  timeoutMs?: number;
  /** Retries on 429/502/503/504 and connection resets. Default 3. */
  maxRetries?: number;
  userAgent?: string;
}

export type RegistryMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface RegistryRequest {
  method: RegistryMethod;
  /** Absolute path starting with /v2/. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Token scopes the request needs: `['repository:library/ubuntu:pull']`, `['registry:catalog:*']`. */
  scopes: string[];
  /** A stream body is sent once: never retried, never re-sent after a 401. */
  body?: Buffer | NodeJS.ReadableStream;
  signal?: AbortSignal;
  /** Statuses returned instead of thrown (e.g. [404] for probes). 2xx are always returned. */
  allowStatus?: number[];
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RegistryResponse {
  status: number;
  /** Lower-case names. Docker Hub's `ratelimit-limit` / `ratelimit-remaining` are here. */
  headers: ResponseHeaders;
  /** The final URL, after redirects. */
  url: URL;
  /** Unconsumed. Errors on it are RegistryErrors (TIMEOUT, REGISTRY_UNREACHABLE) or CancelledError. */
  body: NodeJS.ReadableStream;
  /** The whole body; TOO_LARGE past maxBytes (never buffers more). */
  bytes(maxBytes: number): Promise<Buffer>;
  /** The body as JSON; TOO_LARGE past maxBytes, PROTOCOL_ERROR if it is not JSON. */
  json<T>(maxBytes: number): Promise<T>;
  /** Discards the body so the connection can be reused (or closes it if the body is large). */
  dump(): Promise<void>;
}

/** One challenge of a `WWW-Authenticate` header. `scheme` is lower case; parameter names too. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
  /** The RFC 7235 token68 form (`Negotiate abc==`), when used instead of parameters. */
  token68?: string;
}

export type AuthScheme = 'none' | 'basic' | 'bearer' | 'unknown';

export interface PingResult {
  /** Status of `GET /v2/`: 200 when open, 401 when it wants credentials. */
  status: number;
  /** `Docker-Distribution-API-Version`, when sent (`registry/2.0`). */
  apiVersion?: string;
  challenges: Challenge[];
  scheme: AuthScheme;
  /** Where the API lives, with the scheme that worked: `https://registry-1.docker.io/`. */
  baseUrl: URL;
}
