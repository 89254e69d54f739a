import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import {
  imageHistory,
  imageInspect,
  imageRemove,
  imagesList,
  imagesPrune,
  imageTag,
} from '../../src-main/core/engine/images.js';
import type { EngineEndpoint, ImageSummary } from '../../src-main/core/engine/types.js';
import { buildScratchImage, makeDanglingImage } from '../support/images.js';

/** The CLI from Debian's docker.io: the reference our list must agree with. */
const DOCKER_CLI = '/usr/bin/docker';

const host = inject('dockerHost');
const endpoint: EngineEndpoint = { id: 'env', name: 'DOCKER_HOST', url: host, source: 'env' };
const docker = connect(endpoint);
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `stevedore-it-${run}/${name}`;

let cliConfig: string;
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(DOCKER_CLI, args, {
    // Its own empty config (no contexts, no currentContext) and UTC, so CreatedAt is comparable.
    env: { ...process.env, DOCKER_HOST: host, DOCKER_CONFIG: cliConfig, TZ: 'UTC' },
  });
  return stdout;
}

interface CliImageRow {
  ID: string;
  Repository: string;
  Tag: string;
  Size: string;
  CreatedAt: string;
}

/** The rows `docker images` prints for our summaries (docker/cli formatter/image.go, without --digests). */
function expectedRows(images: ImageSummary[]): string[] {
  const rows: string[] = [];
  for (const image of images) {
    const row = (repository: string, tag: string) =>
      [image.id, repository, tag, goHumanSize(image.size), cliTime(image.created)].join(' ');
    if (image.repoTags.length === 0 && image.repoDigests.length === 0) {
      rows.push(row('<none>', '<none>'));
      continue;
    }
    const taggedRepos = new Set<string>();
    for (const reference of image.repoTags) {
      const colon = reference.lastIndexOf(':');
      taggedRepos.add(reference.slice(0, colon));
      rows.push(row(reference.slice(0, colon), reference.slice(colon + 1)));
    }
    const digestRepos = new Set(
      image.repoDigests.map((reference) => reference.slice(0, reference.indexOf('@'))),
    );
    for (const repository of digestRepos)
      if (!taggedRepos.has(repository)) rows.push(row(repository, '<none>'));
  }
  return rows.sort();
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, `%.3g`. */
function goHumanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit += 1;
  }
  const [mantissa = '', exponent] = size.toPrecision(3).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  const goExponent = exponent ? `e${exponent[0]}${exponent.slice(1).padStart(2, '0')}` : '';
  return `${trimmed}${goExponent}${units[unit]}`;
}

/** `2026-11-27T02:19:49.000Z` → `2026-11-27 02:19:49 +0000 UTC`, as the CLI prints CreatedAt in UTC. */
function cliTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

let twoRepos: string;
let labelled: string;
let dangling: string;

beforeAll(async () => {
  cliConfig = await mkdtemp(join(tmpdir(), 'stevedore-cli-config-'));
  twoRepos = await buildScratchImage(docker, `${repo('one')}:1`, { 'one.txt': 'one' });
  await docker.getImage(twoRepos).tag({ repo: repo('one-copy'), tag: 'latest' });
  labelled = await buildScratchImage(
    docker,
    `${repo('labelled')}:1.0`,
    { 'bin/app': 'x'.repeat(1500), 'etc/app.conf': 'debug = false\n' },
    {
      labels: { 'org.opencontainers.image.title': 'labelled' },
      cmd: ['/bin/app', '--serve'],
      env: { MODE: 'test' },
    },
  );
  dangling = await makeDanglingImage(docker);
});

afterAll(async () => {
  await rm(cliConfig, { recursive: true, force: true });
});

describe('imagesList', () => {
  it('agrees with docker images --no-trunc: ids, repositories, tags, sizes and times', async () => {
    const images = await imagesList(docker);
    const rows = (await cli('images', '--no-trunc', '--format', '{{json .}}'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as CliImageRow)
      .map((r) => [r.ID, r.Repository, r.Tag, r.Size, r.CreatedAt].join(' '))
      .sort();
    expect(expectedRows(images)).toEqual(rows);
  });

  it('has exact byte sizes, full ids, and marks only untagged images dangling', async () => {
    const images = await imagesList(docker);
    const ours = images.filter((image) => [twoRepos, labelled, dangling].includes(image.id));
    expect(ours).toHaveLength(3);
    const inspected = await cli(
      'image',
      'inspect',
      '--format',
      '{{.Id}} {{.Size}}',
      twoRepos,
      labelled,
      dangling,
    );
    for (const line of inspected.trim().split('\n')) {
      const [id, size] = line.split(' ');
      expect(images.find((image) => image.id === id)?.size).toBe(Number(size));
    }
    for (const image of ours) expect(image.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ours.find((i) => i.id === twoRepos)).toMatchObject({
      repoTags: expect.arrayContaining([`${repo('one')}:1`, `${repo('one-copy')}:latest`]),
      repoDigests: [],
      dangling: false,
    });
    expect(ours.find((i) => i.id === dangling)).toMatchObject({
      repoTags: [],
      repoDigests: [],
      dangling: true,
    });
  });
});

describe('imageInspect and imageHistory', () => {
  it('reads the configuration the image was built with', async () => {
    const detail = await imageInspect(docker, `${repo('labelled')}:1.0`);
    expect(detail).toMatchObject({
      id: labelled,
      repoTags: [`${repo('labelled')}:1.0`],
      dangling: false,
      architecture: process.arch === 'x64' ? 'amd64' : process.arch,
      os: 'linux',
      cmd: ['/bin/app', '--serve'],
      entrypoint: [],
      labels: { 'org.opencontainers.image.title': 'labelled' },
      workingDir: '',
      user: '',
      exposedPorts: [],
    });
    expect(detail.env).toContain('MODE=test');
    expect(detail.layers).toHaveLength(1);
    expect(detail.layers[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The two files and the 36-byte nonce file every test image gets.
    expect(detail.size).toBe(1500 + 14 + 36);
    expect(Date.parse(detail.created)).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it('lists the build steps newest first, with the tags on the newest', async () => {
    const history = await imageHistory(docker, labelled);
    expect(history[0]).toMatchObject({ id: labelled, tags: [`${repo('labelled')}:1.0`] });
    expect(history.map((step) => step.createdBy).join('\n')).toMatch(/COPY .* in \//);
    expect(history.reduce((sum, step) => sum + step.size, 0)).toBe(1500 + 14 + 36);
    for (const step of history) expect(Number.isNaN(Date.parse(step.created))).toBe(false);
  });

  it('says NOT_FOUND for an image the engine does not have', async () => {
    for (const call of [
      () => imageInspect(docker, repo('missing:1')),
      () => imageHistory(docker, repo('missing:1')),
      () => imageTag(docker, repo('missing:1'), repo('other:1')),
      () => imageRemove(docker, repo('missing:1'), { force: false }),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `No such image: ${repo('missing:1')}`,
      });
    }
  });

  it('refuses a malformed image name before asking the engine', async () => {
    await expect(imageInspect(docker, '../../containers/json')).rejects.toMatchObject({
      code: 'INVALID_REFERENCE',
    });
  });
});

describe('imageTag and imageRemove', () => {
  it('tags with latest by default, keeps a registry port, and refuses a bad target', async () => {
    const id = await buildScratchImage(docker, `${repo('tagging')}:1`, { 'f.txt': 'f' });
    await imageTag(docker, id, `localhost:5000/${repo('tagging')}`);
    await imageTag(docker, `${repo('tagging')}:1`, `${repo('tagging')}:2`);
    expect((await imageInspect(docker, id)).repoTags.sort()).toEqual(
      [`${repo('tagging')}:1`, `${repo('tagging')}:2`, `localhost:5000/${repo('tagging')}:latest`].sort(),
    );
    await expect(imageTag(docker, id, 'Not Valid')).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    await expect(imageTag(docker, id, `${repo('x')}@sha256:${'a'.repeat(64)}`)).rejects.toMatchObject({
      code: 'INVALID_REFERENCE',
    });
    await imageRemove(docker, id, { force: true });
  });

  it('untags by reference, refuses to delete by id while several references remain, deletes with force', async () => {
    const id = await buildScratchImage(docker, `${repo('removal')}:1`, { 'r.txt': 'r' });
    await imageTag(docker, id, `${repo('removal')}:2`);
    await imageTag(docker, id, `${repo('removal-copy')}:1`);

    expect(await imageRemove(docker, `${repo('removal')}:2`, { force: false })).toEqual({
      untagged: [`${repo('removal')}:2`],
      deleted: [],
    });
    // Real dockerd 20.10: an id with references in two repositories (or two tags of one) is a 409.
    await expect(imageRemove(docker, id, { force: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/must be forced.*referenced in multiple repositories/),
    });

    const removed = await imageRemove(docker, id, { force: true });
    expect(removed.untagged.sort()).toEqual([`${repo('removal')}:1`, `${repo('removal-copy')}:1`].sort());
    expect(removed.deleted).toContain(id);
    await expect(imageInspect(docker, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes the image with its last tag', async () => {
    const id = await buildScratchImage(docker, `${repo('last-tag')}:1`, { 'l.txt': 'l' });
    const removed = await imageRemove(docker, `${repo('last-tag')}:1`, { force: false });
    expect(removed.untagged).toEqual([`${repo('last-tag')}:1`]);
    expect(removed.deleted).toContain(id);
  });
});

describe('imagesPrune', () => {
  it('removes dangling images and keeps tagged ones', async () => {
    const before = await imagesList(docker);
    expect(before.find((image) => image.id === dangling)?.dangling).toBe(true);
    const result = await imagesPrune(docker);
    expect(result.deleted).toContain(dangling);
    expect(result.spaceReclaimed).toBeGreaterThan(0);
    const after = (await imagesList(docker)).map((image) => image.id);
    expect(after).not.toContain(dangling);
    expect(after).toEqual(expect.arrayContaining([twoRepos, labelled]));
    expect(await imagesPrune(docker)).toEqual({ deleted: [], spaceReclaimed: 0 });
  });
});
