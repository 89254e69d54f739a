import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  chunkSizeFor,
  DEFAULT_CHUNK_BYTES,
  MAX_CHUNK_BYTES,
  rechunk,
} from '../../src-main/core/registry/client/blob-chunks.js';
import { RegistryClient, type Transport } from '../../src-main/core/registry/client/index.js';
import { registryErrorFrom } from '../../src-main/core/registry/errors.js';
import type {
  RegistryRequest,
  RegistryResponse,
  ResponseHeaders,
} from '../../src-main/core/registry/transport/types.js';

const MiB = 1024 * 1024;

function response(status: number, headers: ResponseHeaders = {}): RegistryResponse {
  const body = Buffer.alloc(0);
  return {
    status,
    headers,
    url: new URL('https://registry.test/v2/'),
    body: Readable.from([body]),
    bytes: async () => body,
    json: async <T>() => ({}) as T,
    dump: async () => {},
  };
}

/**
 * A stand-in registry that refuses a blob in one PUT with `refuse` (as a body-size limit in front
 * of a registry does), takes PATCH chunks, and records every request with the size of its body:
 * for what no real registry does on its own.
 */
function fakeChunkOnlyTransport(opts: { refuse: number; minLength?: number }) {
  const requests: { method: string; bytes: number; range?: string }[] = [];
  const transport: Transport = {
    host: 'registry.test',
    async request(request: RegistryRequest) {
      const bytes = await bodyLength(request.body);
      requests.push({
        method: request.method,
        bytes,
        ...(request.headers?.['content-range'] ? { range: request.headers['content-range'] } : {}),
      });
      switch (request.method) {
        case 'POST':
          return response(202, {
            location: '/v2/repo/blobs/uploads/s1',
            ...(opts.minLength === undefined ? {} : { 'oci-chunk-min-length': String(opts.minLength) }),
          });
        case 'PATCH':
          return response(202, { location: '/v2/repo/blobs/uploads/s1' });
        case 'PUT':
          if (bytes > 0) throw registryErrorFrom(opts.refuse, '', 'registry.test');
          return response(201, { 'docker-content-digest': request.query?.digest ?? '' });
        default:
          return response(204);
      }
    },
    nextLink: () => null,
    ping: async () => {
      throw new Error('not used');
    },
  };
  return { client: new RegistryClient({ transport }), requests };
}

async function bodyLength(body: RegistryRequest['body']): Promise<number> {
  if (body === undefined) return 0;
  if (Buffer.isBuffer(body)) return body.length;
  let total = 0;
  for await (const chunk of body as Readable) total += (chunk as Buffer).length;
  return total;
}

const blob = Buffer.alloc(12 * MiB + 5, 7);
const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
const pieces = () =>
  Readable.from(
    (function* () {
      for (let at = 0; at < blob.length; at += 64 * 1024) yield blob.subarray(at, at + 64 * 1024);
    })(),
  );

describe('a registry that refuses a blob in one PUT', () => {
  it('gets it again in PATCH chunks of 5 MiB when the blob can be reopened', async () => {
    const { client, requests } = fakeChunkOnlyTransport({ refuse: 413 });
    let chunked = 0;
    await client.blobUpload('repo', digest, blob.length, pieces(), {
      reopen: async () => pieces(),
      onChunked: () => {
        chunked += 1;
      },
    });
    expect(chunked).toBe(1);
    expect(requests.map((request) => request.method)).toEqual([
      'POST',
      'PUT',
      'DELETE',
      'POST',
      'PATCH',
      'PATCH',
      'PATCH',
      'PUT',
    ]);
    const patches = requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((patch) => patch.bytes)).toEqual([
      DEFAULT_CHUNK_BYTES,
      DEFAULT_CHUNK_BYTES,
      2 * MiB + 5,
    ]);
    expect(patches.map((patch) => patch.range)).toEqual([
      `0-${5 * MiB - 1}`,
      `${5 * MiB}-${10 * MiB - 1}`,
      `${10 * MiB}-${blob.length - 1}`,
    ]);
    expect(requests.at(-1)?.bytes).toBe(0);
  });

  it('honours OCI-Chunk-Min-Length: chunks that large, only the last one smaller', async () => {
    const { client, requests } = fakeChunkOnlyTransport({ refuse: 405, minLength: 8 * MiB });
    await client.blobUpload('repo', digest, blob.length, pieces(), { reopen: async () => pieces() });
    const patches = requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((patch) => patch.bytes)).toEqual([8 * MiB, 4 * MiB + 5]);
  });

  it('throws a refusal that says so when the blob cannot be sent again', async () => {
    const { client } = fakeChunkOnlyTransport({ refuse: 413 });
    await expect(client.blobUpload('repo', digest, blob.length, pieces())).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      status: 413,
      message: 'registry.test refused the blob in one request (HTTP 413): it may take blobs in chunks only.',
    });
  });

  it('does not take another refusal for one: a 400 is thrown as it is', async () => {
    const { client, requests } = fakeChunkOnlyTransport({ refuse: 400 });
    await expect(
      client.blobUpload('repo', digest, blob.length, pieces(), { reopen: async () => pieces() }),
    ).rejects.toMatchObject({ code: 'REGISTRY_ERROR', status: 400 });
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});

describe('chunkSizeFor', () => {
  const started = (min?: string) => response(202, min === undefined ? {} : { 'oci-chunk-min-length': min });

  it('is the size asked for (else 5 MiB), raised to the registry’s minimum', () => {
    expect(chunkSizeFor(undefined, started(), 'r')).toBe(DEFAULT_CHUNK_BYTES);
    expect(chunkSizeFor(MiB, started(), 'r')).toBe(MiB);
    expect(chunkSizeFor(MiB, started(String(2 * MiB)), 'r')).toBe(2 * MiB);
    expect(chunkSizeFor(4 * MiB, started('100'), 'r')).toBe(4 * MiB);
    expect(chunkSizeFor(MiB, started('lots'), 'r')).toBe(MiB);
  });

  it('refuses a minimum it will not hold in memory', () => {
    expect(() => chunkSizeFor(undefined, started(String(MAX_CHUNK_BYTES + 1)), 'r')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringContaining('at most 64 MiB') }),
    );
  });
});

describe('rechunk', () => {
  it('cuts a stream into exact sizes whatever its pieces, the last one shorter', async () => {
    const sizes: number[] = [];
    for await (const chunk of rechunk(
      Readable.from([Buffer.alloc(3), Buffer.alloc(10), Buffer.alloc(1)]),
      4,
    )) {
      sizes.push(chunk.length);
    }
    expect(sizes).toEqual([4, 4, 4, 2]);
  });
});
