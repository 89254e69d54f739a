import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';

/**
 * Writes a `docker save` archive in the legacy layout dockerd 20.10 loads and writes itself:
 * `manifest.json` + per image a config `<sha256>.json` and a one-layer `<dir>/layer.tar`.
 * Every layer holds a file with unique content, so every image has a distinct id.
 */
export async function writeImageArchive(
  path,
  { count, repository = 'bench/image', architecture = dockerArch() },
) {
  const archive = pack();
  const written = pipeline(archive, createWriteStream(path));
  const manifest = [];

  for (let index = 0; index < count; index += 1) {
    // A minute apart, so sorting by creation time has real work to do.
    const created = new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString();
    const name = String(index).padStart(String(count - 1).length, '0');
    const layer = await tarOf([{ name: 'stevedore-bench', content: `bench image ${name}\n` }]);
    const diffId = `sha256:${sha256(layer)}`;
    const config = Buffer.from(
      JSON.stringify({
        architecture,
        os: 'linux',
        created,
        config: { Cmd: ['/stevedore-bench'], Labels: { 'dev.stevedore.bench': name } },
        rootfs: { type: 'layers', diff_ids: [diffId] },
        history: [{ created, created_by: `stevedore bench image ${name}` }],
      }),
    );
    const configName = `${sha256(config)}.json`;
    const layerName = `${sha256(layer)}/layer.tar`;
    await entry(archive, configName, config);
    await entry(archive, layerName, layer);
    manifest.push({ Config: configName, RepoTags: [`${repository}-${name}:latest`], Layers: [layerName] });
  }

  await entry(archive, 'manifest.json', Buffer.from(JSON.stringify(manifest)));
  archive.finalize();
  await written;
  return manifest.map((image) => image.RepoTags[0]);
}

function dockerArch() {
  return (
    { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' }[process.arch] ??
    process.arch
  );
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function entry(archive, name, content) {
  return new Promise((resolve, reject) => {
    archive.entry({ name, mode: 0o644, mtime: new Date(0) }, content, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

async function tarOf(files) {
  const archive = pack();
  const chunks = [];
  archive.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const file of files) await entry(archive, file.name, Buffer.from(file.content));
  archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}
