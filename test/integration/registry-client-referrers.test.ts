import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { OCI_INDEX, OCI_MANIFEST } from '../../src-main/core/oci/index.js';
import { parseReference } from '../../src-main/core/reference/index.js';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { imageInspect } from '../../src-main/core/registry/inspect.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import { freePort } from '../support/ports.js';
import { pushArtifact, pushImage, sha256 } from '../support/registry-content.js';

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `referrers-${run}/${name}`;
const transport = new RegistryTransport({ host });

afterAll(async () => {
  await transport.close();
});

describe('referrers on a registry without the referrers API (distribution 2.8)', () => {
  it('finds a referrer pushed with `subject` through the referrers tag schema', async () => {
    const client = new RegistryClient({ transport });
    const image = await pushImage(host, repo('signed'), 'v1', { layers: [Buffer.from('subject')] });
    const sbom = await pushArtifact(host, repo('signed'), {
      subject: image,
      kind: 'referrer',
      artifactType: 'application/spdx+json',
    });
    const other = await pushArtifact(host, repo('signed'), { subject: image, kind: 'referrer' });

    const referrers = await client.referrersList(repo('signed'), image.digest);
    expect(referrers).toEqual([
      expect.objectContaining({
        digest: sbom.digest,
        mediaType: OCI_MANIFEST,
        artifactType: 'application/spdx+json',
      }),
      expect.objectContaining({ digest: other.digest, artifactType: 'application/vnd.example.test+json' }),
    ]);
    expect(
      await client.referrersList(repo('signed'), image.digest, { artifactType: 'application/spdx+json' }),
    ).toEqual([expect.objectContaining({ digest: sbom.digest })]);

    const referrer = await client.manifestGet(repo('signed'), sbom.digest);
    expect(referrer.manifest).toMatchObject({ kind: 'image', subject: { digest: image.digest } });
  });

  it('finds none for a manifest nothing refers to, and remembers the API is absent', async () => {
    const client = new RegistryClient({ transport });
    const image = await pushImage(host, repo('alone'), 'v1', { layers: [Buffer.from('alone')] });
    expect(await client.referrersList(repo('alone'), image.digest)).toEqual([]);
    expect((await client.capabilities()).referrersApi).toBe(false);
  });

  it('shows `.sig` tags attached to the digest they sign', async () => {
    const client = new RegistryClient({ transport });
    const image = await pushImage(host, repo('cosign'), 'v1', { layers: [Buffer.from('cosigned')] });
    const unrelated = await pushImage(host, repo('cosign'), 'v2', { layers: [Buffer.from('unsigned')] });
    await pushArtifact(host, repo('cosign'), { subject: image, kind: 'sig' });
    await pushArtifact(host, repo('cosign'), { subject: unrelated, kind: 'referrer' });
    const { attached } = await client.tagList(repo('cosign'));
    const hex = image.digest.slice('sha256:'.length);
    const inspection = await imageInspect(client, parseReference(`${host}/${repo('cosign')}:v1`), {
      attached,
    });
    expect(inspection.attached).toEqual([
      { tag: `sha256-${hex}.sig`, kind: 'signature', subject: image.digest },
    ]);
  });
});

/**
 * distribution 2.8 has no referrers API; zot, Harbor 2.8+ and distribution 3 do. This fake serves
 * it for one subject, in two pages, so the API path (and its pagination) is exercised.
 */
async function startFakeReferrersApiRegistry(subject: string, referrers: object[][]) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url.pathname + url.search);
    if (url.pathname === '/v2/') {
      res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' });
      res.end('{}');
      return;
    }
    if (url.pathname === `/v2/app/referrers/${subject}`) {
      const page = Number(url.searchParams.get('page') ?? '0');
      const headers: Record<string, string> = { 'content-type': OCI_INDEX };
      if (page + 1 < referrers.length) headers.link = `<${url.pathname}?page=${page + 1}>; rel="next"`;
      res.writeHead(200, headers);
      res.end(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: referrers[page] }));
      return;
    }
    if (url.pathname.startsWith('/v2/missing/referrers/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }],
        }),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found');
  });
  return new Promise<{ host: string; requests: string[]; stop(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}

describe('referrers on a registry with the referrers API (fake)', () => {
  it('reads every page of the API and remembers it is there', async () => {
    const subject = sha256(Buffer.from('subject'));
    const entry = (n: number) => ({
      mediaType: OCI_MANIFEST,
      digest: sha256(Buffer.from(`referrer ${n}`)),
      size: 100 + n,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    });
    const fake = await startFakeReferrersApiRegistry(subject, [[entry(1), entry(2)], [entry(3)]]);
    const fakeTransport = new RegistryTransport({ host: fake.host });
    try {
      const client = new RegistryClient({ transport: fakeTransport });
      expect(await client.referrersList('missing', subject)).toEqual([]);
      const referrers = await client.referrersList('app', subject);
      expect(referrers.map((r) => r.size)).toEqual([101, 102, 103]);
      expect(fake.requests.filter((path) => path.includes('/manifests/'))).toEqual([]);
      expect((await client.capabilities()).referrersApi).toBe(true);
    } finally {
      await fakeTransport.close();
      await fake.stop();
    }
  });
});

describe('capabilities', () => {
  it('describes the real registry', async () => {
    const client = new RegistryClient({ transport });
    await pushImage(host, repo('caps'), 'v1', { layers: [Buffer.from('caps')] });
    expect(await client.capabilities()).toEqual({
      host,
      reachable: true,
      apiVersion: 'registry/2.0',
      authScheme: 'none',
      catalog: true,
      referrersApi: false,
      deletion: 'unknown',
    });
  });

  it('says why a registry cannot be reached, without throwing', async () => {
    const nowhere = `127.0.0.1:${await freePort()}`;
    const deadTransport = new RegistryTransport({ host: nowhere, maxRetries: 0 });
    try {
      const capabilities = await new RegistryClient({ transport: deadTransport }).capabilities();
      expect(capabilities).toMatchObject({
        host: nowhere,
        reachable: false,
        catalog: false,
        error: { code: 'REGISTRY_UNREACHABLE' },
      });
    } finally {
      await deadTransport.close();
    }
  });
});
