import { createHash, randomBytes } from 'node:crypto';
import type { RegistryTransport } from '../../src-main/core/registry/transport/index.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export interface PushedImage {
  manifest: Buffer;
  manifestDigest: string;
  configDigest: string;
  layer: Buffer;
  layerDigest: string;
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Uploads a blob the monolithic way (POST, then PUT with the digest). Resolves with its digest. */
export async function pushBlob(transport: RegistryTransport, repo: string, bytes: Buffer): Promise<string> {
  const scopes = [`repository:${repo}:pull,push`];
  const started = await transport.request({ method: 'POST', path: `/v2/${repo}/blobs/uploads/`, scopes });
  await started.dump();
  const location = started.headers.location;
  if (typeof location !== 'string') throw new Error(`upload to ${repo} answered without a Location`);
  const target = new URL(location, started.url);
  const digest = sha256(bytes);
  const done = await transport.request({
    method: 'PUT',
    path: target.pathname,
    query: { ...Object.fromEntries(target.searchParams), digest },
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
    scopes,
  });
  await done.dump();
  return digest;
}

/**
 * Pushes a small OCI image (a config and one layer of random bytes: the registry does not look
 * inside) under `tag`.
 */
export async function pushImage(
  transport: RegistryTransport,
  repo: string,
  tag: string,
): Promise<PushedImage> {
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
  );
  const layer = randomBytes(2048);
  const configDigest = await pushBlob(transport, repo, config);
  const layerDigest = await pushBlob(transport, repo, layer);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length },
      ],
    }),
  );
  const put = await transport.request({
    method: 'PUT',
    path: `/v2/${repo}/manifests/${tag}`,
    headers: { 'content-type': OCI_MANIFEST },
    body: manifest,
    scopes: [`repository:${repo}:pull,push`],
  });
  await put.dump();
  return { manifest, manifestDigest: sha256(manifest), configDigest, layer, layerDigest };
}
