import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { request } from 'undici';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';

/**
 * Compresses `tarPath` with a command (`gzip -6 -n -c`, `zstd -3 -c`) straight into one streamed
 * upload to `url/repo` (POST, one PATCH, PUT ?digest=), hashing the bytes on the way: the
 * compressed layer is never held in memory or written to disk. Resolves with its digest and size.
 */
export async function pushCompressedLayer(url, repo, tarPath, [command, ...args]) {
  const child = spawn(command, [...args, tarPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const failed = new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}`));
    });
  });
  failed.catch(() => {});
  const hash = createHash('sha256');
  let size = 0;
  const counted = child.stdout.pipe(
    new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const started = await request(`${url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  await expectStatus(started, 202, `POST upload to ${repo}`);
  const patched = await Promise.race([
    request(new URL(started.headers.location, url), {
      method: 'PATCH',
      headers: { 'content-type': 'application/octet-stream' },
      body: counted,
    }),
    failed,
  ]);
  await expectStatus(patched, 202, `PATCH upload to ${repo}`);
  const digest = `sha256:${hash.digest('hex')}`;
  const location = new URL(patched.headers.location, url);
  location.searchParams.set('digest', digest);
  await expectStatus(await request(location, { method: 'PUT' }), 201, `PUT blob ${digest} to ${repo}`);
  return { digest, size };
}

/** An image of that one layer (its config names `diffId`); resolves with the manifest's digest. */
export async function pushOneLayerImage(url, repo, tag, { digest, size, mediaType, diffId }) {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2025-01-01T00:00:00Z',
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created: '2025-01-01T00:00:00Z', created_by: 'COPY node_modules /usr/lib/app/' }],
    }),
  );
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const started = await request(`${url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  await expectStatus(started, 202, `POST upload to ${repo}`);
  const location = new URL(started.headers.location, url);
  location.searchParams.set('digest', configDigest);
  await expectStatus(await request(location, { method: 'PUT', body: config }), 201, `PUT config to ${repo}`);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.length },
      layers: [{ mediaType, digest, size }],
    }),
  );
  await expectStatus(
    await request(`${url}/v2/${repo}/manifests/${tag}`, {
      method: 'PUT',
      headers: { 'content-type': OCI_MANIFEST },
      body: manifest,
    }),
    201,
    `PUT manifest ${repo}:${tag}`,
  );
  return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
}

async function expectStatus(response, status, what) {
  const body = await response.body.text();
  if (response.statusCode !== status) {
    throw new Error(`${what}: HTTP ${response.statusCode}, expected ${status}: ${body.slice(0, 300)}`);
  }
}
