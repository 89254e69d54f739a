import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RegistryError } from '../../src-main/core/registry/errors.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/index.js';
import { failure } from '../support/failure.js';
import { freePort } from '../support/ports.js';
import { OCI_MANIFEST, type PushedImage, pushImage, sha256 } from '../support/transport-upload.js';

/** The run's real registry: anonymous, plain HTTP on loopback, deletes enabled. */
const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `transport-${run}/${name}`;

describe('RegistryTransport against an open registry', () => {
  let transport: RegistryTransport;
  let image: PushedImage;

  beforeAll(async () => {
    transport = new RegistryTransport({ host });
    image = await pushImage(transport, repo('app'), 'v1');
  });
  afterAll(async () => {
    await transport.close();
  });

  it('pings: no authentication, API version, plain HTTP after HTTPS failed (loopback)', async () => {
    const ping = await transport.ping();
    expect(ping).toMatchObject({ status: 200, scheme: 'none', challenges: [], apiVersion: 'registry/2.0' });
    expect(ping.baseUrl.href).toBe(`http://${host}/`);
    expect(await transport.ping()).toBe(ping);
  });

  it('reads back the manifest and blobs it pushed, byte for byte', async () => {
    const manifest = await transport.request({
      method: 'GET',
      path: `/v2/${repo('app')}/manifests/v1`,
      headers: { accept: OCI_MANIFEST },
      scopes: [`repository:${repo('app')}:pull`],
    });
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toBe(OCI_MANIFEST);
    expect(manifest.url.href).toBe(`http://${host}/v2/${repo('app')}/manifests/v1`);
    const bytes = await manifest.bytes(4 * 1024 * 1024);
    expect(bytes.equals(image.manifest)).toBe(true);
    expect(sha256(bytes)).toBe(image.manifestDigest);

    const layer = await transport.request({
      method: 'GET',
      path: `/v2/${repo('app')}/blobs/${image.layerDigest}`,
      scopes: [`repository:${repo('app')}:pull`],
    });
    expect((await layer.bytes(1024 * 1024)).equals(image.layer)).toBe(true);
  });

  it('answers HEAD with headers only', async () => {
    const head = await transport.request({
      method: 'HEAD',
      path: `/v2/${repo('app')}/manifests/v1`,
      headers: { accept: OCI_MANIFEST },
      scopes: [`repository:${repo('app')}:pull`],
    });
    expect(head.headers['docker-content-digest']).toBe(image.manifestDigest);
    expect((await head.bytes(10)).length).toBe(0);
  });

  it('reads a body as JSON, and refuses one that is not', async () => {
    const tags = await transport.request({
      method: 'GET',
      path: `/v2/${repo('app')}/tags/list`,
      scopes: [`repository:${repo('app')}:pull`],
    });
    expect(await tags.json<{ name: string; tags: string[] }>(65536)).toEqual({
      name: repo('app'),
      tags: ['v1'],
    });

    const blob = await transport.request({
      method: 'GET',
      path: `/v2/${repo('app')}/blobs/${image.layerDigest}`,
      scopes: [`repository:${repo('app')}:pull`],
    });
    const error = await failure<RegistryError>(blob.json(1024 * 1024));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toContain(host);
  });

  it('refuses a body past its size cap without buffering it', async () => {
    const blob = await transport.request({
      method: 'GET',
      path: `/v2/${repo('app')}/blobs/${image.layerDigest}`,
      scopes: [`repository:${repo('app')}:pull`],
    });
    const error = await failure<RegistryError>(blob.bytes(100));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('100 bytes');
  });

  it('throws NOT_FOUND with the spec code, or returns the 404 when allowed', async () => {
    const missing = await failure<RegistryError>(
      transport.request({
        method: 'GET',
        path: `/v2/${repo('app')}/manifests/nope`,
        headers: { accept: OCI_MANIFEST },
        scopes: [`repository:${repo('app')}:pull`],
      }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.status).toBe(404);
    expect(missing.specCodes).toEqual(['MANIFEST_UNKNOWN']);
    expect(missing.message).toContain(host);

    const unknownRepo = await failure<RegistryError>(
      transport.request({ method: 'GET', path: `/v2/${repo('ghost')}/tags/list`, scopes: [] }),
    );
    expect(unknownRepo.specCodes).toEqual(['NAME_UNKNOWN']);
    expect(unknownRepo.message).toMatch(/^Repository not found on /);

    const probe = await transport.request({
      method: 'HEAD',
      path: `/v2/${repo('app')}/blobs/sha256:${'0'.repeat(64)}`,
      scopes: [],
      allowStatus: [404],
    });
    expect(probe.status).toBe(404);
    await probe.dump();
  });

  it('pages through the catalog with Link headers', async () => {
    await pushImage(transport, repo('b'), 'v1');
    await pushImage(transport, repo('c'), 'v1');
    const seen: string[] = [];
    let page: { path: string; query: Record<string, string> } | null = {
      path: '/v2/_catalog',
      query: { n: '1' },
    };
    let pages = 0;
    while (page) {
      const response = await transport.request({ method: 'GET', ...page, scopes: ['registry:catalog:*'] });
      const next = transport.nextLink(response);
      seen.push(...(await response.json<{ repositories: string[] }>(65536)).repositories);
      page = next;
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(expect.arrayContaining([repo('app'), repo('b'), repo('c')]));
  });

  it('sends a stream body once (a chunked upload)', async () => {
    const bytes = randomBytes(4096);
    const scopes = [`repository:${repo('stream')}:pull,push`];
    const started = await transport.request({
      method: 'POST',
      path: `/v2/${repo('stream')}/blobs/uploads/`,
      scopes,
    });
    await started.dump();
    const upload = new URL(started.headers.location as string, started.url);
    const patched = await transport.request({
      method: 'PATCH',
      path: upload.pathname,
      query: Object.fromEntries(upload.searchParams),
      headers: { 'content-type': 'application/octet-stream' },
      body: Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
      scopes,
    });
    expect(patched.status).toBe(202);
    await patched.dump();
    const next = new URL(patched.headers.location as string, patched.url);
    const done = await transport.request({
      method: 'PUT',
      path: next.pathname,
      query: { ...Object.fromEntries(next.searchParams), digest: sha256(bytes) },
      scopes,
    });
    expect(done.status).toBe(201);
    await done.dump();
    const back = await transport.request({
      method: 'GET',
      path: `/v2/${repo('stream')}/blobs/${sha256(bytes)}`,
      scopes,
    });
    expect((await back.bytes(8192)).equals(bytes)).toBe(true);
  });

  it('deletes a manifest', async () => {
    const pushed = await pushImage(transport, repo('gone'), 'v1');
    const scopes = [`repository:${repo('gone')}:delete`];
    const deleted = await transport.request({
      method: 'DELETE',
      path: `/v2/${repo('gone')}/manifests/${pushed.manifestDigest}`,
      scopes,
    });
    expect(deleted.status).toBe(202);
    await deleted.dump();
    const error = await failure<RegistryError>(
      transport.request({
        method: 'GET',
        path: `/v2/${repo('gone')}/manifests/${pushed.manifestDigest}`,
        scopes,
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });

  it('accepts any credential on a registry that asks for none', async () => {
    await expect(transport.verifyCredential({ username: 'anyone', password: 'x' })).resolves.toBeUndefined();
  });

  it('refuses a path outside /v2/ and an empty credential', async () => {
    for (const path of ['/debug/vars', '/v2/../debug/vars']) {
      await expect(transport.request({ method: 'GET', path, scopes: [] })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    await expect(transport.verifyCredential({})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      transport.request({ method: 'GET', path: '/v2/_catalog', scopes: [], signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('RegistryTransport with nothing listening', () => {
  it('reports REGISTRY_UNREACHABLE naming the host', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const transport = new RegistryTransport({ host: closed });
    try {
      const error = await failure<RegistryError>(transport.ping());
      expect(error.code).toBe('REGISTRY_UNREACHABLE');
      expect(error.message).toContain(closed);
    } finally {
      await transport.close();
    }
  });
});
