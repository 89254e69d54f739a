import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseReference } from '../../src-main/core/reference/index.js';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { imageCopy } from '../../src-main/core/registry/copy.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';
import {
  type FakeTamperingProxy,
  flipLastByte,
  startFakeTamperingProxy,
} from '../support/fake-registries.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { pushArtifact, pushImage, pushIndex, sha256 } from '../support/registry-content.js';
import { skopeoDigest } from '../support/skopeo.js';

const run = randomUUID().slice(0, 8);
const repo = (name: string) => `copy-${run}/${name}`;

let source: Registry;
let destination: Registry;
const transports: RegistryTransport[] = [];

function clientFor(host: string): RegistryClient {
  const transport = new RegistryTransport({ host });
  transports.push(transport);
  return new RegistryClient({ transport });
}

function endpoint(host: string, reference: string) {
  return { client: clientFor(host), ref: parseReference(`${host}/${reference}`) };
}

beforeAll(async () => {
  [source, destination] = await Promise.all([startRegistry(), startRegistry()]);
});

afterAll(async () => {
  await Promise.all(transports.map((transport) => transport.close()));
  await Promise.all([source?.stop(), destination?.stop()]);
});

async function hasManifest(host: string, reference: string): Promise<boolean> {
  const { client, ref } = endpoint(host, reference);
  return client.manifestHead(ref.path, ref.digest ?? ref.tag ?? 'latest').then(
    () => true,
    (error: { code?: string }) => {
      if (error.code === 'NOT_FOUND') return false;
      throw error;
    },
  );
}

describe('imageCopy between two registries', () => {
  it('copies a single image: same digest, every blob on the destination, skopeo agrees', async () => {
    const layers = [Buffer.from('first layer'), Buffer.from('second layer')];
    const image = await pushImage(source.host, repo('single'), 'v1', { layers });

    const result = await imageCopy(
      endpoint(source.host, `${repo('single')}:v1`),
      endpoint(destination.host, `${repo('copied')}:v1`),
    );

    expect(result.digest).toBe(image.digest);
    expect(result.blobs).toHaveLength(3);
    expect(result.blobs.every((blob) => blob.action === 'uploaded')).toBe(true);
    const dst = clientFor(destination.host);
    for (const blob of result.blobs) {
      expect(await dst.blobHead(repo('copied'), blob.digest)).toEqual({ size: blob.size });
    }
    expect(await skopeoDigest(`${destination.host}/${repo('copied')}:v1`, tmpdir())).toBe(image.digest);
  });

  it('copies a multi-platform index with every platform: index digest kept, every child present', async () => {
    const index = await pushIndex(
      source.host,
      repo('multi'),
      'v1',
      [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ],
      { attestation: true },
    );

    const result = await imageCopy(
      endpoint(source.host, `${repo('multi')}:v1`),
      endpoint(destination.host, `${repo('multi')}:v1`),
      { allPlatforms: true },
    );

    expect(result.digest).toBe(index.digest);
    expect(result.manifests.at(-1)).toBe(index.digest);
    const children = (index.manifest.manifests as { digest: string }[]).map((entry) => entry.digest);
    expect(children).toHaveLength(3);
    for (const child of children) {
      expect(await hasManifest(destination.host, `${repo('multi')}@${child}`)).toBe(true);
    }
    const copied = await clientFor(destination.host).manifestGet(repo('multi'), 'v1');
    expect(copied.bytes.equals(index.bytes)).toBe(true);
  });

  it('copies one platform of an index without allPlatforms (linux/amd64 by default, or the one asked for)', async () => {
    const index = await pushIndex(source.host, repo('pick'), 'v1', [
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'amd64' },
    ]);
    const amd64 = index.manifests[1]?.digest;
    const arm64 = index.manifests[0]?.digest;

    const byDefault = await imageCopy(
      endpoint(source.host, `${repo('pick')}:v1`),
      endpoint(destination.host, `${repo('pick')}:amd64`),
    );
    const asked = await imageCopy(
      endpoint(source.host, `${repo('pick')}:v1`),
      endpoint(destination.host, `${repo('pick')}:arm64`),
      { platform: 'linux/arm64' },
    );

    expect(byDefault.digest).toBe(amd64);
    expect(asked.digest).toBe(arm64);
    expect(await hasManifest(destination.host, `${repo('pick')}@${index.digest}`)).toBe(false);
  });

  it('mounts blobs within one registry, and finds them all present the second time', async () => {
    const image = await pushImage(source.host, repo('mount-from'), 'v1', {
      layers: [Buffer.from('mounted layer')],
    });
    const copy = () =>
      imageCopy(
        endpoint(source.host, `${repo('mount-from')}:v1`),
        endpoint(source.host, `${repo('mount-to')}:v1`),
      );

    const first = await copy();
    const second = await copy();

    expect(first.digest).toBe(image.digest);
    expect(first.blobs.map((blob) => blob.action)).toEqual(['mounted', 'mounted']);
    expect(second.blobs.map((blob) => blob.action)).toEqual(['exists', 'exists']);
    expect(await hasManifest(source.host, `${repo('mount-to')}:v1`)).toBe(true);
  });

  it('streams a 20 MiB layer: never reads a blob whole, memory far below the layer size', async () => {
    const layer = randomBytes(20 * 1024 * 1024);
    const image = await pushImage(source.host, repo('large'), 'v1', { layers: [layer] });
    const wholeReads = vi.spyOn(RegistryClient.prototype, 'blobGet');
    // Garbage (chunks already sent) is not what we measure: collect it before each sample.
    const collect = collector();
    // Buffers of the push above are released over more than one collection.
    for (let round = 0; round < 3; round += 1) collect();
    const before = process.memoryUsage();
    let peak = Number.NEGATIVE_INFINITY;
    let samples = 0;
    let sampledAt = 0;
    const sample = (part: TaskPart) => {
      if (part.current - sampledAt < 2 * 1024 * 1024 && part.state === 'running') return;
      sampledAt = part.current;
      samples += 1;
      collect();
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - (before.heapUsed + before.arrayBuffers));
    };

    const result = await imageCopy(
      endpoint(source.host, `${repo('large')}:v1`),
      endpoint(destination.host, `${repo('large')}:v1`),
      { onProgress: sample },
    );

    expect(result.digest).toBe(image.digest);
    expect(result.blobs.find((blob) => blob.size === layer.length)?.action).toBe('uploaded');
    expect(wholeReads).not.toHaveBeenCalled();
    wholeReads.mockRestore();
    console.info(`peak growth during a 20 MiB copy: ${(peak / 1024 / 1024).toFixed(1)} MiB`);
    expect(samples).toBeGreaterThanOrEqual(10);
    expect(peak).toBeLessThan(layer.length / 4);
  });

  it('answers false when a blob cannot be mounted (the registry opened an upload instead)', async () => {
    const client = clientFor(destination.host);
    const missing = sha256(Buffer.from(`never pushed ${run}`));
    expect(await client.blobMount(repo('mount-none'), missing, repo('nowhere'))).toBe(false);
    expect(await client.blobHead(repo('mount-none'), missing)).toBeNull();
  });

  it('uploads in PATCH chunks when asked, and the registry takes the blob', async () => {
    const blob = randomBytes(3 * 1024 * 1024 + 123);
    const digest = sha256(blob);
    const client = clientFor(destination.host);
    const seen: number[] = [];

    await client.blobUpload(repo('chunked'), digest, blob.length, streamOf(blob), {
      chunkSize: 1024 * 1024,
      onBytes: (sent) => seen.push(sent),
    });

    expect(await client.blobHead(repo('chunked'), digest)).toEqual({ size: blob.length });
    expect(seen.at(-1)).toBe(blob.length);
  });

  it('refuses an upload whose bytes are not the digest: the registry keeps nothing', async () => {
    const client = clientFor(destination.host);
    const blob = Buffer.from('claimed');
    const digest = sha256(Buffer.from('something else'));
    await expect(client.blobUpload(repo('wrong'), digest, blob.length, streamOf(blob))).rejects.toMatchObject(
      {
        code: expect.stringMatching(/REGISTRY_ERROR|PROTOCOL_ERROR/),
      },
    );
    expect(await client.blobHead(repo('wrong'), digest)).toBeNull();
  });
});

describe('imageCopy when something goes wrong', () => {
  let proxy: FakeTamperingProxy;

  beforeAll(async () => {
    proxy = await startFakeTamperingProxy({
      upstream: source.url,
      alter: (path, body) => (path.includes('/blobs/') ? flipLastByte(body) : body),
    });
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('stops at a tampered source blob (DIGEST_MISMATCH) and writes no manifest', async () => {
    await pushImage(source.host, repo('tampered'), 'v1', { layers: [Buffer.from('to be tampered')] });

    await expect(
      imageCopy(
        endpoint(proxy.host, `${repo('tampered')}:v1`),
        endpoint(destination.host, `${repo('tampered')}:v1`),
      ),
    ).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });

    expect(proxy.tampered.some((path) => path.includes('/blobs/'))).toBe(true);
    expect(await hasManifest(destination.host, `${repo('tampered')}:v1`)).toBe(false);
  });

  it('cancels after the first blob: CANCELLED, no manifest, nothing else reported done', async () => {
    await pushImage(source.host, repo('cancel'), 'v1', {
      layers: [randomBytes(4 * 1024 * 1024), randomBytes(4 * 1024 * 1024), randomBytes(4 * 1024 * 1024)],
    });
    const controller = new AbortController();
    const done: TaskPart[] = [];

    await expect(
      imageCopy(
        endpoint(source.host, `${repo('cancel')}:v1`),
        endpoint(destination.host, `${repo('cancel')}:v1`),
        {
          signal: controller.signal,
          concurrency: 1,
          onProgress: (part) => {
            if (part.state !== 'done') return;
            done.push(part);
            controller.abort();
          },
        },
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });

    expect(done).toHaveLength(1);
    expect(await hasManifest(destination.host, `${repo('cancel')}:v1`)).toBe(false);
  });
});

describe('imageCopy carries what refers to the image', () => {
  it('copies a cosign `.sig` tag and an OCI referrer (with the referrers tag schema index)', async () => {
    const image = await pushImage(source.host, repo('signed'), 'v1', {
      layers: [Buffer.from('signed layer')],
    });
    const signature = await pushArtifact(source.host, repo('signed'), { subject: image, kind: 'sig' });
    const sbom = await pushArtifact(source.host, repo('signed'), {
      subject: image,
      kind: 'referrer',
      artifactType: 'application/spdx+json',
    });

    const result = await imageCopy(
      endpoint(source.host, `${repo('signed')}:v1`),
      endpoint(destination.host, `${repo('signed')}:v1`),
    );

    const hex = image.digest.slice('sha256:'.length);
    expect(result.manifests).toEqual(expect.arrayContaining([image.digest, signature.digest, sbom.digest]));
    expect(await hasManifest(destination.host, `${repo('signed')}:sha256-${hex}.sig`)).toBe(true);
    const dst = clientFor(destination.host);
    expect(await dst.referrersList(repo('signed'), image.digest)).toEqual([
      expect.objectContaining({ digest: sbom.digest, artifactType: 'application/spdx+json' }),
    ]);
    const copiedSignature = await dst.manifestGet(repo('signed'), `sha256-${hex}.sig`);
    expect(copiedSignature.digest).toBe(signature.digest);
  });
});

/** A full garbage collection, without starting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function streamOf(bytes: Buffer): Readable {
  // A fresh stream per call, in 64 KiB pieces as a socket would deliver them.
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024)
        yield bytes.subarray(offset, offset + 64 * 1024);
    })(),
  );
}
