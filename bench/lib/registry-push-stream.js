import { createHash, randomFillSync } from 'node:crypto';
import { request } from 'undici';

const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json';
const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
const CHUNK_BYTES = 1024 * 1024;

/**
 * Pushes `url/repo:tag`, an image of `layerCount` layers of `layerBytes` random bytes each, without
 * holding a layer in memory: each layer is generated a MiB at a time into one streamed PATCH,
 * hashed on the way, and the upload is closed with the digest it came to. Random bytes do not
 * compress, so no client or registry can make the copy cheaper than moving every byte.
 * Resolves with the manifest's digest and the total bytes of its blobs.
 */
export async function pushRandomImage(url, repo, tag, { layerCount, layerBytes }) {
  const layers = [];
  for (let index = 0; index < layerCount; index += 1) {
    layers.push({
      mediaType: LAYER_TYPE,
      size: layerBytes,
      digest: await pushRandomBlob(url, repo, layerBytes),
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2025-01-01T00:00:00Z',
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
    }),
  );
  const configDigest = await pushBlobStream(url, repo, [config]);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: CONFIG_TYPE, size: config.length, digest: configDigest },
      layers,
    }),
  );
  await expectStatus(
    await request(`${url}/v2/${repo}/manifests/${tag}`, {
      method: 'PUT',
      headers: { 'content-type': MANIFEST_TYPE },
      body: manifest,
    }),
    201,
    `PUT manifest ${repo}:${tag}`,
  );
  return {
    digest: `sha256:${createHash('sha256').update(manifest).digest('hex')}`,
    bytes: layerCount * layerBytes + config.length,
  };
}

function pushRandomBlob(url, repo, size) {
  return pushBlobStream(url, repo, randomChunks(size));
}

/** Fresh random bytes, a MiB at a time (each chunk is a new buffer: the request may still hold the last). */
function* randomChunks(size) {
  for (let left = size; left > 0; left -= CHUNK_BYTES) {
    yield randomFillSync(Buffer.allocUnsafe(Math.min(CHUNK_BYTES, left)));
  }
}

/** POST opens the upload, one streamed PATCH sends the bytes, PUT ?digest= closes it. */
async function pushBlobStream(url, repo, chunks) {
  const hash = createHash('sha256');
  const body = (function* hashed() {
    for (const chunk of chunks) {
      hash.update(chunk);
      yield chunk;
    }
  })();
  const started = await request(`${url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  await expectStatus(started, 202, `POST upload to ${repo}`);
  const patched = await request(new URL(started.headers.location, url), {
    method: 'PATCH',
    headers: { 'content-type': 'application/octet-stream' },
    body,
  });
  await expectStatus(patched, 202, `PATCH upload to ${repo}`);
  const digest = `sha256:${hash.digest('hex')}`;
  const location = new URL(patched.headers.location, url);
  location.searchParams.set('digest', digest);
  await expectStatus(await request(location, { method: 'PUT' }), 201, `PUT blob ${digest} to ${repo}`);
  return digest;
}

async function expectStatus(response, status, what) {
  const body = await response.body.text();
  if (response.statusCode !== status) {
    throw new Error(`${what}: HTTP ${response.statusCode}, expected ${status}: ${body.slice(0, 300)}`);
  }
}
