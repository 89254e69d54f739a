import type { Readable } from 'node:stream';
import { RegistryError } from '../errors.js';
import type { RegistryRequest, RegistryResponse } from '../transport/types.js';
import type { ClientContext } from './context.js';
import { header } from './manifests.js';
import { type UploadLocation, uploadLocation } from './upload-location.js';

const MiB = 1024 * 1024;

/**
 * Chunks when a registry takes blobs only in PATCH chunks: registries on S3 (ECR) want parts of
 * at least 5 MiB but the last, and each chunk is held in memory while it is sent, so a few MiB.
 */
export const DEFAULT_CHUNK_BYTES = 5 * MiB;

/** The largest chunk we hold in memory, whatever a registry asks for (4 blobs at once: 256 MiB). */
export const MAX_CHUNK_BYTES = 64 * MiB;

/**
 * The chunk size for an upload session: `wanted` (else the default), raised to the session's
 * `OCI-Chunk-Min-Length` (only the last chunk may be smaller). A minimum past MAX_CHUNK_BYTES is
 * refused: holding that much per blob could exhaust memory.
 */
export function chunkSizeFor(wanted: number | undefined, started: RegistryResponse, host: string): number {
  const size = wanted ?? DEFAULT_CHUNK_BYTES;
  const said = header(started.headers, 'oci-chunk-min-length')?.trim();
  if (said === undefined || !/^\d{1,15}$/.test(said)) return size;
  const minimum = Number(said);
  if (minimum > MAX_CHUNK_BYTES) {
    throw new RegistryError(
      'UNSUPPORTED',
      `${host} asks for upload chunks of at least ${Math.ceil(minimum / MiB)} MiB; Stevedore sends at most ${MAX_CHUNK_BYTES / MiB} MiB at a time.`,
      { details: { host, chunkMinLength: minimum } },
    );
  }
  return Math.max(size, minimum);
}

type Send = (req: RegistryRequest) => Promise<RegistryResponse>;

/**
 * PATCHes `stream` to the session at `first` in chunks of `chunkSize` bytes, each where the last
 * answer said to continue; resolves with where the closing PUT (with no body) goes.
 */
export async function sendChunks(
  ctx: ClientContext,
  send: Send,
  first: UploadLocation,
  stream: Readable,
  chunkSize: number,
  scopes: string[],
): Promise<UploadLocation> {
  let location = first;
  let offset = 0;
  for await (const chunk of rechunk(stream, chunkSize)) {
    const response = await send({
      method: 'PATCH',
      path: location.path,
      query: location.query,
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `${offset}-${offset + chunk.length - 1}`,
        'content-length': String(chunk.length),
      },
      body: chunk,
      scopes,
    });
    await response.dump();
    if (response.status !== 202) {
      throw new RegistryError(
        'PROTOCOL_ERROR',
        `${ctx.host} answered a chunk with HTTP ${response.status}, not 202.`,
        { status: response.status, details: { host: ctx.host } },
      );
    }
    location = uploadLocation(response, ctx.host);
    offset += chunk.length;
  }
  return location;
}

/**
 * The stream's bytes in chunks of exactly `size` (the last one shorter), all in one buffer that is
 * filled again for each: a chunk is valid until the next one is asked for. Allocating a fresh
 * buffer per chunk would leave the garbage collector hundreds of MiB to catch up with on a large
 * blob, and the process's memory would grow with them.
 */
export async function* rechunk(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let buffer: Buffer | undefined;
  let filled = 0;
  for await (const piece of stream) {
    let rest = piece as Buffer;
    while (rest.length > 0) {
      buffer ??= Buffer.allocUnsafe(size);
      const take = Math.min(size - filled, rest.length);
      rest.copy(buffer, filled, 0, take);
      filled += take;
      rest = rest.subarray(take);
      if (filled === size) {
        yield buffer;
        filled = 0;
      }
    }
  }
  if (buffer && filled > 0) yield buffer.subarray(0, filled);
}
