import { createHash } from 'node:crypto';

/**
 * Puts test content into a real registry straight through its HTTP API (no docker): blobs,
 * images (OCI or Docker schema 2), multi-platform indexes, signatures and referrers, and
 * thousands of repositories or tags quickly. Anonymous registries only; plain fetch.
 */

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
const DOCKER_LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
const COSIGN_SIMPLESIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';

/** How many requests bulk helpers keep in flight. */
const POOL = 16;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: TestPlatform;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export interface TestPlatform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface PushedManifest {
  digest: string;
  /** The manifest as pushed (parsed), and its exact bytes. */
  manifest: Record<string, unknown>;
  bytes: Buffer;
  mediaType: string;
  size: number;
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** `127.0.0.1:5000` or `http://127.0.0.1:5000` → `http://127.0.0.1:5000`. */
function baseUrl(registry: string): string {
  return /^https?:\/\//.test(registry) ? registry.replace(/\/+$/, '') : `http://${registry}`;
}

async function expectStatus(response: Response, expected: number[], what: string): Promise<Response> {
  if (!expected.includes(response.status)) {
    throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`);
  }
  return response;
}

/** Uploads a blob (POST then PUT, monolithic) unless the repository already has it. Returns its digest. */
export async function pushBlob(registry: string, repo: string, bytes: Uint8Array): Promise<string> {
  const base = baseUrl(registry);
  const digest = sha256(bytes);
  const head = await fetch(`${base}/v2/${repo}/blobs/${digest}`, { method: 'HEAD' });
  if (head.status === 200) return digest;
  const start = await expectStatus(
    await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST' }),
    [202],
    `start upload to ${repo}`,
  );
  await start.arrayBuffer();
  const location = new URL(start.headers.get('location') ?? '', base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  await (await expectStatus(put, [201], `upload ${digest} to ${repo}`)).arrayBuffer();
  return digest;
}

/** Links a blob another repository of the same registry has into `repo` (cross-repository mount). */
export async function mountBlob(registry: string, repo: string, digest: string, from: string): Promise<void> {
  const response = await fetch(
    `${baseUrl(registry)}/v2/${repo}/blobs/uploads/?mount=${digest}&from=${from}`,
    {
      method: 'POST',
    },
  );
  await (await expectStatus(response, [201], `mount ${digest} into ${repo}`)).arrayBuffer();
}

/** PUTs manifest bytes under a tag or digest; returns the digest of the bytes. */
export async function pushManifest(
  registry: string,
  repo: string,
  reference: string,
  bytes: Uint8Array,
  mediaType: string,
): Promise<string> {
  const response = await fetch(`${baseUrl(registry)}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    headers: { 'content-type': mediaType },
    body: new Uint8Array(bytes),
  });
  await (await expectStatus(response, [201], `push manifest ${repo}:${reference}`)).arrayBuffer();
  return sha256(bytes);
}

export interface ImageOptions {
  /** Layer blobs (any bytes: the registry does not unpack them). */
  layers: Buffer[];
  /** The image config; default: a linux/amd64 config with a created time and a label. */
  config?: object;
  mediaType?: 'oci' | 'docker';
  annotations?: Record<string, string>;
}

/** A config like docker build writes, for `platform`. */
export function imageConfig(
  platform: TestPlatform = { os: 'linux', architecture: 'amd64' },
  layers: Buffer[] = [],
) {
  return {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created: '2024-05-06T07:08:09Z',
    config: {
      Env: ['PATH=/usr/bin'],
      Labels: { 'org.example.platform': `${platform.os}/${platform.architecture}` },
    },
    rootfs: { type: 'layers', diff_ids: layers.map(sha256) },
    history: layers.map((_, i) => ({ created: '2024-05-06T07:08:09Z', created_by: `COPY layer${i} /` })),
  };
}

/** Pushes config and layers, then the manifest under `tag` (a tag, or a digest to push it untagged). */
export async function pushImage(
  registry: string,
  repo: string,
  tag: string | null,
  opts: ImageOptions,
): Promise<PushedManifest> {
  const docker = opts.mediaType === 'docker';
  const configBytes = Buffer.from(JSON.stringify(opts.config ?? imageConfig(undefined, opts.layers)));
  const config = {
    mediaType: docker ? DOCKER_CONFIG : OCI_CONFIG,
    digest: await pushBlob(registry, repo, configBytes),
    size: configBytes.length,
  };
  const layers = [];
  for (const layer of opts.layers) {
    layers.push({
      mediaType: docker ? DOCKER_LAYER_GZIP : OCI_LAYER_GZIP,
      digest: await pushBlob(registry, repo, layer),
      size: layer.length,
    });
  }
  const mediaType = docker ? DOCKER_MANIFEST : OCI_MANIFEST;
  const manifest = {
    schemaVersion: 2,
    mediaType,
    config,
    layers,
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  };
  return pushJson(registry, repo, tag, manifest, mediaType);
}

/** Pushes `manifest` as JSON under `tag`, or by its own digest when `tag` is null. */
export async function pushJson(
  registry: string,
  repo: string,
  tag: string | null,
  manifest: object,
  mediaType: string,
): Promise<PushedManifest> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = sha256(bytes);
  await pushManifest(registry, repo, tag ?? digest, bytes, mediaType);
  return { digest, manifest: manifest as Record<string, unknown>, bytes, mediaType, size: bytes.length };
}

export interface IndexOptions {
  mediaType?: 'oci' | 'docker';
  /** Add a BuildKit-style attestation entry (`unknown/unknown`) first in the index. */
  attestation?: boolean;
}

export interface PushedIndex extends PushedManifest {
  /** One image per platform, in the order given. */
  manifests: (PushedManifest & { platform: TestPlatform })[];
}

/** Pushes one small image per platform (distinct layers and configs), then an index of them under `tag`. */
export async function pushIndex(
  registry: string,
  repo: string,
  tag: string,
  platforms: TestPlatform[],
  opts: IndexOptions = {},
): Promise<PushedIndex> {
  const images = [];
  for (const platform of platforms) {
    const layer = Buffer.from(`layer of ${repo}:${tag} for ${JSON.stringify(platform)}`);
    const image = await pushImage(registry, repo, null, {
      layers: [layer],
      config: imageConfig(platform, [layer]),
      ...(opts.mediaType ? { mediaType: opts.mediaType } : {}),
    });
    images.push({ ...image, platform });
  }
  const entries: Descriptor[] = images.map((image) => ({
    mediaType: image.mediaType,
    digest: image.digest,
    size: image.size,
    platform: image.platform,
  }));
  if (opts.attestation && images[0]) {
    const statement = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1' }));
    const attestation = await pushImage(registry, repo, null, { layers: [statement] });
    entries.unshift({
      mediaType: OCI_MANIFEST,
      digest: attestation.digest,
      size: attestation.size,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': images[0].digest,
      },
    });
  }
  const mediaType = opts.mediaType === 'docker' ? DOCKER_LIST : OCI_INDEX;
  const index = { schemaVersion: 2, mediaType, manifests: entries };
  return { ...(await pushJson(registry, repo, tag, index, mediaType)), manifests: images };
}

export interface ArtifactOptions {
  /** The manifest the artifact is about. */
  subject: { digest: string; mediaType: string; size: number };
  /**
   * `sig`: a cosign classic signature under the tag `sha256-<hex>.sig` (no `subject` field).
   * `referrer`: an OCI 1.1 artifact with `subject`, pushed by digest, and added to the referrers
   * tag schema's index (`sha256-<hex>`), as pushers do for registries without the referrers API.
   */
  kind: 'sig' | 'referrer';
  artifactType?: string;
  payload?: Buffer;
}

export async function pushArtifact(
  registry: string,
  repo: string,
  opts: ArtifactOptions,
): Promise<PushedManifest> {
  const hex = opts.subject.digest.slice('sha256:'.length);
  const payload =
    opts.payload ??
    Buffer.from(
      JSON.stringify({
        critical: {
          identity: { 'docker-reference': repo },
          image: { 'docker-manifest-digest': opts.subject.digest },
          type: 'cosign container image signature',
        },
        optional: null,
      }),
    );
  const layer = {
    mediaType: COSIGN_SIMPLESIGNING,
    digest: await pushBlob(registry, repo, payload),
    size: payload.length,
  };
  if (opts.kind === 'sig') {
    const configBytes = Buffer.from(
      JSON.stringify({
        architecture: '',
        os: '',
        config: {},
        rootfs: { type: 'layers', diff_ids: [sha256(payload)] },
      }),
    );
    const config = {
      mediaType: OCI_CONFIG,
      digest: await pushBlob(registry, repo, configBytes),
      size: configBytes.length,
    };
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config,
      layers: [{ ...layer, annotations: { 'dev.cosignproject.cosign/signature': 'MEUCIQ==' } }],
    };
    return pushJson(registry, repo, `sha256-${hex}.sig`, manifest, OCI_MANIFEST);
  }
  const empty = Buffer.from('{}');
  const artifactType = opts.artifactType ?? 'application/vnd.example.test+json';
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType,
    config: { mediaType: OCI_EMPTY, digest: await pushBlob(registry, repo, empty), size: empty.length },
    layers: [layer],
    subject: opts.subject,
    annotations: { 'org.opencontainers.image.created': '2024-05-06T07:08:09Z' },
  };
  const pushed = await pushJson(registry, repo, null, manifest, OCI_MANIFEST);
  await addToReferrersIndex(registry, repo, opts.subject.digest, {
    mediaType: OCI_MANIFEST,
    digest: pushed.digest,
    size: pushed.size,
    artifactType,
    annotations: manifest.annotations,
  });
  return pushed;
}

/** Appends to the `sha256-<hex>` index, as pushers do on registries without the referrers API. */
export async function addToReferrersIndex(
  registry: string,
  repo: string,
  subjectDigest: string,
  entry: object,
): Promise<void> {
  const tag = `sha256-${subjectDigest.slice('sha256:'.length)}`;
  const existing = await fetch(`${baseUrl(registry)}/v2/${repo}/manifests/${tag}`, {
    headers: { accept: OCI_INDEX },
  });
  const manifests: object[] =
    existing.status === 200 ? ((await existing.json()) as { manifests: object[] }).manifests : [];
  if (existing.status !== 200) await existing.arrayBuffer();
  await pushJson(
    registry,
    repo,
    tag,
    { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, entry] },
    OCI_INDEX,
  );
}

/** Runs `task` over `items` with POOL in flight. */
async function pool<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(POOL, items.length) }, worker));
}

/**
 * Creates `n` repositories `<prefix>/r00000` … fast: one image whose only blob is its config
 * (also listed as its layer: the registry checks blobs exist, not what they are), mounted into
 * each repository, then the same manifest PUT there. Returns the names in the order pushed.
 */
export async function bulkRepositories(registry: string, prefix: string, n: number): Promise<string[]> {
  const source = `${prefix}/source`;
  const config = Buffer.from(JSON.stringify(imageConfig()));
  const digest = await pushBlob(registry, source, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest, size: config.length },
      layers: [{ mediaType: OCI_LAYER_GZIP, digest, size: config.length }],
    }),
  );
  const names = Array.from({ length: n }, (_, i) => `${prefix}/r${String(i).padStart(5, '0')}`);
  await pool(names, async (name) => {
    await mountBlob(registry, name, digest, source);
    await pushManifest(registry, name, 'latest', manifest, OCI_MANIFEST);
  });
  return names;
}

/** Tags one image `<prefix>00000` … in `repo`, `n` times over: one manifest PUT per tag. */
export async function bulkTags(registry: string, repo: string, prefix: string, n: number): Promise<string[]> {
  const image = await pushImage(registry, repo, `${prefix}base`, { layers: [Buffer.from(`bulk ${repo}`)] });
  const tags = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
  await pool(tags, (tag) => pushManifest(registry, repo, tag, image.bytes, image.mediaType).then(() => {}));
  return tags;
}
