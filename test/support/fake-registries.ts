/**
 * Fakes for what no real registry produces on demand: tampered bytes, rate limits, redirects to
 * storage on another host, hostile Link headers and realms, hangs. Each is a small node:http server
 * on a free loopback port, most of them in front of a real registry (`upstream`, `http://127.0.0.1:PORT`).
 */
import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeServer {
  /** `127.0.0.1:PORT`, as references write it. */
  host: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  stop(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

async function listen(handler: Handler): Promise<FakeServer & { server: Server }> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface UpstreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends `req` on to `upstream` as is (Host included, so the registry's Location headers name us) and buffers the reply. */
async function forward(upstream: string, req: IncomingMessage): Promise<UpstreamReply> {
  const body = await readAll(req);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(req.url ?? '/', upstream),
      { method: req.method, headers: req.headers },
      (res) => {
        readAll(res).then(
          (data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }),
          reject,
        );
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

function send(res: ServerResponse, reply: UpstreamReply, isHead: boolean): void {
  const headers = { ...reply.headers };
  delete headers['transfer-encoding'];
  if (!isHead) headers['content-length'] = String(reply.body.length);
  res.writeHead(reply.status, headers);
  res.end(isHead ? undefined : reply.body);
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function specError(code: string, message: string): string {
  return JSON.stringify({ errors: [{ code, message, detail: null }] });
}

const MANIFEST_OR_BLOB = /^\/v2\/.+\/(manifests|blobs)\/[^/]+$/;

/** Flips the lowest bit of the last byte: same length, different digest. */
export function flipLastByte(body: Buffer): Buffer {
  if (body.length === 0) return Buffer.from([0]);
  const copy = Buffer.from(body);
  copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 1;
  return copy;
}

export interface FakeTamperingProxy extends FakeServer {
  /** Paths whose bytes were altered. */
  tampered: string[];
}

/**
 * A proxy that alters the bytes of successful manifest and blob GETs (headers, including
 * Docker-Content-Digest, untouched): what a client that hashes what it received must catch.
 */
export async function startFakeTamperingProxy(opts: {
  upstream: string;
  alter?: (path: string, body: Buffer) => Buffer;
}): Promise<FakeTamperingProxy> {
  const alter = opts.alter ?? ((_path: string, body: Buffer) => flipLastByte(body));
  const tampered: string[] = [];
  const fake = await listen(async (req, res) => {
    const reply = await forward(opts.upstream, req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method === 'GET' && reply.status === 200 && MANIFEST_OR_BLOB.test(path)) {
      tampered.push(path);
      reply.body = alter(path, reply.body);
    }
    send(res, reply, req.method === 'HEAD');
  });
  return { host: fake.host, url: fake.url, stop: fake.stop, tampered };
}

export interface FakeRateLimitedRegistry extends FakeServer {
  /** Every request that matched, with when it arrived and what it was answered. */
  events: { at: number; method: string; path: string; status: number }[];
}

/**
 * Answers the first `times` matching requests with `status` (429 by default), a Retry-After if
 * given and Docker Hub's rate-limit headers, then proxies to `upstream`. By default every request
 * but the ping matches.
 */
export async function startFakeRateLimitedRegistry(opts: {
  upstream: string;
  times: number;
  status?: number;
  retryAfter?: string;
  match?: (method: string, path: string) => boolean;
}): Promise<FakeRateLimitedRegistry> {
  const match = opts.match ?? ((_method: string, path: string) => path !== '/v2/');
  const events: FakeRateLimitedRegistry['events'] = [];
  let limited = 0;
  const fake = await listen(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (!match(method, path)) return send(res, await forward(opts.upstream, req), method === 'HEAD');
    if (limited < opts.times) {
      limited += 1;
      const status = opts.status ?? 429;
      events.push({ at: Date.now(), method, path, status });
      await readAll(req);
      res.writeHead(status, {
        'content-type': 'application/json',
        'ratelimit-limit': '100;w=21600',
        'ratelimit-remaining': '0;w=21600',
        ...(opts.retryAfter === undefined ? {} : { 'retry-after': opts.retryAfter }),
      });
      res.end(specError('TOOMANYREQUESTS', 'You have reached your pull rate limit (fake).'));
      return;
    }
    const reply = await forward(opts.upstream, req);
    events.push({ at: Date.now(), method, path, status: reply.status });
    send(res, reply, method === 'HEAD');
  });
  return { host: fake.host, url: fake.url, stop: fake.stop, events };
}

export interface FakeRedirectingRegistry extends FakeServer {
  /** The "blob storage" the registry redirects to: another port, so another origin. */
  storage: { host: string; url: string; requests: { path: string; authorization?: string }[] };
}

/**
 * A proxy that answers blob GETs with a 307 to storage on another origin, as S3-backed
 * registries do: it fetches the blob from `upstream` itself (with the client's credentials) and
 * hands it out once at a random storage URL, which records whether an Authorization header came.
 */
export async function startFakeRedirectingRegistry(opts: {
  upstream: string;
}): Promise<FakeRedirectingRegistry> {
  const parked = new Map<string, UpstreamReply>();
  const requests: FakeRedirectingRegistry['storage']['requests'] = [];
  const storage = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    requests.push({
      path,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const blob = parked.get(path);
    if (!blob) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such object');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(blob.body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : blob.body);
  });
  const fake = await listen(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const reply = await forward(opts.upstream, req);
    if (req.method !== 'GET' || reply.status !== 200 || !/^\/v2\/.+\/blobs\/[^/]+$/.test(path)) {
      return send(res, reply, req.method === 'HEAD');
    }
    const key = `/objects/${randomUUID()}`;
    parked.set(key, reply);
    res.writeHead(307, { location: `${storage.url}${key}`, 'content-length': '0' });
    res.end();
  });
  return {
    host: fake.host,
    url: fake.url,
    storage: { host: storage.host, url: storage.url, requests },
    async stop() {
      await Promise.all([fake.stop(), storage.stop()]);
    },
  };
}

/**
 * A proxy that puts a `Link: <linkTo>; rel="next"` on catalog and tag-list answers, pointing
 * at another host: a client following it would send its token there.
 */
export async function startFakeCrossHostLinkRegistry(opts: {
  upstream: string;
  linkTo?: string;
}): Promise<FakeServer> {
  const linkTo = opts.linkTo ?? 'https://registry.elsewhere.invalid/v2/_catalog?last=zzz&n=1';
  const fake = await listen(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const reply = await forward(opts.upstream, req);
    if (reply.status === 200 && (path === '/v2/_catalog' || path.endsWith('/tags/list'))) {
      reply.headers.link = `<${linkTo}>; rel="next"`;
    }
    send(res, reply, req.method === 'HEAD');
  });
  return { host: fake.host, url: fake.url, stop: fake.stop };
}

export interface FakeHangingRegistry extends FakeServer {
  /** Requests that were left hanging. */
  hung: string[];
}

/**
 * Answers the ping, then leaves every other request hanging: before the headers (`headers`), or
 * after the headers and the first bytes of a body it promised to be longer (`body`).
 */
export async function startFakeHangingRegistry(opts: {
  hang: 'headers' | 'body';
}): Promise<FakeHangingRegistry> {
  const hung: string[] = [];
  const fake = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (path === '/v2/') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'docker-distribution-api-version': 'registry/2.0',
      });
      res.end('{}');
      return;
    }
    hung.push(path);
    if (opts.hang === 'body') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1048576' });
      res.write(Buffer.alloc(16));
    }
  });
  return { host: fake.host, url: fake.url, stop: fake.stop, hung };
}

export interface FakeForeignRealmRegistry extends FakeServer {
  requests: { method: string; path: string; authorization: boolean }[];
}

/**
 * Challenges every request with a bearer realm on plain HTTP on another host: sending
 * credentials there would hand them to whoever is on the network path.
 */
export async function startFakeForeignRealmRegistry(
  opts: { realm?: string } = {},
): Promise<FakeForeignRealmRegistry> {
  const realm = opts.realm ?? 'http://auth.elsewhere.invalid/token';
  const requests: FakeForeignRealmRegistry['requests'] = [];
  const fake = await listen((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://fake').pathname,
      authorization: req.headers.authorization !== undefined,
    });
    res.writeHead(401, {
      'content-type': 'application/json',
      'www-authenticate': `Bearer realm="${realm}",service="fake-registry"`,
    });
    res.end(specError('UNAUTHORIZED', 'authentication required'));
  });
  return { host: fake.host, url: fake.url, stop: fake.stop, requests };
}

export interface FakeChunkOnlyRegistry extends FakeServer {
  /** Upload PUTs that carried the blob and were refused. */
  refused: string[];
  /** The body size of every PATCH, per upload session path. */
  chunks: Map<string, number[]>;
}

/**
 * A proxy in front of a real registry that takes blobs in PATCH chunks only, as a registry behind
 * a request-size limit does (no registry here refuses a whole blob in one PUT): a PUT carrying the
 * blob is answered `refuseStatus` (413 by default) at once, before its body is read, as nginx's
 * `client_max_body_size` does. With `minChunkLength` it announces
 * `OCI-Chunk-Min-Length` when an upload starts and refuses (416) a chunk after a shorter one.
 */
export async function startFakeChunkOnlyRegistry(opts: {
  upstream: string;
  refuseStatus?: number;
  minChunkLength?: number;
}): Promise<FakeChunkOnlyRegistry> {
  const refused: string[] = [];
  const chunks = new Map<string, number[]>();
  const uploads = /^\/v2\/.+\/blobs\/uploads\/(.+)$/;
  const fake = await listen(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const session = uploads.exec(path)?.[1];
    const carriesBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (req.method === 'PUT' && session !== undefined && carriesBody) {
      refused.push(path);
      // Answered before the body is read, which is then drained ("lingering close"): closing at
      // once would reset the connection under the client's feet, and it would never read the answer.
      req.resume();
      res.writeHead(opts.refuseStatus ?? 413, { 'content-type': 'application/json' });
      res.end(specError('SIZE_INVALID', 'request body too large: send the blob in chunks (fake)'));
      return;
    }
    if (req.method === 'PATCH' && session !== undefined) {
      const sizes = chunks.get(path) ?? [];
      const previous = sizes.at(-1);
      if (opts.minChunkLength !== undefined && previous !== undefined && previous < opts.minChunkLength) {
        await readAll(req);
        res.writeHead(416, { 'content-type': 'application/json' });
        res.end(
          specError('BLOB_UPLOAD_INVALID', 'only the last chunk may be shorter than the minimum (fake)'),
        );
        return;
      }
      sizes.push(Number(req.headers['content-length'] ?? 0));
      // The registry names the session anew in each Location: the next chunk comes there.
      const reply = await forward(opts.upstream, req);
      const next = headerOf(reply.headers.location);
      if (next !== undefined) chunks.set(new URL(next, 'http://fake').pathname, sizes);
      chunks.set(path, sizes);
      return send(res, reply, false);
    }
    const reply = await forward(opts.upstream, req);
    if (req.method === 'POST' && opts.minChunkLength !== undefined && reply.status === 202) {
      reply.headers['oci-chunk-min-length'] = String(opts.minChunkLength);
    }
    send(res, reply, req.method === 'HEAD');
  });
  return { host: fake.host, url: fake.url, stop: fake.stop, refused, chunks };
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
