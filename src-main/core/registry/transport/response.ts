import { PassThrough, type Readable } from 'node:stream';
import { RegistryError } from '../errors.js';
import { toNetworkError } from './network-error.js';
import type { RegistryResponse } from './types.js';
import type { Reply } from './wire.js';

/** A body at most this long is read to the end by dump(), so its connection can be reused. */
const DUMP_LIMIT = 64 * 1024;

/**
 * A reply as callers see it: a body whose errors are RegistryErrors, and helpers that never read
 * more than they are allowed to.
 */
export function toRegistryResponse(
  reply: Reply,
  host: string,
  timeoutMs: number,
  signal?: AbortSignal,
): RegistryResponse {
  const body = guardedBody(reply.body, (error) => toNetworkError(error, host, timeoutMs, signal));
  let consumed = false;
  const claim = () => {
    if (consumed) throw new Error('the response body was already consumed');
    consumed = true;
  };

  const bytes = async (maxBytes: number): Promise<Buffer> => {
    claim();
    return readCapped(body, maxBytes, reply, host);
  };

  return {
    status: reply.status,
    headers: reply.headers,
    url: reply.url,
    body,
    bytes,
    async json<T>(maxBytes: number): Promise<T> {
      const raw = await bytes(maxBytes);
      try {
        return JSON.parse(raw.toString('utf8')) as T;
      } catch (error) {
        throw new RegistryError(
          'PROTOCOL_ERROR',
          `${host} sent JSON that does not parse (${reply.url.pathname}).`,
          {
            status: reply.status,
            details: { host, path: reply.url.pathname },
            cause: error,
          },
        );
      }
    },
    async dump(): Promise<void> {
      if (consumed) return;
      consumed = true;
      await discard(body);
    },
  };
}

/**
 * `source` piped into a stream of our own, so consumers see RegistryErrors, and abandoning ours
 * (destroy) releases the source.
 */
function guardedBody(source: Readable, mapError: (error: unknown) => Error): Readable {
  const guarded = new PassThrough();
  source.on('error', (error) => guarded.destroy(mapError(error)));
  guarded.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(guarded);
  return guarded;
}

/** Reads the whole body, refusing (and abandoning the body) past `maxBytes`. */
export async function readCapped(
  body: Readable,
  maxBytes: number,
  reply: Reply,
  host: string,
): Promise<Buffer> {
  const tooLarge = () =>
    new RegistryError(
      'TOO_LARGE',
      `${host} sent more than ${maxBytes} bytes for ${reply.url.pathname}; refused.`,
      { status: reply.status, details: { host, path: reply.url.pathname, maxBytes } },
    );
  // A HEAD answer declares the length of the body a GET would have had.
  const declared = reply.method === 'HEAD' ? 0 : Number(reply.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

/** Drains a short body (keeping the connection), or closes a long one. Never throws. */
export function discard(body: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (body.closed || body.destroyed) {
      resolve();
      return;
    }
    let seen = 0;
    body.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DUMP_LIMIT) body.destroy();
    });
    body.on('error', () => {});
    body.once('close', () => resolve());
    body.resume();
  });
}
