import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CancelledError, InvalidInputError, StevedoreError } from '../../errors.js';
import { parseDigest } from '../../reference/index.js';
import { RegistryError } from '../errors.js';
import type { RegistryRequest, RegistryResponse } from '../transport/types.js';
import { chunkSizeFor, DEFAULT_CHUNK_BYTES, sendChunks } from './blob-chunks.js';
import type { ClientContext } from './context.js';
import { header } from './manifests.js';
import { checkRepository, pullScope } from './names.js';
import { type UploadLocation, uploadLocation } from './upload-location.js';

export interface BlobUploadOptions {
  signal?: AbortSignal;
  /** Called with the bytes sent so far, as they go (from 0 again when the blob is sent again). */
  onBytes?: (sent: number) => void;
  /**
   * Send the blob in PATCH chunks of (at least) this many bytes rather than in one streamed PUT;
   * each chunk is held in memory while it is sent. Default: one PUT.
   */
  chunkSize?: number;
  /**
   * Opens the blob again from its first byte. With it, a registry that refuses the blob in one
   * PUT (HTTP 405, 413 or 501: a body size limit, or chunked uploads only) gets it again in
   * PATCH chunks; without it, that refusal is thrown.
   */
  reopen?: () => Promise<Readable>;
  /**
   * Called when the registry refused the blob in one PUT and it goes again in chunks: later
   * uploads to that registry may as well be chunked from the start.
   */
  onChunked?: () => void;
}

/** Answers to a PUT carrying a whole blob that mean "not in one piece", not "not at all". */
const MONOLITHIC_REFUSALS: ReadonlySet<number> = new Set([405, 413, 501]);

/** The registry refused the blob in one request; it may take it in chunks. */
export class MonolithicUploadRefused extends RegistryError {}

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
 * `PUT <location>?digest=` with Content-Length, or PATCH chunks then an empty PUT (with
 * `chunkSize`, or when the registry refused the single PUT and `reopen` can start over). The
 * registry must answer 201 and name the digest we sent. On failure the upload session is
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
  if (opts.chunkSize !== undefined) {
    return uploadSession(ctx, repo, digest, size, source, opts, opts.chunkSize);
  }
  try {
    return await uploadSession(ctx, repo, digest, size, source, opts, undefined);
  } catch (error) {
    if (!(error instanceof MonolithicUploadRefused) || !opts.reopen) throw error;
  }
  opts.onChunked?.();
  await uploadSession(ctx, repo, digest, size, await opts.reopen(), opts, DEFAULT_CHUNK_BYTES);
}

/** One upload session: in one PUT when `chunkSize` is undefined, else in PATCH chunks. */
async function uploadSession(
  ctx: ClientContext,
  repo: string,
  digest: string,
  size: number,
  source: Readable,
  opts: BlobUploadOptions,
  chunkSize: number | undefined,
): Promise<void> {
  const scopes = [pushScope(repo)];
  const send = (req: RegistryRequest) => request(ctx, opts.signal, req);
  const counter = new CountingStream(opts.onBytes);
  const piped = pipeline(source, counter);
  // Awaited at the end or on failure; marked handled so an early source error is not "unhandled".
  piped.catch(() => {});
  let location: UploadLocation | undefined;
  try {
    const started = await send({ method: 'POST', path: `/v2/${repo}/blobs/uploads/`, scopes });
    await started.dump();
    location = uploadLocation(started, ctx.host);
    const last =
      chunkSize === undefined
        ? location
        : await sendChunks(ctx, send, location, counter, chunkSizeFor(chunkSize, started, ctx.host), scopes);
    const done = await send({
      method: 'PUT',
      path: last.path,
      query: { ...last.query, digest },
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(chunkSize === undefined ? size : 0),
      },
      body: chunkSize === undefined ? counter : Buffer.alloc(0),
      scopes,
    }).catch((error: unknown) => {
      throw chunkSize === undefined ? asMonolithicRefusal(error, ctx.host, repo) : error;
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

/** A refusal of the whole blob in one PUT, reworded; any other error as it is. */
function asMonolithicRefusal(error: unknown, host: string, repo: string): unknown {
  if (!(error instanceof RegistryError) || !MONOLITHIC_REFUSALS.has(error.status ?? 0)) return error;
  return new MonolithicUploadRefused(
    'UNSUPPORTED',
    `${host} refused the blob in one request (HTTP ${error.status}): it may take blobs in chunks only.`,
    { status: error.status, specCodes: error.specCodes, details: { host, repo }, cause: error },
  );
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
export async function cancelUpload(
  ctx: ClientContext,
  repo: string,
  location: UploadLocation,
): Promise<void> {
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
