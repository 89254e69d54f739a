import { createHash, randomFillSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';

const CHUNK_BYTES = 1024 * 1024;
const TAR_HEADER_BYTES = 512;
const TAR_END_BYTES = 1024;

/**
 * Writes a `docker save` archive (the legacy layout dockerd 20.10 loads) of ONE image, `repoTag`,
 * whose `layerCount` layers each hold one file of `layerBytes` random bytes: no compression can
 * shrink them, so a push must really move every byte. Each layer tar is generated a MiB at a time
 * straight into the archive and hashed on the way (its diff id), so no layer is ever held in
 * memory; the config, which needs those diff ids, comes after the layers (`docker load` unpacks the
 * whole archive before it reads anything). `layerBytes` must be a multiple of 512.
 */
export async function writeRandomImageArchive(
  path,
  { repoTag, layerCount, layerBytes, architecture = dockerArch() },
) {
  if (layerBytes % TAR_HEADER_BYTES !== 0)
    throw new Error(`layerBytes ${layerBytes} is not a multiple of 512`);
  const archive = pack();
  const written = pipeline(archive, createWriteStream(path));
  const layerNames = [];
  const diffIds = [];
  for (let index = 0; index < layerCount; index += 1) {
    const name = `layer-${index}/layer.tar`;
    diffIds.push(await randomLayerEntry(archive, name, `random-${index}.bin`, layerBytes));
    layerNames.push(name);
  }
  const created = '2025-01-01T00:00:00Z';
  const config = Buffer.from(
    JSON.stringify({
      architecture,
      os: 'linux',
      created,
      config: {},
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map(() => ({ created, created_by: 'stevedore bench random layer' })),
    }),
  );
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  archive.entry({ name: configName, mtime: new Date(0) }, config);
  archive.entry(
    { name: 'manifest.json', mtime: new Date(0) },
    JSON.stringify([{ Config: configName, RepoTags: [repoTag], Layers: layerNames }]),
  );
  archive.finalize();
  await written;
  return { diffIds, bytes: layerCount * layerBytes };
}

/**
 * One `layer.tar` entry of `archive`: itself a tar holding `fileName` of `size` random bytes,
 * packed as it is generated. Resolves with its diff id (the sha256 of the layer tar).
 */
async function randomLayerEntry(archive, entryName, fileName, size) {
  const layer = pack();
  const fileSink = layer.entry({ name: fileName, size, mode: 0o644, mtime: new Date(0) });
  layer.finalize(); // deferred by tar-stream until the file entry ends
  const entrySink = archive.entry({
    name: entryName,
    size: TAR_HEADER_BYTES + size + TAR_END_BYTES,
    mode: 0o644,
    mtime: new Date(0),
  });
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await Promise.all([
    pipeline(Readable.from(randomChunks(size)), fileSink),
    pipeline(layer, hashing, entrySink),
  ]);
  return `sha256:${hash.digest('hex')}`;
}

/** Fresh random bytes a MiB at a time (a new buffer each: the stream may still hold the last one). */
function* randomChunks(size) {
  for (let left = size; left > 0; left -= CHUNK_BYTES) {
    yield randomFillSync(Buffer.allocUnsafe(Math.min(CHUNK_BYTES, left)));
  }
}

function dockerArch() {
  return (
    { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' }[process.arch] ??
    process.arch
  );
}
