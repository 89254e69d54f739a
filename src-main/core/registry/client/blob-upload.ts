import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CancelledError, InvalidInputError, StevedoreError } from '../../errors.js';
import { parseDigest } from '../../reference/index.js';
import { RegistryError } from '../errors.js';
import type { RegistryRequest, RegistryResponse } from '../transport/types.js';
import type { ClientContext } from './context.js';
import { header } from './manifests.js';
import { checkRepository, pullScope } from './names.js';
import { type UploadLocation, uploadLocation } from './upload-location.js';

export interface BlobUploadOptions {
  signal?: AbortSignal;
  /** Called with the bytes sent so far, as they go. */
  onBytes?: (sent: number) => void;
  /**
   * Send the blob in PATCH chunks of this many bytes (for registries that refuse a monolithic PUT);
   * each chunk is held in memory while it is sent. Default: one streamed PUT.
   */
  chunkSize?: number;
}

/** How long cancelling an abandoned upload session may take. */
const CANCEL_UPLOAD_MS = 5_000;

export function pushScope(repo: string): string {
  return `repository:${repo}:pull,push`;
}

/**
 * `HEAD /v2/<repo>/blobs/<digest>`: its size when the repository holds the blob, null when not. The
 * spec requires Content-Length here; a registry that leaves it out still has the blob (size -1).
 */
export async function blobHead(
  ctx: ClientContext,
  repo: string,
  digest: string,
  signal?: AbortSignal,
): Promise<{ size: number } | null> {
  checkRepository(repo);
  parseDigest(digest);
  const response = await ctx.transport.request({
    method: 'HEAD',
    path: `/v2/${repo}/blobs/${digest}`,
    scopes: [pullScope(repo)],
    allowStatus: [404],
    ...(signal ? { signal } : {}),
  });
  await response.dump();
  if (response.status === 404) return null;
  const size = Number(header(response.headers, 'content-length'));
  return { size: Number.isSafeInteger(size) ? size : -1 };
}

/**
 * Cross-repository mount: `POST /v2/<repo>/blobs/uploads/?mount=<digest>&from=<fromRepo>`. True when
 * the registry linked the blob (201); false when it opened an upload instead (202: it has no such
 * blob there, or will not mount it), in which case that session is cancelled.
 */
export async function blobMount(
  ctx: ClientContext,
  repo: string,
  digest: string,
  fromRepo: string,
  signal?: AbortSignal,
): Promise<boolean> {
  checkRepository(repo);
  checkRepository(fromRepo);
  parseDigest(digest);
  const response = await ctx.transport.request({
    method: 'POST',
    path: `/v2/${repo}/blobs/uploads/`,
    query: { mount: digest, from: fromRepo },
    scopes: [pushScope(repo), pullScope(fromRepo)],
    ...(signal ? { signal } : {}),
  });
  await response.dump();
  if (response.status === 201) return true;
  if (response.status === 202) await cancelUpload(ctx, repo, uploadLocation(response, ctx.host));
  return false;
}

/**
 * Uploads a blob from `source`: `POST /v2/<repo>/blobs/uploads/`, then one streamed
 * `PUT <location>?digest=` with Content-Length (or PATCH chunks, then the PUT, with `chunkSize`).
 * The registry must answer 201 and name the digest we sent. On failure the upload session is
 * cancelled and the source destroyed; an error of the source (a blob that failed its digest on
 * the way) is what is thrown, since it is the cause.
 */
export async function blobUpload(
  ctx: ClientContext,
  repo: string,
  digest: string,
  size: number,
  source: Readable,
  opts: BlobUploadOptions = {},
): Promise<void> {
  try {
    checkUpload(repo, digest, size, opts.chunkSize);
  } catch (error) {
    // The source is ours to end either way: a download left open would hold its connection.
    source.destroy();
    throw error;
  }
  const counter = new CountingStream(opts.onBytes);
  const piped = pipeline(source, counter);
  // Awaited at the end or on failure; marked handled so an early source error is not "unhandled".
  piped.catch(() => {});
  let location: UploadLocation | undefined;
  try {
    const started = await request(ctx, opts.signal, {
      method: 'POST',
      path: `/v2/${repo}/blobs/uploads/`,
      scopes: [pushScope(repo)],
    });
    await started.dump();
    location = uploadLocation(started, ctx.host);
    const finish = opts.chunkSize
      ? await sendChunks(ctx, repo, location, counter, opts.chunkSize, opts.signal)
      : { location, body: counter as Readable | Buffer };
    const done = await request(ctx, opts.signal, {
      method: 'PUT',
      path: finish.location.path,
      query: { ...finish.location.query, digest },
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(opts.chunkSize ? 0 : size),
      },
      body: finish.body,
      scopes: [pushScope(repo)],
    });
    await done.dump();
    checkCommitted(ctx.host, repo, digest, done);
    await piped;
  } catch (error) {
    counter.destroy();
    source.destroy();
    if (location) await cancelUpload(ctx, repo, location);
    if (opts.signal?.aborted) throw new CancelledError();
    throw (await sourceVerdict(piped)) ?? error;
  }
}

function checkUpload(repo: string, digest: string, size: number, chunkSize: number | undefined): void {
  checkRepository(repo);
  parseDigest(digest);
  if (!Number.isSafeInteger(size) || size < 0) throw new InvalidInputError(`invalid blob size ${size}`);
  if (chunkSize !== undefined && (!Number.isSafeInteger(chunkSize) || chunkSize < 1)) {
    throw new InvalidInputError(`invalid chunk size ${chunkSize}`);
  }
}

async function request(
  ctx: ClientContext,
  signal: AbortSignal | undefined,
  req: RegistryRequest,
): Promise<RegistryResponse> {
  return ctx.transport.request({ ...req, ...(signal ? { signal } : {}) });
}

/** PATCHes `counter` in chunks of `chunkSize` bytes; the final PUT then carries no body. */
async function sendChunks(
  ctx: ClientContext,
  repo: string,
  first: UploadLocation,
  counter: Readable,
  chunkSize: number,
  signal: AbortSignal | undefined,
): Promise<{ location: UploadLocation; body: Buffer }> {
  let location = first;
  let offset = 0;
  for await (const chunk of rechunk(counter, chunkSize)) {
    const response = await request(ctx, signal, {
      method: 'PATCH',
      path: location.path,
      query: location.query,
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `${offset}-${offset + chunk.length - 1}`,
        'content-length': String(chunk.length),
      },
      body: chunk,
      scopes: [pushScope(repo)],
    });
    await response.dump();
    if (response.status !== 202) {
      throw new RegistryError(
        'PROTOCOL_ERROR',
        `${ctx.host} answered a chunk with HTTP ${response.status}, not 202.`,
        {
          status: response.status,
          details: { host: ctx.host },
        },
      );
    }
    location = uploadLocation(response, ctx.host);
    offset += chunk.length;
  }
  return { location, body: Buffer.alloc(0) };
}

/** The stream's bytes in buffers of exactly `size` (the last one shorter). */
async function* rechunk(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of stream) {
    let rest = piece as Buffer;
    while (pendingBytes + rest.length >= size) {
      const take = size - pendingBytes;
      pending.push(rest.subarray(0, take));
      yield Buffer.concat(pending, size);
      rest = rest.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (rest.length) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
}

function checkCommitted(host: string, repo: string, digest: string, response: RegistryResponse): void {
  const named = header(response.headers, 'docker-content-digest');
  if (response.status === 201 && (named === undefined || named === digest)) return;
  throw new RegistryError(
    'PROTOCOL_ERROR',
    response.status === 201
      ? `${host} stored the upload to ${repo} as ${named?.slice(0, 100)}, not ${digest}.`
      : `${host} answered the end of the upload to ${repo} with HTTP ${response.status}, not 201.`,
    {
      status: response.status,
      details: { host, repo, digest, ...(named ? { named: named.slice(0, 100) } : {}) },
    },
  );
}

/** Ends an upload session we will not finish, so the registry does not keep it. Never throws. */
export async function cancelUpload(ctx: ClientContext, repo: string, location: UploadLocation): Promise<void> {
  try {
    const response = await ctx.transport.request({
      method: 'DELETE',
      path: location.path,
      query: location.query,
      scopes: [pushScope(repo)],
      allowStatus: [404, 405],
      signal: AbortSignal.timeout(CANCEL_UPLOAD_MS),
    });
    await response.dump();
  } catch {
    // The registry expires abandoned sessions on its own; this only tidies up sooner.
  }
}

/**
 * The source's own error (a digest mismatch, a cancelled download), if it failed first. Called
 * once both streams are destroyed, so the pipeline has settled or settles at once.
 */
async function sourceVerdict(piped: Promise<void>): Promise<StevedoreError | undefined> {
  const verdict = await piped.then(
    () => undefined,
    (error: unknown) => error,
  );
  return verdict instanceof StevedoreError ? verdict : undefined;
}

/** Passes bytes through, telling `onBytes` how many went so far. */
class CountingStream extends Transform {
  private sent = 0;
  constructor(private readonly onBytes?: (sent: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.sent += chunk.length;
    this.onBytes?.(this.sent);
    done(null, chunk);
  }
}
