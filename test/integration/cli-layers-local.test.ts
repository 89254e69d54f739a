import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import { isolatedCliEnv, requireBuiltCli, runCli, runCliJson, runCliOk } from '../support/cli.js';
import { startFakeTamperingProxy } from '../support/fake-registries.js';
import { buildScratchImage } from '../support/images.js';
import {
  gzip,
  OCI_LAYER_GZIP,
  OCI_LAYER_TAR,
  pushLayeredImage,
  tarArchive,
} from '../support/layer-archives.js';
import { sha256 } from '../support/registry-content.js';

const dockerHost = inject('dockerHost');
const host = inject('registryHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: dockerHost, source: 'env' });
const run = randomUUID().slice(0, 8);
const local = `stevedore-cli-layers-${run}/app:1`;
const pushed = `${host}/cli-layers-local-${run}/app:1`;
const repo = `cli-layers-diff-${run}/app`;

const baseTar = tarArchive([
  { name: 'etc/', kind: 'dir' },
  { name: 'etc/os-release', content: 'NAME=base\n' },
  { name: 'etc/motd', content: 'hello\n' },
  { name: 'bin/tool', content: 'tool', mode: 0o644 },
]);
const nextTar = tarArchive([
  { name: 'etc/os-release', content: 'NAME=next-one\n' },
  { name: 'etc/.wh.motd' },
  { name: 'bin/tool', content: 'tool', mode: 0o755 },
  { name: 'srv/data', content: Buffer.alloc(2000, 7) },
]);

let work: string;
let env: NodeJS.ProcessEnv;
let imageId: string;

const cli = (...args: string[]) => runCliOk(args, env);
const json = (...args: string[]) => runCliJson(args, env);

beforeAll(async () => {
  requireBuiltCli();
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-layers-local-'));
  env = isolatedCliEnv(work, dockerHost);
  imageId = await buildScratchImage(
    docker,
    local,
    {
      'etc/app.conf': 'port=80\n',
      'usr/bin/app': Buffer.alloc(4096, 1),
      'srv/www/index.html': '<h1>hi</h1>',
    },
    { env: { MODE: 'prod' } },
  );
  const base = { blob: gzip(baseTar), mediaType: OCI_LAYER_GZIP, tar: baseTar };
  await pushLayeredImage(host, repo, '1', [base], [{ created_by: 'ADD base /' }]);
  await pushLayeredImage(
    host,
    repo,
    '2',
    [base, { blob: nextTar, mediaType: OCI_LAYER_TAR, tar: nextTar }],
    [{ created_by: 'ADD base /' }, { created_by: 'RUN upgrade' }],
  );
}, 120_000);

afterAll(async () => {
  await imageRemove(docker, imageId, { force: true }).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

describe('stevedore diff', () => {
  it('prints what B added, removed and changed, and the byte change of each directory', async () => {
    const diff = await json('diff', `${host}/${repo}:1`, `${host}/${repo}:2`);
    expect(Object.keys(diff)).toEqual([
      'added',
      'removed',
      'changed',
      'directories',
      'sizeBefore',
      'sizeAfter',
    ]);
    expect(diff.added).toEqual([
      { path: 'srv', type: 'dir', size: 0, mode: 0o755, linkTarget: null },
      { path: 'srv/data', type: 'file', size: 2000, mode: 0o644, linkTarget: null },
    ]);
    expect(diff.removed.map((entry: { path: string }) => entry.path)).toEqual(['etc/motd']);
    expect(
      diff.changed.map((change: { path: string; fields: string[] }) => [change.path, change.fields]),
    ).toEqual([
      ['bin/tool', ['mode']],
      ['etc/os-release', ['size']],
    ]);
    expect(diff.changed[0].before).toEqual({
      path: 'bin/tool',
      type: 'file',
      size: 4,
      mode: 0o644,
      linkTarget: null,
    });
    expect(diff.directories).toEqual([
      { path: 'etc', before: 16, after: 14, delta: -2 },
      { path: 'srv', before: 0, after: 2000, delta: 2000 },
    ]);
    expect([diff.sizeBefore, diff.sizeAfter]).toEqual([20, 2018]);
  });

  it('prints + - ~ lines by path, then the totals', async () => {
    const text = (await cli('diff', `${host}/${repo}:1`, `${host}/${repo}:2`)).stdout.toString();
    expect(text).toBe(
      [
        '~ bin/tool  mode 0644 → 0755',
        '- etc/motd',
        '~ etc/os-release  size 10B → 14B',
        '+ srv/',
        '+ srv/data',
        '2 added, 1 removed, 2 changed; 20B → 2.02kB (+2kB)',
        '',
      ].join('\n'),
    );
  });
});

describe('local images (--local)', () => {
  it('lists the same layers and files as the registry after a push', async () => {
    await cli('push', local, pushed);
    const remoteFiles = await json('files', pushed);
    expect(await json('files', local, '--local')).toEqual(remoteFiles);
    expect(await json('files', imageId, '--local', '--engine', dockerHost)).toEqual(remoteFiles);
    expect(remoteFiles.map((entry: { path: string }) => entry.path)).toEqual(
      expect.arrayContaining(['etc/app.conf', 'srv/www/index.html', 'usr/bin/app']),
    );
    const localLayers = await json('layers', local, '--local');
    const remoteLayers = await json('layers', pushed);
    type Layer = { diffId: string; createdBy: string; uncompressedSize: number; digest: string };
    const described = (layers: Layer[]) =>
      layers.map(({ diffId, createdBy, uncompressedSize }) => [diffId, createdBy, uncompressedSize]);
    expect(described(localLayers.layers)).toEqual(described(remoteLayers.layers));
    expect(localLayers.layers.map((layer: Layer) => layer.digest)).toEqual(
      localLayers.layers.map((layer: Layer) => layer.diffId),
    );
    expect(await json('files', local, '--local', '--layer', '0')).toEqual(
      await json('files', pushed, '--layer', '0'),
    );
    expect((await cli('cat', local, 'usr/bin/app', '--local')).stdout).toEqual(Buffer.alloc(4096, 1));
  }, 120_000);
});

describe('a layer that is not its digest', () => {
  it('writes nothing to stdout', async () => {
    await cli('files', `${host}/${repo}:2`); // its listings are on disk now: only the content is read below
    const proxy = await startFakeTamperingProxy({
      upstream: `http://${host}`,
      alter: (path, body) => {
        if (!path.endsWith(sha256(nextTar))) return body;
        const altered = Buffer.from(body);
        altered[512 * 6] = 0x08; // the first byte of srv/data: still a valid tar, not the same blob
        return altered;
      },
    });
    try {
      const result = await runCli(['cat', `${proxy.host}/${repo}:2`, 'srv/data'], env);
      expect([result.code, result.stdout.length]).toEqual([1, 0]);
      expect(result.stderr).toMatch(/served the blob .* but its bytes hash to/);
      expect(proxy.tampered.some((path) => path.endsWith(sha256(nextTar)))).toBe(true);
    } finally {
      await proxy.stop();
    }
  });
});
