import { createHash, type Hash } from 'node:crypto';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { splitDigest } from '../../oci/digest.js';
import { parseDigest } from '../../reference/index.js';
import { RegistryError } from '../errors.js';
import type { ClientContext } from './context.js';
import { header } from './manifests.js';
import { checkRepository, pullScope } from './names.js';

export interface BlobStreamOptions {
  /** The descriptor's size: more bytes than this are TOO_LARGE, fewer a PROTOCOL_ERROR. */
  size?: number;
  signal?: AbortSignal;
}

export interface BlobStream {
  /** The blob's bytes as they arrive; errors at the end (DIGEST_MISMATCH) if they are not the blob. */
  stream: Readable;
  /** The descriptor's size when given, else the registry's Content-Length (undefined if it sent none). */
  size: number | undefined;
}

/**
 * `GET /v2/<repo>/blobs/<digest>` as a stream (redirects to storage followed by the transport),
 * hashed as it passes: nothing is buffered, so a layer of any size costs a chunk of memory. The
 * stream ends only after the bytes proved to be the blob; otherwise it errors, and whoever
 * consumed it must discard what it got.
 */
export async function blobStream(
  ctx: ClientContext,
  repo: string,
  digest: string,
  opts: BlobStreamOptions = {},
): Promise<BlobStream> {
  checkRepository(repo);
  parseDigest(digest);
  const { algorithm } = splitDigest(digest);
  const response = await ctx.transport.request({
    method: 'GET',
    path: `/v2/${repo}/blobs/${digest}`,
    scopes: [pullScope(repo)],
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const what = { host: ctx.host, repo, digest };
  const declared = Number(header(response.headers, 'content-length') ?? Number.NaN);
  if (opts.size !== undefined && Number.isSafeInteger(declared) && declared !== opts.size) {
    await response.dump();
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${ctx.host} announced ${declared} bytes for the blob ${repo}@${digest}, which has ${opts.size}.`,
      { details: { ...what, expected: opts.size, announced: declared } },
    );
  }
  const size = opts.size ?? (Number.isSafeInteger(declared) ? declared : undefined);
  const verifier = new VerifyingStream(createHash(algorithm), digest, size, ctx.host, repo);
  // pipeline() releases the response body when the consumer abandons the stream, and passes body errors on.
  pipeline(response.body as Readable, verifier, () => {});
  return { stream: verifier, size };
}

/** Counts and hashes what passes; refuses excess bytes at once, and a wrong digest or a short body at the end. */
class VerifyingStream extends Transform {
  private received = 0;

  constructor(
    private readonly hash: Hash,
    private readonly digest: string,
    private readonly size: number | undefined,
    private readonly host: string,
    private readonly repo: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.received += chunk.length;
    if (this.size !== undefined && this.received > this.size) {
      done(
        new RegistryError(
          'TOO_LARGE',
          `${this.host} sent more than the ${this.size} bytes of the blob ${this.repo}@${this.digest}; refused.`,
          { details: { host: this.host, repo: this.repo, digest: this.digest, maxBytes: this.size } },
        ),
      );
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const details = { host: this.host, repo: this.repo, digest: this.digest };
    if (this.size !== undefined && this.received !== this.size) {
      done(
        new RegistryError(
          'PROTOCOL_ERROR',
          `${this.host} sent ${this.received} of the ${this.size} bytes of the blob ${this.repo}@${this.digest}.`,
          { details: { ...details, expected: this.size, received: this.received } },
        ),
      );
      return;
    }
    const actual = `${this.digest.slice(0, this.digest.indexOf(':'))}:${this.hash.digest('hex')}`;
    if (actual !== this.digest) {
      done(
        new RegistryError(
          'DIGEST_MISMATCH',
          `${this.host} served the blob ${this.repo}@${this.digest}, but its bytes hash to ${actual}.`,
          { details: { ...details, expected: this.digest, actual } },
        ),
      );
      return;
    }
    done();
  }
}
