import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Writes docker/distribution's filesystem storage directly, so a registry started on it holds
 * `names.length` repositories without thousands of pushes. All of them share one image (a
 * layer, a config and a schema 2 manifest, stored once as blobs); each repository has only its
 * link files, as a push would leave them:
 *
 *   docker/registry/v2/blobs/sha256/<first 2 hex>/<hex>/data             the content, once
 *   docker/registry/v2/repositories/<name>/_layers/sha256/<hex>/link      config and layer
 *   .../<name>/_manifests/revisions/sha256/<hex>/link                      the manifest
 *   .../<name>/_manifests/tags/<tag>/current/link                          the tag
 *   .../<name>/_manifests/tags/<tag>/index/sha256/<hex>/link               the tag's history
 *
 * Each link file holds `sha256:<hex>`. The registry lists a directory holding `_manifests` as a
 * repository, in lexical order of the walk.
 */
export function writeSharedImageRepositories(dataDir, names, { tag = 'latest' } = {}) {
  const root = join(dataDir, 'docker', 'registry', 'v2');
  const emptyTar = Buffer.alloc(1024); // two zero blocks: a tar archive with no files
  const layer = gzipSync(emptyTar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2025-01-01T00:00:00Z',
      config: {},
      rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(emptyTar)}`] },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: config.length,
        digest: `sha256:${sha256(config)}`,
      },
      layers: [
        {
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          size: layer.length,
          digest: `sha256:${sha256(layer)}`,
        },
      ],
    }),
  );
  const [layerHex, configHex, manifestHex] = [layer, config, manifest].map((bytes) => {
    const hex = sha256(bytes);
    writeAt(join(root, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data'), bytes);
    return hex;
  });

  for (const name of names) {
    const repo = join(root, 'repositories', name);
    writeLink(join(repo, '_layers', 'sha256', layerHex), layerHex);
    writeLink(join(repo, '_layers', 'sha256', configHex), configHex);
    writeLink(join(repo, '_manifests', 'revisions', 'sha256', manifestHex), manifestHex);
    writeLink(join(repo, '_manifests', 'tags', tag, 'current'), manifestHex);
    writeLink(join(repo, '_manifests', 'tags', tag, 'index', 'sha256', manifestHex), manifestHex);
  }
  return { tag, manifestDigest: `sha256:${manifestHex}` };
}

function writeLink(dir, hex) {
  writeAt(join(dir, 'link'), `sha256:${hex}`);
}

function writeAt(path, content) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}
