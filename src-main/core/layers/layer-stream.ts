import type { Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { CancelledError } from '../errors.js';
import { capitalised, LayerError } from './errors.js';
import { type EntrySink, TarReader } from './tar-reader.js';
import type { FileEntry, LayerLimits } from './types.js';
import { zstdDecoder } from './zstd-decoder.js';

export type Compression = 'gzip' | 'zstd' | 'none';

export interface WalkOptions {
  limits: LayerLimits;
  /** Names the layer in messages: `the layer sha256:…`. */
  what: string;
  signal?: AbortSignal;
  /** Bytes of the (compressed) input read so far, after every chunk. */
  onBytes?: (bytes: number) => void;
  /** Hashes the uncompressed tar as it passes. */
  hash?: Hash;
}

export interface WalkResult {
  compression: Compression;
  /** Bytes of the input as read (compressed). */
  size: number;
  /** Bytes of the uncompressed tar. */
  uncompressedSize: number;
}

const SNIFF_BYTES = 6;
const GUNZIP_CHUNK = 128 * 1024;

/**
 * Reads a layer (gzip, zstd or plain tar: told by its first bytes, whatever its media type says)
 * from `input` to its end, calling `onEntry` for each entry in archive order. Backpressure holds
 * end to end, so memory stays at a few buffers whatever the layer's size. Resolves when every byte
 * was read (a registry blob is verified only then); rejects with a LayerError, the input's own
 * error, or a CancelledError when `signal` fires.
 */
export async function walkLayer(
  input: Readable,
  onEntry: (entry: FileEntry) => EntrySink | undefined,
  opts: WalkOptions,
): Promise<WalkResult> {
  try {
    const { head, stream } = await peek(input, SNIFF_BYTES, opts.signal);
    const compression = sniffCompression(head, opts.what);
    const counter = new ByteCounter(opts.onBytes);
    const reader = new TarReader({
      onEntry,
      limits: opts.limits,
      what: opts.what,
      ...(opts.hash ? { hash: opts.hash } : {}),
      ...(compression === 'none' ? {} : { compressedBytes: () => counter.bytes }),
    });
    const signal = opts.signal ? { signal: opts.signal } : {};
    if (compression === 'gzip') {
      await pipeline(stream, counter, createGunzip({ chunkSize: GUNZIP_CHUNK }), reader, signal);
    } else if (compression === 'zstd') {
      const decode = zstdDecoder(opts.limits.maxZstdWindowBytes, opts.what);
      await pipeline(stream, counter, decode, reader, signal);
    } else {
      await pipeline(stream, counter, reader, signal);
    }
    return { compression, size: counter.bytes, uncompressedSize: reader.bytes };
  } catch (error) {
    input.destroy();
    throw asLayerFailure(error, opts);
  }
}

/** gzip and zstd by their magic numbers; anything else is read as a tar (which says if it is not one). */
export function sniffCompression(head: Buffer, what: string): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const magic = head.length >= 4 ? head.readUInt32LE(0) : 0;
  if (magic === 0xfd2fb528 || (magic & 0xfffffff0) >>> 0 === 0x184d2a50) return 'zstd';
  const xz = head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  if (xz || head.subarray(0, 3).toString('latin1') === 'BZh') {
    throw new LayerError(
      'LAYER_UNSUPPORTED',
      `${capitalised(what)} is compressed with ${xz ? 'xz' : 'bzip2'}, which no OCI media type allows.`,
    );
  }
  return 'none';
}

/**
 * The first `size` bytes of `input` (fewer if it is shorter), and a stream that still yields
 * every byte from the start.
 */
export async function peek(
  input: Readable,
  size: number,
  signal?: AbortSignal,
): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < size) {
    if (signal?.aborted) throw new CancelledError();
    const chunk = input.read() as Buffer | null;
    if (chunk !== null) {
      chunks.push(chunk);
      length += chunk.length;
    } else if (input.readableEnded || (await readableOrEnd(input))) {
      break;
    }
  }
  const head = Buffer.concat(chunks);
  if (input.readableEnded) return { head, stream: Readable.from(head.length > 0 ? [head] : []) };
  if (head.length > 0) input.unshift(head);
  return { head, stream: input };
}

/** Resolves true at the end of the stream, false when data can be read; rejects on its error. */
function readableOrEnd(input: Readable): Promise<boolean> {
  if (input.errored) return Promise.reject(input.errored);
  if (input.destroyed) return Promise.reject(new Error('The stream was closed before it ended.'));
  return new Promise((resolve, reject) => {
    const settle = (ended: boolean | Error) => {
      input.off('readable', onReadable);
      input.off('end', onEnd);
      input.off('error', onError);
      input.off('close', onClose);
      if (ended instanceof Error) reject(ended);
      else resolve(ended);
    };
    const onReadable = () => settle(false);
    const onEnd = () => settle(true);
    const onError = (error: Error) => settle(error);
    const onClose = () =>
      settle(input.readableEnded ? true : new Error('The stream was closed before it ended.'));
    input.on('readable', onReadable);
    input.once('end', onEnd);
    input.once('error', onError);
    input.once('close', onClose);
  });
}

/** Counts the bytes that pass (progress, and the decompression-bomb ratio). */
class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly onBytes: ((bytes: number) => void) | undefined) {
    super({ highWaterMark: 256 * 1024 });
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    done(null, chunk);
  }
}

/** zlib and abort errors in the words of this module; LayerErrors and the source's own errors pass. */
function asLayerFailure(error: unknown, opts: WalkOptions): unknown {
  if (opts.signal?.aborted || (error as Error | undefined)?.name === 'AbortError')
    return new CancelledError();
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((error as Error | undefined)?.message ?? '')) {
    return new LayerError(
      'LAYER_TRUNCATED',
      `${capitalised(opts.what)} ends in the middle of its gzip stream.`,
    );
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new LayerError(
      'LAYER_CORRUPT',
      `${capitalised(opts.what)} is not valid gzip (${(error as Error).message}).`,
      undefined,
      { cause: error },
    );
  }
  return error;
}
