import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryError } from '../../src-main/core/registry/errors.js';
import { type Credential, RegistryTransport } from '../../src-main/core/registry/transport/index.js';
import { failure } from '../support/failure.js';
import { type FakeRedirectingRegistry, startFakeRedirectingRegistry } from '../support/fake-registries.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { type PushedImage, pushImage } from '../support/transport-upload.js';

const USER = 'alice';
const PASSWORD = 'correct horse';
const REPO = 'basic/app';
const PULL = [`repository:${REPO}:pull`];

describe('RegistryTransport against a registry with htpasswd Basic auth', () => {
  let registry: Registry;
  let image: PushedImage;
  const transports: RegistryTransport[] = [];
  const transportFor = (host: string, credential?: Credential) => {
    const transport = new RegistryTransport({
      host,
      ...(credential ? { credentials: async (asked) => (asked === host ? credential : undefined) } : {}),
    });
    transports.push(transport);
    return transport;
  };

  beforeAll(async () => {
    registry = await startRegistry({ htpasswd: { user: USER, password: PASSWORD } });
    image = await pushImage(transportFor(registry.host, { username: USER, password: PASSWORD }), REPO, 'v1');
  });
  afterAll(async () => {
    await Promise.all(transports.map((transport) => transport.close()));
    await registry?.stop();
  });

  it('pings: Basic challenge', async () => {
    const ping = await transportFor(registry.host).ping();
    expect(ping.status).toBe(401);
    expect(ping.scheme).toBe('basic');
    expect(ping.challenges).toEqual([{ scheme: 'basic', params: { realm: 'stevedore-test' } }]);
  });

  it('pulls with the right password', async () => {
    const transport = transportFor(registry.host, { username: USER, password: PASSWORD });
    const tags = await transport.request({ method: 'GET', path: `/v2/${REPO}/tags/list`, scopes: PULL });
    expect(await tags.json(65536)).toEqual({ name: REPO, tags: ['v1'] });
  });

  it('refuses a wrong password and no credentials with UNAUTHORIZED', async () => {
    for (const transport of [
      transportFor(registry.host, { username: USER, password: 'wrong' }),
      transportFor(registry.host),
    ]) {
      const error = await failure<RegistryError>(
        transport.request({ method: 'GET', path: `/v2/${REPO}/tags/list`, scopes: PULL }),
      );
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.status).toBe(401);
      expect(error.specCodes).toEqual(['UNAUTHORIZED']);
      expect(error.message).toContain(registry.host);
    }
  });

  it('verifies a credential for login', async () => {
    const transport = transportFor(registry.host);
    await expect(transport.verifyCredential({ username: USER, password: PASSWORD })).resolves.toBeUndefined();
    const error = await failure<RegistryError>(
      transport.verifyCredential({ username: USER, password: 'wrong' }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
  });

  describe('when blobs are redirected to storage on another origin', () => {
    let fake: FakeRedirectingRegistry;
    beforeAll(async () => {
      fake = await startFakeRedirectingRegistry({ upstream: registry.url });
    });
    afterAll(async () => {
      await fake?.stop();
    });

    it('follows the redirect without the Authorization header', async () => {
      const transport = transportFor(fake.host, { username: USER, password: PASSWORD });
      const blob = await transport.request({
        method: 'GET',
        path: `/v2/${REPO}/blobs/${image.layerDigest}`,
        scopes: PULL,
      });
      expect(blob.url.host).toBe(fake.storage.host);
      expect((await blob.bytes(1024 * 1024)).equals(image.layer)).toBe(true);
      expect(fake.storage.requests).toHaveLength(1);
      expect(fake.storage.requests[0]?.authorization).toBeUndefined();
    });
  });
});
