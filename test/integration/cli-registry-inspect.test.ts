import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLI, isolatedCliEnv, runCli } from '../support/cli.js';
import {
  type PushedIndex,
  type PushedManifest,
  pushImage,
  pushIndex,
  sha256,
} from '../support/registry-content.js';
import { skopeoRaw } from '../support/skopeo.js';

const host = inject('registryHost');
const repo = `${host}/cli-inspect-${randomUUID().slice(0, 8)}`;
const path = repo.slice(host.length + 1);

interface Inspected {
  name: string;
  digest: string;
  mediaType: string;
  platforms: { os: string; architecture: string; variant?: string; digest: string; size: number }[];
  config: { architecture?: string; os?: string; labels: Record<string, string>; env: string[] } | null;
  layers: { digest: string; mediaType: string; size: number }[];
  created: string | null;
  labels: Record<string, string>;
}

async function inspectJson(...args: string[]): Promise<Inspected> {
  const result = await runCli(['inspect', ...args, '--json'], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout.toString('utf8'));
}

const layersOf = (pushed: PushedManifest) =>
  (pushed.manifest.layers as { digest: string; mediaType: string; size: number }[]).map(
    ({ digest, mediaType, size }) => ({ digest, mediaType, size }),
  );

let work: string;
let env: NodeJS.ProcessEnv;
let single: PushedManifest;
let index: PushedIndex;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-inspect-'));
  env = isolatedCliEnv(work, inject('dockerHost'));
  single = await pushImage(host, path, 'single', {
    layers: [Buffer.from('first layer'), Buffer.from('second layer')],
    mediaType: 'docker',
  });
  index = await pushIndex(
    host,
    path,
    'multi',
    [
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'amd64' },
    ],
    { attestation: true },
  );
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('stevedore inspect', () => {
  it('--json describes a single manifest with exactly the documented keys', async () => {
    const inspected = await inspectJson(`${repo}:single`);
    expect(Object.keys(inspected)).toEqual([
      'name',
      'digest',
      'mediaType',
      'platforms',
      'config',
      'layers',
      'created',
      'labels',
    ]);
    expect(inspected).toMatchObject({
      name: repo,
      digest: single.digest,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      platforms: [],
      layers: layersOf(single),
      created: '2024-05-06T07:08:09Z',
      labels: { 'org.example.platform': 'linux/amd64' },
    });
    expect(inspected.config).toMatchObject({ os: 'linux', architecture: 'amd64', env: ['PATH=/usr/bin'] });
  });

  it('agrees with skopeo on a single image: digest and layers', async () => {
    const inspected = await inspectJson(`${repo}:single`);
    const raw = await skopeoRaw(`${repo}:single`, work);
    expect(sha256(raw)).toBe(inspected.digest);
    const manifest = JSON.parse(raw.toString('utf8'));
    expect(inspected.layers.map((layer) => layer.digest)).toEqual(
      manifest.layers.map((layer: { digest: string }) => layer.digest),
    );
  });

  it('shows linux/amd64 of an index by default, and lists its platforms without attestations', async () => {
    const inspected = await inspectJson(`${repo}:multi`);
    const arm64 = index.manifests[0] as PushedManifest;
    const amd64 = index.manifests[1] as PushedManifest;
    expect(inspected.digest).toBe(index.digest);
    expect(inspected.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(inspected.platforms.map(({ size: _, ...platform }) => platform)).toEqual([
      { os: 'linux', architecture: 'arm64', variant: 'v8', digest: arm64.digest },
      { os: 'linux', architecture: 'amd64', digest: amd64.digest },
    ]);
    // The manifest, its config and its layers.
    const config = amd64.manifest.config as { size: number };
    const layerBytes = layersOf(amd64).reduce((sum, layer) => sum + layer.size, 0);
    expect(inspected.platforms[1]?.size).toBe(amd64.size + config.size + layerBytes);
    expect(inspected.config).toMatchObject({ architecture: 'amd64' });
    expect(inspected.layers).toEqual(layersOf(amd64));
  });

  it('agrees with skopeo on an index: digest and platforms', async () => {
    const inspected = await inspectJson(`${repo}:multi`);
    const raw = await skopeoRaw(`${repo}:multi`, work);
    expect(sha256(raw)).toBe(inspected.digest);
    const entries = JSON.parse(raw.toString('utf8')).manifests as {
      digest: string;
      platform: { os: string; architecture: string; variant?: string };
    }[];
    const images = entries.filter((entry) => entry.platform.os !== 'unknown');
    expect(inspected.platforms.map(({ size: _, ...platform }) => platform)).toEqual(
      images.map((entry) => ({ ...entry.platform, digest: entry.digest })),
    );
  });

  it('--platform picks the index entry for config and layers', async () => {
    const inspected = await inspectJson(`${repo}:multi`, '--platform', 'linux/arm64/v8');
    const arm64 = index.manifests[0] as PushedManifest;
    expect(inspected.digest).toBe(index.digest);
    expect(inspected.config).toMatchObject({ os: 'linux', architecture: 'arm64' });
    expect(inspected.layers).toEqual(layersOf(arm64));
    expect(inspected.labels).toEqual({ 'org.example.platform': 'linux/arm64' });
  });

  it.each([
    ['single', () => single.digest, []],
    ['multi', () => index.digest, []],
    ['multi', () => (index.manifests[0] as PushedManifest).digest, ['--platform', 'linux/arm64']],
  ])('--raw of %s prints the bytes served, which hash to the digest', async (tag, digest, extra) => {
    const result = await runCli(['inspect', `${repo}:${tag}`, '--raw', ...extra], env);
    expect(result.code).toBe(0);
    expect(sha256(result.stdout)).toBe(digest());
  });

  it('--raw of a digest reference prints those bytes too', async () => {
    const result = await runCli(['inspect', `${repo}@${single.digest}`, '--raw'], env);
    expect(result.stdout.equals(single.bytes)).toBe(true);
  });

  it('prints a readable summary without --json', async () => {
    const result = await runCli(['inspect', `${repo}:multi`], env);
    expect(result.code).toBe(0);
    const text = result.stdout.toString('utf8');
    expect(text).toContain(`Name:        ${repo}\n`);
    expect(text).toContain(`Digest:      ${index.digest}\n`);
    expect(text).toMatch(/Platforms:\n {2}PLATFORM +DIGEST +SIZE\n {2}linux\/arm64\/v8 +sha256:/);
    expect(text).toContain('Platform:    linux/amd64\n');
    expect(text).toContain('Created:     2024-05-06T07:08:09Z\n');
    expect(text).toMatch(/Layers:\n {2}DIGEST +MEDIA TYPE +SIZE\n {2}sha256:/);
  });

  it('fails with exit 1 and one line for a tag the registry does not have', async () => {
    const result = await runCli(['inspect', `${repo}:missing`, '--json'], env);
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/^stevedore: [^\n]*not found[^\n]*\n$/i);
  });

  it('fails with exit 1 and names the platforms an index has when --platform is not one', async () => {
    const result = await runCli(['inspect', `${repo}:multi`, '--platform', 'linux/s390x'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^stevedore: [^\n]*linux\/s390x[^\n]*linux\/arm64\/v8, linux\/amd64[^\n]*\n$/,
    );
  });

  it.each([
    ['an invalid reference', [`${host}/Bad/Name:tag`]],
    ['a malformed --platform', [`${repo}:multi`, '--platform', 'linux']],
    ['--raw with --json', [`${repo}:multi`, '--raw', '--json']],
  ])('refuses %s with exit 2', async (_, args) => {
    const result = await runCli(['inspect', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stevedore: [^\n]+\n$/);
  });
});
