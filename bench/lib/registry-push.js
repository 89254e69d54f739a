import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { mapPool } from './pool.js';

const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json';
const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

/**
 * Pushes one repository with `tags.length` tags through the registry API, as a client would,
 * `concurrency` at a time: one shared layer, then per tag its own config (so every tag is a
 * distinct image whose config a client must really fetch) and its own manifest.
 */
export async function pushTaggedImages(url, repo, tags, { concurrency = 16 } = {}) {
  const dispatcher = new Agent({ connections: concurrency });
  try {
    const emptyTar = Buffer.alloc(1024);
    const layer = gzipSync(emptyTar);
    const layerDigest = await pushBlob(dispatcher, url, repo, layer);
    await mapPool(tags, concurrency, async (tag, index) => {
      const created = new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString();
      const config = Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          os: 'linux',
          created,
          config: { Labels: { 'dev.stevedore.bench': tag } },
          rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(emptyTar)}`] },
        }),
      );
      const configDigest = await pushBlob(dispatcher, url, repo, config);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MANIFEST_TYPE,
          config: { mediaType: CONFIG_TYPE, size: config.length, digest: configDigest },
          layers: [{ mediaType: LAYER_TYPE, size: layer.length, digest: layerDigest }],
        }),
      );
      await expectStatus(
        await request(`${url}/v2/${repo}/manifests/${tag}`, {
          dispatcher,
          method: 'PUT',
          headers: { 'content-type': MANIFEST_TYPE },
          body: manifest,
        }),
        201,
        `PUT manifest ${repo}:${tag}`,
      );
    });
  } finally {
    await dispatcher.close();
  }
}

/** A monolithic upload: POST opens it, one PUT with the digest sends the bytes and closes it. */
async function pushBlob(dispatcher, url, repo, bytes) {
  const digest = `sha256:${sha256(bytes)}`;
  const started = await request(`${url}/v2/${repo}/blobs/uploads/`, { dispatcher, method: 'POST' });
  await expectStatus(started, 202, `POST upload to ${repo}`);
  const location = new URL(started.headers.location, url);
  location.searchParams.set('digest', digest);
  await expectStatus(
    await request(location, {
      dispatcher,
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    }),
    201,
    `PUT blob ${digest} to ${repo}`,
  );
  return digest;
}

async function expectStatus(response, status, what) {
  const body = await response.body.text();
  if (response.statusCode !== status) {
    throw new Error(`${what}: HTTP ${response.statusCode}, expected ${status}: ${body.slice(0, 300)}`);
  }
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}
