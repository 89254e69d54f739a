import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseReference } from '../../src-main/core/reference/index.js';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { imageCopy } from '../../src-main/core/registry/copy.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';
import { CLI, isolatedCliEnv, requireBuiltCli } from '../support/cli.js';
import { type FakeChunkOnlyRegistry, startFakeChunkOnlyRegistry } from '../support/fake-registries.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { pushArtifact, pushImage, pushIndex } from '../support/registry-content.js';
import { skopeoDigest } from '../support/skopeo.js';

/**
 * What a copy does beyond the plain case: a destination that takes blobs in chunks only, the
 * signatures and SBOMs of every platform of an index, and what each blob's part says became of it.
 */

const source = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `copy-more-${run}/${name}`;
const MiB = 1024 * 1024;

let work: string;
let destination: Registry;
const transports: RegistryTransport[] = [];
const fakes: FakeChunkOnlyRegistry[] = [];

function endpoint(host: string, reference: string) {
  const transport = new RegistryTransport({ host });
  transports.push(transport);
  return { client: new RegistryClient({ transport }), ref: parseReference(`${host}/${reference}`) };
}

async function chunkOnly(opts: { refuseStatus?: number; minChunkLength?: number } = {}) {
  const fake = await startFakeChunkOnlyRegistry({ upstream: destination.url, ...opts });
  fakes.push(fake);
  return fake;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-copy-more-'));
  destination = await startRegistry();
});

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
});

afterAll(async () => {
  await Promise.all(transports.map((transport) => transport.close()));
  await destination?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a destination that takes blobs in chunks only', () => {
  it.each([413, 405])(
    'sends them again in PATCH chunks after a %i, and the next blobs chunked from the start',
    async (status) => {
      const layer = randomBytes(13 * MiB);
      const image = await pushImage(source, repo(`chunked-${status}`), 'v1', {
        layers: [Buffer.from('small'), layer],
      });
      const fake = await chunkOnly({ refuseStatus: status, minChunkLength: 6 * MiB });

      const result = await imageCopy(
        endpoint(source, `${repo(`chunked-${status}`)}:v1`),
        endpoint(fake.host, `${repo(`chunked-${status}`)}:v1`),
        { concurrency: 1 },
      );

      expect(result.digest).toBe(image.digest);
      expect(result.blobs.map((blob) => blob.action)).toEqual(['uploaded', 'uploaded', 'uploaded']);
      // Only the first blob went whole (and was refused); the registry's minimum set the chunk size.
      expect(fake.refused).toHaveLength(1);
      const sessions = [...new Set(fake.chunks.values())];
      expect(
        sessions.map((sizes) => sizes.reduce((sum, size) => sum + size, 0)).sort((a, b) => a - b),
      ).toEqual(result.blobs.map((blob) => blob.size).sort((a, b) => a - b));
      expect(sessions.find((sizes) => sizes.length > 1)).toEqual([6 * MiB, 6 * MiB, 1 * MiB]);
      expect(await skopeoDigest(`${destination.host}/${repo(`chunked-${status}`)}:v1`, work)).toBe(
        image.digest,
      );
    },
  );

  it('copies 512 MiB through it with the CLI in bounded memory: peak RSS under 150 MB', async () => {
    requireBuiltCli();
    const layer = Buffer.alloc(512 * MiB, randomBytes(MiB));
    const image = await pushImage(source, repo('huge'), 'v1', { layers: [layer] });
    const fake = await chunkOnly();
    const target = `${fake.host}/${repo('huge')}:v1`;

    const { code, stdout, stderr, peakRss } = await runCliMeasured(
      ['copy', `${source}/${repo('huge')}:v1`, target],
      isolatedCliEnv(work, inject('dockerHost')),
    );

    expect(code, stderr).toBe(0);
    expect(stdout).toBe(`${image.digest}\n`);
    expect(fake.refused.length).toBeGreaterThanOrEqual(1);
    console.info(`peak RSS of the CLI copying 512 MiB in chunks: ${(peakRss / 1e6).toFixed(0)} MB`);
    expect(peakRss).toBeGreaterThan(0);
    expect(peakRss).toBeLessThan(150e6);
    expect(await skopeoDigest(`${destination.host}/${repo('huge')}:v1`, work)).toBe(image.digest);
  }, 300_000);
});

describe('an all-platforms copy', () => {
  it('carries the signatures and SBOMs of each platform’s image, not only of the index', async () => {
    const index = await pushIndex(source, repo('multi'), 'v1', [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ]);
    const [amd64, arm64] = index.manifests as [(typeof index.manifests)[0], (typeof index.manifests)[0]];
    const indexSignature = await pushArtifact(source, repo('multi'), { subject: index, kind: 'sig' });
    const amd64Signature = await pushArtifact(source, repo('multi'), { subject: amd64, kind: 'sig' });
    const arm64Sbom = await pushArtifact(source, repo('multi'), {
      subject: arm64,
      kind: 'referrer',
      artifactType: 'application/spdx+json',
    });

    const result = await imageCopy(
      endpoint(source, `${repo('multi')}:v1`),
      endpoint(destination.host, `${repo('multi')}:v1`),
      { allPlatforms: true },
    );

    expect(result.digest).toBe(index.digest);
    expect(result.manifests).toEqual(
      expect.arrayContaining([indexSignature.digest, amd64Signature.digest, arm64Sbom.digest]),
    );
    const dst = endpoint(destination.host, `${repo('multi')}:v1`).client;
    const signatureOf = (digest: string) => dst.manifestGet(repo('multi'), `sha256-${digest.slice(7)}.sig`);
    expect((await signatureOf(index.digest)).digest).toBe(indexSignature.digest);
    expect((await signatureOf(amd64.digest)).digest).toBe(amd64Signature.digest);
    expect(await dst.referrersList(repo('multi'), arm64.digest)).toEqual([
      expect.objectContaining({ digest: arm64Sbom.digest, artifactType: 'application/spdx+json' }),
    ]);
  });
});

describe('what each blob’s part says became of it', () => {
  it('uploaded to another registry, mounted within one, exists the second time', async () => {
    await pushImage(source, repo('outcome'), 'v1', { layers: [Buffer.from(`outcome ${run}`)] });
    const outcomes = async (to: string, toHost = destination.host) => {
      const parts: TaskPart[] = [];
      await imageCopy(endpoint(source, `${repo('outcome')}:v1`), endpoint(toHost, to), {
        onProgress: (part) => parts.push(part),
      });
      return parts.filter((part) => part.state !== 'running').map((part) => [part.state, part.outcome]);
    };

    expect(await outcomes(`${repo('outcome')}:v1`)).toEqual([
      ['done', 'uploaded'],
      ['done', 'uploaded'],
    ]);
    expect(await outcomes(`${repo('outcome')}:again`)).toEqual([
      ['skipped', 'exists'],
      ['skipped', 'exists'],
    ]);
    expect(await outcomes(`${repo('outcome-mounted')}:v1`, source)).toEqual([
      ['done', 'mounted'],
      ['done', 'mounted'],
    ]);
  });
});

/** Runs the built CLI to its end, sampling its peak resident memory (VmHWM) as it goes. */
function runCliMeasured(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string; peakRss: number }> {
  const child = spawn(process.execPath, [CLI, ...args], { env });
  let stdout = '';
  let stderr = '';
  let peakRss = 0;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const sample = async () => {
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
    const kib = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
    peakRss = Math.max(peakRss, kib * 1024);
  };
  const timer = setInterval(() => void sample(), 50);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, peakRss });
    });
  });
}
