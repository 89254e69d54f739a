import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { CLI, isolatedCliEnv, startCli } from '../support/cli.js';
import { buildScratchImage, makeDanglingImage } from '../support/images.js';
import { freePort } from '../support/ports.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'stevedore.js');
/** Debian's docker CLI: the reference the JSON must agree with. */
const DOCKER_CLI = '/usr/bin/docker';

const host = inject('dockerHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: host, source: 'env' });
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `stevedore-it-${run}/${name}`;

let work: string;
let env: NodeJS.ProcessEnv;
let twoTags: string;
let single: string;
let dangling: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolvePromise) => {
    execFile(file, args, { env: { ...env, ...extraEnv }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const stevedore = (args: string[], extraEnv?: NodeJS.ProcessEnv) =>
  exec(process.execPath, [CLI, ...args], extraEnv);

beforeAll(async () => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npm run build\` before the integration tests`);
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-'));
  env = isolatedCliEnv(work, host);
  twoTags = await buildScratchImage(docker, `${repo('two')}:1`, { 'two.txt': 'two' });
  await docker.getImage(twoTags).tag({ repo: repo('two-copy'), tag: 'latest' });
  single = await buildScratchImage(docker, `${repo('single')}:1`, { 'single.txt': 'single' });
  dangling = await makeDanglingImage(docker);
});

afterAll(async () => {
  for (const image of [twoTags, single, dangling]) {
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => {});
  }
  if (work) await rm(work, { recursive: true, force: true });
});

interface JsonImage {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  created: string;
}

/** `docker images` rows (ID, REPOSITORY, TAG) that a summary stands for (docker/cli's image formatter). */
function rowsOf(image: JsonImage): string[] {
  const rows = image.repoTags.map((reference) => {
    const colon = reference.lastIndexOf(':');
    return `${image.id} ${reference.slice(0, colon)} ${reference.slice(colon + 1)}`;
  });
  const tagged = new Set(image.repoTags.map((reference) => reference.slice(0, reference.lastIndexOf(':'))));
  for (const digest of image.repoDigests) {
    const repository = digest.slice(0, digest.indexOf('@'));
    if (!tagged.has(repository)) rows.push(`${image.id} ${repository} <none>`);
  }
  return rows.length > 0 ? rows : [`${image.id} <none> <none>`];
}

describe('stevedore images', () => {
  it('prints --json that agrees with `docker images --no-trunc`', async () => {
    const result = await stevedore(['images', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const images = JSON.parse(result.stdout) as JsonImage[];
    for (const image of images) {
      expect(Object.keys(image).sort()).toEqual(['created', 'id', 'repoDigests', 'repoTags', 'size']);
    }

    const byId = new Map(images.map((image) => [image.id, image]));
    expect(byId.get(twoTags)?.repoTags.sort()).toEqual(
      [`${repo('two')}:1`, `${repo('two-copy')}:latest`].sort(),
    );
    expect(byId.get(single)?.repoTags).toEqual([`${repo('single')}:1`]);
    expect(byId.get(dangling)).toMatchObject({ repoTags: [], repoDigests: [] });

    const cli = await exec(DOCKER_CLI, [
      'images',
      '--no-trunc',
      '--format',
      '{{.ID}} {{.Repository}} {{.Tag}}',
    ]);
    expect(cli.code).toBe(0);
    const expected = cli.stdout.trim().split('\n').sort();
    expect(images.flatMap(rowsOf).sort()).toEqual(expected);

    const inspected = await exec(DOCKER_CLI, [
      'image',
      'inspect',
      '--format',
      '{{.Id}} {{.Size}} {{.Created}}',
      ...images.map((image) => image.id),
    ]);
    for (const line of inspected.stdout.trim().split('\n')) {
      const [id = '', size, created = ''] = line.split(' ');
      expect(byId.get(id)?.size, id).toBe(Number(size));
      expect(Date.parse(byId.get(id)?.created ?? ''), id).toBe(Math.floor(Date.parse(created) / 1000) * 1000);
    }
  });

  it('prints a docker-like table without --json', async () => {
    const result = await stevedore(['images']);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
    const row = rows.find((line) => line.startsWith(`${repo('single')} `))?.split(/\s{2,}/);
    const reference = await exec(DOCKER_CLI, [
      'images',
      '--format',
      '{{.Repository}}|{{.Tag}}|{{.ID}}|{{.Size}}',
      `${repo('single')}:1`,
    ]);
    const [repository, tag, id, size] = reference.stdout.trim().split('|');
    expect(row).toEqual([repository, tag, id, expect.stringMatching(/ ago$/), size]);
    expect(rows.some((line) => line.startsWith('<none>') && line.includes(dangling.slice(7, 19)))).toBe(true);
  });

  it('takes --engine as a URL', async () => {
    const result = await stevedore(['images', '--json', '--engine', host]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as JsonImage[]).map((image) => image.id)).toContain(single);
  });

  it.each([
    [['images', '--bogus']],
    [['images', 'extra']],
    [['images', '--engine', '']],
    [['images', '--engine']],
    [['explode']],
    [[]],
    [['serve', '--port', 'abc']],
    [['serve', '--port', '70000']],
  ])('exits 2 on bad usage: %j', async (args) => {
    const result = await stevedore(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/stevedore|Usage/);
  });

  it('exits 1 with one line on stderr when the engine is unreachable', async () => {
    const socket = join(work, 'no-engine.sock');
    const missing = await stevedore(['images', '--json'], { DOCKER_HOST: `unix://${socket}` });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^stevedore: .+\n$/);
    expect(missing.stderr).toContain(socket);

    const port = await freePort();
    const refused = await stevedore(['images', '--engine', `tcp://127.0.0.1:${port}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^stevedore: No Docker Engine answers at tcp:\/\/127\.0\.0\.1:\d+: [^\n]+\n$/,
    );
  });

  it('runs through bin/stevedore.js as installed', async () => {
    const result = await exec(process.execPath, [BIN, 'images', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as JsonImage[]).map((image) => image.id)).toContain(twoTags);
  });
});

describe('stevedore serve and open', () => {
  it('serve prints a URL that answers, and stops cleanly on SIGTERM', async () => {
    const serving = await startCli(['serve'], env);
    try {
      const line = await serving.stdout;
      const match = /^Stevedore is serving on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]{43}))$/.exec(line);
      expect(match, line).not.toBeNull();
      const [, url = '', port = ''] = match ?? [];
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(403);
    } finally {
      serving.child.kill('SIGTERM');
    }
    expect(await serving.exited).toBe(0);
  });

  it('serve --port uses that port, and a busy port is a one-line failure', async () => {
    const port = await freePort();
    const serving = await startCli(['serve', '--port', String(port)], env);
    try {
      expect(await serving.stdout).toContain(`http://127.0.0.1:${port}/?token=`);
      const busy = await stevedore(['serve', '--port', String(port)]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toBe(
        `stevedore: Port ${port} is in use: choose another with --port, or 0 for any\n`,
      );
    } finally {
      serving.child.kill('SIGINT');
    }
    expect(await serving.exited).toBe(0);
  });

  it('open falls back to browser mode when the Electron binary is missing', async () => {
    // Electron's own override points at an empty folder, so the binary is missing on any machine.
    const serving = await startCli(['open'], {
      ...env,
      ELECTRON_OVERRIDE_DIST_PATH: join(work, 'no-electron'),
    });
    try {
      expect(await serving.stderr).toBe(
        'Electron binary not found (it is downloaded from GitHub, unreachable here); starting browser mode instead.',
      );
      const url = (await serving.stdout).replace('Stevedore is serving on ', '');
      expect((await fetch(url)).status).toBe(200);
    } finally {
      serving.child.kill('SIGTERM');
    }
    expect(await serving.exited).toBe(0);
  });
});

describe('the built CLI', () => {
  it('loads nothing from electron, in any chunk it imports', async () => {
    const seen = new Set<string>();
    const external: string[] = [];
    const visit = async (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const { importedFiles } = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
      for (const { fileName } of importedFiles) {
        if (fileName.startsWith('.')) await visit(resolve(dirname(file), fileName));
        else external.push(fileName);
      }
    };
    await visit(CLI);
    expect(external).toContain('dockerode');
    expect(external.filter((name) => name === 'electron' || name.startsWith('electron/'))).toEqual([]);
  });
});
