import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RegistryError } from '../../src-main/core/registry/errors.js';
import { RegistryTransport, type TransportOptions } from '../../src-main/core/registry/transport/index.js';
import { failure } from '../support/failure.js';
import {
  startFakeCrossHostLinkRegistry,
  startFakeForeignRealmRegistry,
  startFakeHangingRegistry,
  startFakeRateLimitedRegistry,
  startFakeTamperingProxy,
} from '../support/fake-registries.js';
import { type PushedImage, pushImage, sha256 } from '../support/transport-upload.js';

/** The run's real registry, behind each fake. */
const upstreamHost = inject('registryHost');
const upstream = `http://${upstreamHost}`;
const REPO = `faults-${randomUUID().slice(0, 8)}/app`;
const PULL = [`repository:${REPO}:pull`];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function transportFor(opts: TransportOptions): RegistryTransport {
  const transport = new RegistryTransport(opts);
  cleanups.push(() => transport.close());
  return transport;
}

async function started<T extends { stop(): Promise<void> }>(server: Promise<T>): Promise<T> {
  const fake = await server;
  cleanups.push(() => fake.stop());
  return fake;
}

let image: PushedImage;
beforeAll(async () => {
  const transport = new RegistryTransport({ host: upstreamHost });
  image = await pushImage(transport, REPO, 'v1');
  await transport.close();
});

const tagsList = (transport: RegistryTransport, extra: object = {}) =>
  transport.request({ method: 'GET', path: `/v2/${REPO}/tags/list`, scopes: PULL, ...extra });

describe('rate limits and unwell registries', () => {
  it('waits as Retry-After says, then succeeds', async () => {
    const fake = await started(startFakeRateLimitedRegistry({ upstream, times: 2, retryAfter: '1' }));
    const response = await tagsList(transportFor({ host: fake.host }));
    expect(await response.json(65536)).toEqual({ name: REPO, tags: ['v1'] });
    expect(fake.events.map((event) => event.status)).toEqual([429, 429, 200]);
    const [first, second, third] = fake.events.map((event) => event.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(third - second).toBeGreaterThanOrEqual(950);
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const inOneSecond = new Date(Date.now() + 1500).toUTCString();
    const fake = await started(startFakeRateLimitedRegistry({ upstream, times: 1, retryAfter: inOneSecond }));
    await (await tagsList(transportFor({ host: fake.host }))).dump();
    const [first, second] = fake.events.map((event) => event.at) as [number, number];
    expect(second - first).toBeGreaterThanOrEqual(400);
  });

  it('backs off on 503 without Retry-After', async () => {
    const fake = await started(startFakeRateLimitedRegistry({ upstream, times: 2, status: 503 }));
    await (await tagsList(transportFor({ host: fake.host }))).dump();
    expect(fake.events.map((event) => event.status)).toEqual([503, 503, 200]);
  });

  it('gives up after maxRetries with TOO_MANY_REQUESTS and the rate-limit headers', async () => {
    const fake = await started(startFakeRateLimitedRegistry({ upstream, times: 10, retryAfter: '0' }));
    const error = await failure<RegistryError>(tagsList(transportFor({ host: fake.host, maxRetries: 2 })));
    expect(fake.events).toHaveLength(3);
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.status).toBe(429);
    expect(error.specCodes).toEqual(['TOOMANYREQUESTS']);
    expect(error.toShape().details).toMatchObject({
      rateLimit: { limit: '100;w=21600', remaining: '0;w=21600' },
    });
  });

  it('does not wait for a Retry-After past one minute', async () => {
    const fake = await started(startFakeRateLimitedRegistry({ upstream, times: 1, retryAfter: '3600' }));
    const error = await failure<RegistryError>(tagsList(transportFor({ host: fake.host })));
    expect(fake.events).toHaveLength(1);
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toContain('3600 s');
  });

  it('never sends a stream body twice', async () => {
    const fake = await started(
      startFakeRateLimitedRegistry({
        upstream,
        times: 1,
        retryAfter: '0',
        match: (method) => method === 'PUT',
      }),
    );
    const error = await failure<RegistryError>(
      transportFor({ host: fake.host }).request({
        method: 'PUT',
        path: `/v2/${REPO}/manifests/streamed`,
        headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
        body: Readable.from([image.manifest]),
        scopes: [`repository:${REPO}:push`],
      }),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(fake.events).toHaveLength(1);
  });

  it('stops waiting when the caller aborts', async () => {
    const fake = await started(startFakeRateLimitedRegistry({ upstream, times: 1, retryAfter: '30' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const began = Date.now();
    const error = await failure<RegistryError>(
      tagsList(transportFor({ host: fake.host }), { signal: controller.signal }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(Date.now() - began).toBeLessThan(5000);
  });
});

describe('timeouts', () => {
  it('gives up on a registry that never answers with TIMEOUT', async () => {
    const fake = await started(startFakeHangingRegistry({ hang: 'headers' }));
    const error = await failure<RegistryError>(
      tagsList(transportFor({ host: fake.host, timeoutMs: 300, maxRetries: 0 })),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain(fake.host);
    expect(fake.hung).toEqual([`/v2/${REPO}/tags/list`]);
  });

  it('gives up on a body that stops flowing with TIMEOUT', async () => {
    const fake = await started(startFakeHangingRegistry({ hang: 'body' }));
    const response = await transportFor({ host: fake.host, timeoutMs: 300 }).request({
      method: 'GET',
      path: `/v2/${REPO}/blobs/${image.layerDigest}`,
      scopes: PULL,
    });
    const error = await failure<RegistryError>(response.bytes(4 * 1024 * 1024));
    expect(error.code).toBe('TIMEOUT');
  });
});

describe('hostile answers', () => {
  it('refuses a next-page Link to another host', async () => {
    const fake = await started(startFakeCrossHostLinkRegistry({ upstream }));
    const transport = transportFor({ host: fake.host });
    const catalog = await transport.request({
      method: 'GET',
      path: '/v2/_catalog',
      scopes: ['registry:catalog:*'],
    });
    const error = (() => {
      try {
        transport.nextLink(catalog);
      } catch (caught) {
        return caught as RegistryError;
      }
      throw new Error('expected nextLink to refuse');
    })();
    expect(error.code).toBe('CROSS_HOST_REFUSED');
    expect(error.message).toContain('registry.elsewhere.invalid');
    await catalog.dump();
  });

  it('refuses a plain-HTTP token realm on another host before sending anything there', async () => {
    const fake = await started(startFakeForeignRealmRegistry());
    const transport = transportFor({
      host: fake.host,
      credentials: async () => ({ username: 'u', password: 'p' }),
    });
    const error = await failure<RegistryError>(tagsList(transport));
    expect(error.code).toBe('CROSS_HOST_REFUSED');
    expect(error.message).toContain('auth.elsewhere.invalid');
    expect(fake.requests.every((request) => !request.authorization)).toBe(true);
  });

  it('hands over tampered bytes as received (digest checks are the client’s job)', async () => {
    const fake = await started(startFakeTamperingProxy({ upstream }));
    const response = await transportFor({ host: fake.host }).request({
      method: 'GET',
      path: `/v2/${REPO}/blobs/${image.layerDigest}`,
      scopes: PULL,
    });
    const bytes = await response.bytes(1024 * 1024);
    expect(bytes.length).toBe(image.layer.length);
    expect(sha256(bytes)).not.toBe(image.layerDigest);
    expect(fake.tampered).toEqual([`/v2/${REPO}/blobs/${image.layerDigest}`]);
  });
});
