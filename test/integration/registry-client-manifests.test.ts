import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ContentCache } from '../../src-main/core/cache/index.js';
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  OCI_CONFIG,
  OCI_INDEX,
  OCI_MANIFEST,
} from '../../src-main/core/oci/index.js';
import { parseReference } from '../../src-main/core/reference/index.js';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import {
  deletePlan,
  imageDelete,
  imageInspect,
  manifestRaw,
  tagDetails,
} from '../../src-main/core/registry/inspect.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import { startFakeTamperingProxy } from '../support/fake-registries.js';
import { imageConfig, pushBlob, pushImage, pushIndex, sha256 } from '../support/registry-content.js';

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `manifests-${run}/${name}`;
const ref = (text: string) => parseReference(`${host}/${text}`);

let cacheDir: string;
let cache: ContentCache;
const transport = new RegistryTransport({ host });
let client: RegistryClient;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'stevedore-client-cache-'));
  cache = await ContentCache.open(cacheDir);
  client = new RegistryClient({ transport, cache });
});

afterAll(async () => {
  await transport.close();
  await rm(cacheDir, { recursive: true, force: true });
});

describe('single-platform images', () => {
  it.each([
    ['docker', DOCKER_MANIFEST],
    ['oci', OCI_MANIFEST],
  ] as const)(
    'reads a %s manifest by tag and by digest, digest computed from the bytes',
    async (kind, mediaType) => {
      const layers = [Buffer.from(`${kind} layer one`), Buffer.from(`${kind} layer two`)];
      const pushed = await pushImage(host, repo(kind), 'v1', { layers, mediaType: kind });

      const byTag = await client.manifestGet(repo(kind), 'v1');
      expect(byTag).toMatchObject({ digest: pushed.digest, mediaType, warnings: [] });
      expect(byTag.bytes).toEqual(pushed.bytes);
      expect(byTag.manifest.kind).toBe('image');

      const byDigest = await client.manifestGet(repo(kind), pushed.digest);
      expect(byDigest.digest).toBe(pushed.digest);

      expect(await client.manifestHead(repo(kind), 'v1')).toEqual({
        digest: pushed.digest,
        mediaType,
        size: pushed.size,
      });

      const inspection = await imageInspect(client, ref(`${repo(kind)}:v1`));
      const config = imageConfig(undefined, layers);
      const configSize = Buffer.byteLength(JSON.stringify(config));
      expect(inspection).toMatchObject({
        name: `${host}/${repo(kind)}`,
        tag: 'v1',
        digest: pushed.digest,
        mediaType,
        platforms: [],
        platform: { os: 'linux', architecture: 'amd64' },
        created: config.created,
        labels: config.config.Labels,
        size: configSize + layers[0]!.length + layers[1]!.length,
        attached: [],
      });
      expect(inspection.layers.map((layer) => layer.digest)).toEqual(layers.map(sha256));
      expect(inspection.config?.history.map((step) => step.createdBy)).toEqual([
        'COPY layer0 /',
        'COPY layer1 /',
      ]);

      const raw = await manifestRaw(client, ref(`${repo(kind)}:v1`));
      expect(raw).toEqual({ digest: pushed.digest, mediaType, raw: pushed.bytes.toString('utf8') });
    },
  );

  it('refuses another platform than a single image is for', async () => {
    await pushImage(host, repo('amd64-only'), 'v1', { layers: [Buffer.from('amd64 only')] });
    const amd64 = ref(`${repo('amd64-only')}:v1`);
    expect((await imageInspect(client, amd64, { platform: 'linux/amd64' })).platform?.architecture).toBe(
      'amd64',
    );
    await expect(imageInspect(client, amd64, { platform: 'linux/arm64' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('has no linux/arm64 image (it has linux/amd64)'),
    });
  });

  it('reads `latest` when the reference names neither tag nor digest', async () => {
    const pushed = await pushImage(host, repo('plain'), 'latest', { layers: [Buffer.from('plain')] });
    expect(await imageInspect(client, ref(repo('plain')))).toMatchObject({
      tag: 'latest',
      digest: pushed.digest,
    });
  });

  it('keeps manifests asked for by digest and configs in the content cache, not manifests by tag', async () => {
    const pushed = await pushImage(host, repo('cached'), 'v1', { layers: [Buffer.from('cached')] });
    const config = (pushed.manifest.config as { digest: string }).digest;
    await imageInspect(client, ref(`${repo('cached')}:v1`));
    await cache.flush();
    // A tag may move: its manifest is asked for again every time, so keeping it would be waste.
    expect(await cache.get(pushed.digest)).toBeUndefined();
    expect(await cache.get(config)).toBeDefined();
    await imageInspect(client, ref(`${repo('cached')}@${pushed.digest}`));
    await cache.flush();
    expect(await cache.get(pushed.digest)).toEqual(pushed.bytes);
    const files = await readdir(join(cacheDir, 'blobs', 'sha256'));
    expect(files).toEqual(expect.arrayContaining([pushed.digest.slice(7), config.slice(7)]));
  });

  it('fetches a blob, verified, and serves it from the cache after', async () => {
    const bytes = Buffer.from(`a blob ${run}`);
    const digest = await pushBlob(host, repo('blob'), bytes);
    expect(await client.blobGet(repo('blob'), digest, 1024)).toEqual(bytes);
    await cache.flush();
    expect(await cache.get(digest)).toEqual(bytes);
    await expect(client.blobGet(repo('blob'), sha256(Buffer.from('absent')), 1024)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const fresh = new RegistryClient({ transport });
    await expect(fresh.blobGet(repo('blob'), digest, 4)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('says NOT_FOUND for an unknown tag and INVALID_REFERENCE for a malformed tag or digest', async () => {
    await expect(client.manifestGet(repo('docker'), 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.manifestGet(repo('docker'), 'bad tag')).rejects.toMatchObject({
      code: 'INVALID_REFERENCE',
    });
    await expect(client.manifestGet(repo('docker'), 'sha256:abc')).rejects.toMatchObject({
      code: 'INVALID_REFERENCE',
    });
  });
});

describe('multi-platform indexes', () => {
  const platforms = [
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm', variant: 'v7' },
  ];
  let oci: Awaited<ReturnType<typeof pushIndex>>;
  let docker: Awaited<ReturnType<typeof pushIndex>>;

  beforeAll(async () => {
    oci = await pushIndex(host, repo('multi'), 'oci', platforms, { attestation: true });
    docker = await pushIndex(host, repo('multi'), 'docker', platforms, { mediaType: 'docker' });
  });

  it('shows linux/amd64 by default and lists every platform but the attestation', async () => {
    const inspection = await imageInspect(client, ref(`${repo('multi')}:oci`));
    expect(inspection.digest).toBe(oci.digest);
    expect(inspection.mediaType).toBe(OCI_INDEX);
    expect(inspection.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(inspection.labels).toEqual({ 'org.example.platform': 'linux/amd64' });
    expect(
      inspection.platforms.map(({ os, architecture, variant }) => ({ os, architecture, variant })),
    ).toEqual(platforms.map(({ os, architecture, variant }) => ({ os, architecture, variant })));
    const amd64 = oci.manifests[1]!;
    const [config, ...layers] = [amd64.manifest.config, ...(amd64.manifest.layers as { size: number }[])] as {
      size: number;
    }[];
    const imageSize = config!.size + layers.reduce((sum, layer) => sum + layer.size, 0);
    expect(inspection.size).toBe(imageSize);
    expect(inspection.platforms[1]).toMatchObject({
      digest: amd64.digest,
      mediaType: OCI_MANIFEST,
      size: amd64.size + imageSize,
    });
    expect(inspection.layers.map((layer) => layer.digest)).toEqual(
      (amd64.manifest.layers as { digest: string }[]).map((l) => l.digest),
    );
  });

  it.each(['linux/arm64/v8', 'linux/arm64', 'linux/aarch64'])('shows %s when asked', async (platform) => {
    const inspection = await imageInspect(client, ref(`${repo('multi')}:docker`), { platform });
    expect(inspection.mediaType).toBe(DOCKER_MANIFEST_LIST);
    expect(inspection.digest).toBe(docker.digest);
    expect(inspection.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(inspection.labels).toEqual({ 'org.example.platform': 'linux/arm64' });
    expect(inspection.config?.architecture).toBe('arm64');
  });

  it('says which platforms there are when the one asked for is missing', async () => {
    await expect(
      imageInspect(client, ref(`${repo('multi')}:oci`), { platform: 'linux/s390x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('it has linux/arm64/v8, linux/amd64, linux/arm/v7'),
    });
    await expect(
      imageInspect(client, ref(`${repo('multi')}:oci`), { platform: 'linux' }),
    ).rejects.toMatchObject({
      code: 'PLATFORM_INVALID',
    });
  });

  it('shows the first platform that is not an attestation when there is no linux/amd64', async () => {
    await pushIndex(host, repo('arm-only'), 'v1', [platforms[2]!, platforms[0]!], { attestation: true });
    const inspection = await imageInspect(client, ref(`${repo('arm-only')}:v1`));
    expect(inspection.platform).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
  });

  it('gives tag details with bounded concurrency, leaving out tags that are gone', async () => {
    const single = await pushImage(host, repo('multi'), 'single', { layers: [Buffer.from('single')] });
    const details = await tagDetails(client, repo('multi'), ['oci', 'missing', 'single', 'docker'], {
      concurrency: 2,
    });
    expect(details.map((detail) => detail.tag)).toEqual(['oci', 'single', 'docker']);
    expect(details[0]).toMatchObject({
      digest: oci.digest,
      mediaType: OCI_INDEX,
      platforms,
      created: '2024-05-06T07:08:09Z',
    });
    expect(details[1]).toMatchObject({
      digest: single.digest,
      mediaType: OCI_MANIFEST,
      platforms: [{ os: 'linux', architecture: 'amd64' }],
    });
    expect(details[2]?.mediaType).toBe(DOCKER_MANIFEST_LIST);
  });
});

describe('deleting', () => {
  it('plans which tags go with a digest, deletes it, and then it is gone', async () => {
    const name = repo('delete');
    const shared = await pushImage(host, name, 'a', { layers: [Buffer.from('shared')] });
    for (const tag of ['b', 'c']) await pushImage(host, name, tag, { layers: [Buffer.from('shared')] });
    await pushImage(host, name, 'other', { layers: [Buffer.from('other')] });

    const plan = await deletePlan(client, ref(`${name}:a`));
    expect(plan.digest).toBe(shared.digest);
    expect(plan.sharedTags.sort()).toEqual(['b', 'c']);
    expect(await deletePlan(client, ref(`${name}@${shared.digest}`))).toEqual({
      digest: shared.digest,
      sharedTags: expect.arrayContaining(['a', 'b', 'c']),
    });

    const fresh = new RegistryClient({ transport });
    expect((await fresh.capabilities()).deletion).toBe('unknown');
    expect(await imageDelete(fresh, ref(`${name}:a`))).toEqual(plan);
    expect((await fresh.capabilities()).deletion).toBe('enabled');

    const uncached = new RegistryClient({ transport });
    await expect(uncached.manifestGet(name, shared.digest)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(uncached.manifestGet(name, 'b')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await uncached.tagList(name)).tags).toEqual(['other']);
    await expect(uncached.manifestDelete(name, shared.digest)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes by digest only', async () => {
    await expect(client.manifestDelete(repo('delete'), 'other')).rejects.toMatchObject({
      code: 'INVALID_REFERENCE',
    });
  });
});

describe('a registry that alters what it serves (fake: a tampering proxy)', () => {
  it('says DIGEST_MISMATCH for a manifest by digest and for a blob', async () => {
    const name = repo('tampered');
    const pushed = await pushImage(host, name, 'v1', { layers: [Buffer.from('untampered')] });
    const proxy = await startFakeTamperingProxy({ upstream: `http://${host}` });
    const proxied = new RegistryTransport({ host: proxy.host });
    try {
      const victim = new RegistryClient({ transport: proxied });
      await expect(victim.manifestGet(name, pushed.digest)).rejects.toMatchObject({
        code: 'DIGEST_MISMATCH',
        details: expect.objectContaining({ expected: pushed.digest }),
      });
      const layer = (pushed.manifest.layers as { digest: string }[])[0]!.digest;
      await expect(victim.blobGet(name, layer, 1024)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
      expect(proxy.tampered).toEqual([
        `/v2/${name}/manifests/${pushed.digest}`,
        `/v2/${name}/blobs/${layer}`,
      ]);
    } finally {
      await proxied.close();
      await proxy.stop();
    }
  });

  it('warns when the bytes of a tag disagree with Docker-Content-Digest', async () => {
    const name = repo('relabelled');
    const pushed = await pushImage(host, name, 'v1', { layers: [Buffer.from('relabelled')] });
    // Still a valid manifest, but not the one the registry named: only the header can tell.
    const proxy = await startFakeTamperingProxy({
      upstream: `http://${host}`,
      alter: (_path, body) =>
        Buffer.from(body.toString('utf8').replace('"schemaVersion":2', '"schemaVersion": 2')),
    });
    const proxied = new RegistryTransport({ host: proxy.host });
    try {
      const fetched = await new RegistryClient({ transport: proxied }).manifestGet(name, 'v1');
      expect(fetched.digest).not.toBe(pushed.digest);
      expect(fetched.warnings).toEqual([
        expect.stringContaining(`said the manifest's digest is ${pushed.digest}`),
      ]);
    } finally {
      await proxied.close();
      await proxy.stop();
    }
  });
});

describe('a manifest over 4 MiB (fake: distribution refuses to store one)', () => {
  let server: ReturnType<typeof createServer>;
  let fakeHost: string;

  beforeAll(async () => {
    const huge = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: sha256(Buffer.from('{}')), size: 2 },
        layers: [],
        annotations: { padding: 'x'.repeat(5 * 1024 * 1024) },
      }),
    );
    server = createServer((req, res) => {
      if (req.url === '/v2/') {
        res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' });
        res.end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': OCI_MANIFEST, 'content-length': String(huge.length) });
      res.end(huge);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fakeHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('is refused with TOO_LARGE', async () => {
    const fakeTransport = new RegistryTransport({ host: fakeHost });
    try {
      await expect(
        new RegistryClient({ transport: fakeTransport }).manifestGet('big/image', 'v1'),
      ).rejects.toMatchObject({
        code: 'TOO_LARGE',
      });
    } finally {
      await fakeTransport.close();
    }
  });
});
