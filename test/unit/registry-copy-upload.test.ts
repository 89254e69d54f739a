import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RegistryClient, type Transport } from '../../src-main/core/registry/client/index.js';
import type {
  RegistryRequest,
  RegistryResponse,
  ResponseHeaders,
} from '../../src-main/core/registry/transport/types.js';

/**
 * A stand-in transport that answers each request with the reply `answer` gives: for what no real
 * registry does on purpose (upload locations on other hosts, bodies longer than the blob).
 */
function fakeTransport(
  answer: (request: RegistryRequest) => { status?: number; headers?: ResponseHeaders; body?: Buffer },
) {
  const requests: RegistryRequest[] = [];
  const transport: Transport = {
    host: 'registry.test',
    async request(request) {
      requests.push(request);
      const reply = answer(request);
      const body = reply.body ?? Buffer.alloc(0);
      const response: RegistryResponse = {
        status: reply.status ?? 200,
        headers: reply.headers ?? {},
        url: new URL(`https://registry.test${request.path}`),
        body: Readable.from([body]),
        bytes: async () => body,
        json: async <T>() => JSON.parse(body.toString()) as T,
        dump: async () => {},
      };
      return response;
    },
    nextLink: () => null,
    ping: async () => {
      throw new Error('not used');
    },
  };
  return { client: new RegistryClient({ transport }), requests };
}

const blob = Buffer.from('the blob');
const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('blobStream', () => {
  it('passes the blob through when its bytes hash to the digest', async () => {
    const { client } = fakeTransport(() => ({ body: blob }));
    const { stream, size } = await client.blobStream('repo', digest, { size: blob.length });
    expect(size).toBe(blob.length);
    expect(await drain(stream)).toEqual(blob);
  });

  it('errors with DIGEST_MISMATCH at the end when the bytes are not the blob', async () => {
    const { client } = fakeTransport(() => ({ body: Buffer.from('the blub') }));
    const { stream } = await client.blobStream('repo', digest, { size: blob.length });
    await expect(drain(stream)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
  });

  it('errors with TOO_LARGE as soon as more bytes than the descriptor size arrive', async () => {
    const { client } = fakeTransport(() => ({ body: Buffer.concat([blob, Buffer.from('more')]) }));
    const { stream } = await client.blobStream('repo', digest, { size: blob.length });
    await expect(drain(stream)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('refuses a Content-Length other than the descriptor size before reading', async () => {
    const { client } = fakeTransport(() => ({ headers: { 'content-length': '3' }, body: blob }));
    await expect(client.blobStream('repo', digest, { size: blob.length })).rejects.toMatchObject({
      code: 'PROTOCOL_ERROR',
    });
  });
});

describe('blobUpload locations', () => {
  it('refuses an upload location on another host (CROSS_HOST_REFUSED) and sends the blob nowhere', async () => {
    const { client, requests } = fakeTransport((request) =>
      request.method === 'POST'
        ? { status: 202, headers: { location: 'https://elsewhere.test/v2/repo/blobs/uploads/abc' } }
        : { status: 201 },
    );
    await expect(client.blobUpload('repo', digest, blob.length, Readable.from([blob]))).rejects.toMatchObject(
      {
        code: 'CROSS_HOST_REFUSED',
      },
    );
    expect(requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('follows a relative location with its query, adding the digest', async () => {
    const { client, requests } = fakeTransport((request) =>
      request.method === 'POST'
        ? { status: 202, headers: { location: '/v2/repo/blobs/uploads/abc?_state=xyz' } }
        : { status: 201, headers: { 'docker-content-digest': digest } },
    );
    await client.blobUpload('repo', digest, blob.length, Readable.from([blob]));
    const put = requests[1];
    expect(put).toMatchObject({
      method: 'PUT',
      path: '/v2/repo/blobs/uploads/abc',
      query: { _state: 'xyz', digest },
    });
    expect(put?.headers?.['content-length']).toBe(String(blob.length));
  });

  it('refuses a registry that stored the upload under another digest', async () => {
    const { client } = fakeTransport((request) =>
      request.method === 'POST'
        ? { status: 202, headers: { location: '/v2/repo/blobs/uploads/abc' } }
        : request.method === 'PUT'
          ? { status: 201, headers: { 'docker-content-digest': `sha256:${'0'.repeat(64)}` } }
          : { status: 204 },
    );
    await expect(client.blobUpload('repo', digest, blob.length, Readable.from([blob]))).rejects.toMatchObject(
      {
        code: 'PROTOCOL_ERROR',
      },
    );
  });
});

describe('blobMount', () => {
  it('cancels the upload session a registry opens instead of mounting (202) and answers false', async () => {
    const { client, requests } = fakeTransport((request) =>
      request.method === 'POST'
        ? { status: 202, headers: { location: '/v2/repo/blobs/uploads/session' } }
        : { status: 204 },
    );
    expect(await client.blobMount('repo', digest, 'other')).toBe(false);
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v2/repo/blobs/uploads/',
      'DELETE /v2/repo/blobs/uploads/session',
    ]);
    expect(requests[0]?.query).toEqual({ mount: digest, from: 'other' });
  });
});

describe('manifestPut', () => {
  it('returns the digest of the bytes, and warns when the registry names another', async () => {
    const bytes = Buffer.from('{"schemaVersion":2}');
    const computed = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const { client } = fakeTransport(() => ({ status: 201, headers: { 'docker-content-digest': digest } }));
    const result = await client.manifestPut(
      'repo',
      'v1',
      bytes,
      'application/vnd.oci.image.manifest.v1+json',
    );
    expect(result.digest).toBe(computed);
    expect(result.warnings).toHaveLength(1);
  });
});
