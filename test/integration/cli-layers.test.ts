import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isolatedCliEnv, requireBuiltCli, runCli, runCliJson, runCliOk } from '../support/cli.js';
import {
  OCI_LAYER_GZIP,
  OCI_LAYER_TAR,
  OCI_LAYER_ZSTD,
  pushLayeredImage,
  type TestLayer,
  tarArchive,
} from '../support/layer-archives.js';
import { sha256 } from '../support/registry-content.js';

const exec = promisify(execFile);
const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = `${host}/cli-layers-${run}/app`;
const fixtures = join(import.meta.dirname, '../fixtures/layers');
const README_SHA256 = '9119822057921f254b64e07111fcf5bbf479c91028e5e2d65675355f5064836a';

const tool = randomBytes(3000);
const topTar = tarArchive([
  { name: 'etc/.wh.os-release' },
  { name: 'bin/.wh.t' },
  { name: 'opt/new', content: 'new\n' },
]);
let work: string;
let env: NodeJS.ProcessEnv;
let baseBlob: string;
let base: TestLayer;
let zstd: TestLayer;

/** `tar -tvf` lines as [mode, owner, size, path, link]: no `./`, no trailing `/`, no root entry, no date. */
async function tarListing(file: string): Promise<string[][]> {
  const { stdout } = await exec('tar', ['-tvf', file]);
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const match = /^(\S{10}) (\S+)\s+(\d+) \d{4}-\d\d-\d\d \d\d:\d\d (.*?)(?:( -> | link to )(.*))?$/.exec(
        line,
      );
      if (!match) throw new Error(`unexpected tar line: ${line}`);
      const [, mode, owner, size, path, arrow, target] = match;
      const clean = (p: string) => p.replace(/^\.\//, '').replace(/\/$/, '');
      const linked = arrow === undefined ? '' : `${arrow}${arrow === ' -> ' ? target : clean(target!)}`;
      return [mode!, owner!, size!, clean(path!), linked];
    })
    .filter(([, , , path]) => path !== '' && path !== '.');
}

/** Our `ls -l` lines in the same form. */
function ourListing(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const match = /^(\S{10}) (\S+)\s+(\d+) (.*?)(?:( -> | link to )(.*))?$/.exec(line);
      if (!match) throw new Error(`unexpected line: ${line}`);
      const [, mode, owner, size, path, arrow, target] = match;
      return [mode!, owner!, size!, path!, arrow === undefined ? '' : `${arrow}${target}`];
    });
}

const cli = (...args: string[]) => runCliOk(args, env);
const json = (...args: string[]) => runCliJson(args, env);

beforeAll(async () => {
  requireBuiltCli();
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-layers-'));
  env = isolatedCliEnv(work, inject('dockerHost'));
  // A layer as a build writes it: GNU tar of a real tree, with a setuid binary, links and a space.
  const tree = join(work, 'tree');
  await mkdir(join(tree, 'usr/share/doc'), { recursive: true });
  await mkdir(join(tree, 'usr/share/with space'));
  await mkdir(join(tree, 'etc'));
  await mkdir(join(tree, 'bin'));
  await writeFile(join(tree, 'etc/os-release'), 'NAME=one\n');
  await writeFile(join(tree, 'bin/tool'), tool);
  await chmod(join(tree, 'bin/tool'), 0o4755);
  await link(join(tree, 'bin/tool'), join(tree, 'bin/tool2'));
  await symlink('tool', join(tree, 'bin/t'));
  await writeFile(join(tree, 'usr/share/doc/README'), 'readme\n'.repeat(1000));
  await writeFile(join(tree, 'usr/share/with space/a file.txt'), 'spaced');
  baseBlob = join(work, 'base.tar.gz');
  await exec('tar', [
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    tree,
    '-czf',
    baseBlob,
    'bin',
    'etc',
    'usr',
  ]);
  const blob = await readFile(baseBlob);
  base = { blob, mediaType: OCI_LAYER_GZIP, tar: gunzipSync(blob) };
  zstd = {
    blob: await readFile(join(fixtures, 'sample-streamed.tar.zst')),
    mediaType: OCI_LAYER_ZSTD,
    tar: gunzipSync(await readFile(join(fixtures, 'sample.tar.gz'))),
  };
  const top = { blob: topTar, mediaType: OCI_LAYER_TAR, tar: topTar };
  await pushLayeredImage(host, `cli-layers-${run}/app`, '1', [base], [{ created_by: 'COPY tree /' }]);
  await pushLayeredImage(
    host,
    `cli-layers-${run}/app`,
    '2',
    [base, zstd, top],
    [
      { created_by: 'COPY tree /' },
      { created_by: 'ENV X=1', empty_layer: true },
      { created_by: 'COPY sample /' },
      { created_by: 'RUN rm /etc/os-release /bin/t' },
    ],
  );
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('stevedore layers', () => {
  it('prints {"layers","history"} with exactly the documented keys', async () => {
    const printed = await json('layers', `${repo}:2`);
    expect(Object.keys(printed)).toEqual(['layers', 'history']);
    expect(printed.layers.map((layer: object) => Object.keys(layer))).toEqual(
      Array(3).fill(['digest', 'diffId', 'mediaType', 'size', 'uncompressedSize', 'createdBy']),
    );
    expect(printed.layers[1]).toEqual({
      digest: sha256(zstd.blob),
      diffId: sha256(zstd.tar),
      mediaType: OCI_LAYER_ZSTD,
      size: zstd.blob.length,
      uncompressedSize: null,
      createdBy: 'COPY sample /',
    });
    expect(printed.history).toEqual([
      { created: '2024-05-06T07:08:09Z', createdBy: 'COPY tree /', emptyLayer: false },
      { created: '2024-05-06T07:08:09Z', createdBy: 'ENV X=1', emptyLayer: true },
      { created: '2024-05-06T07:08:09Z', createdBy: 'COPY sample /', emptyLayer: false },
      { created: '2024-05-06T07:08:09Z', createdBy: 'RUN rm /etc/os-release /bin/t', emptyLayer: false },
    ]);
  });

  it('prints a table, and the unpacked sizes once the layers were listed', async () => {
    const listing = await cli('files', `${repo}:2`);
    // Progress on stderr as push and pull show it off a terminal: a line as each layer starts and ends.
    expect(listing.stderr.match(/^reading layer sha256:\w{12}… \(.+\)$/gm)).toHaveLength(3);
    expect(listing.stderr.match(/^layer sha256:\w{12}… done$/gm)).toHaveLength(3);
    expect(listing.stderr).not.toContain('\x1b');
    const text = (await cli('layers', `${repo}:2`)).stdout.toString('utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^#\s+DIGEST\s+TYPE\s+SIZE\s+UNPACKED\s+CREATED BY$/);
    expect(lines[2]).toMatch(
      new RegExp(`^1\\s+${sha256(zstd.blob).slice(7, 19)}\\s+zstd\\s+\\S+\\s+\\S+\\s+COPY sample /$`),
    );
    expect(lines).toHaveLength(4);
    const printed = await json('layers', `${repo}:2`);
    expect(printed.layers.map((layer: { uncompressedSize: number }) => layer.uncompressedSize)).toEqual([
      base.tar.length,
      zstd.tar.length,
      topTar.length,
    ]);
  });
});

describe('stevedore files', () => {
  it("lists a gzip layer's entries in archive order, as tar -tvf lists its blob", async () => {
    const expected = await tarListing(baseBlob);
    expect(ourListing((await cli('files', `${repo}:2`, '--layer', '0')).stdout.toString())).toEqual(expected);
    const entries = await json('files', `${repo}:2`, '--layer', sha256(base.blob).slice(7, 20));
    expect(entries.map((entry: object) => Object.keys(entry))).toEqual(
      Array(expected.length).fill(['path', 'type', 'size', 'mode', 'linkTarget']),
    );
    // bin/tool and bin/tool2 are one inode: the first tar met is the file, the other a link to it.
    type Entry = { path: string; type: string; linkTarget: string | null };
    const tools = entries.filter((entry: Entry) => entry.path.startsWith('bin/tool'));
    const file = tools.find((entry: Entry) => entry.type === 'file');
    expect(file).toEqual({
      path: expect.any(String),
      type: 'file',
      size: 3000,
      mode: 0o4755,
      linkTarget: null,
    });
    expect(tools.find((entry: Entry) => entry.type === 'hardlink')).toMatchObject({
      size: 0,
      linkTarget: file.path,
    });
    expect(entries.find((entry: { path: string }) => entry.path === 'bin/t')).toMatchObject({
      type: 'symlink',
      linkTarget: 'tool',
    });
  });

  it('lists a zstd layer by its diff id as tar lists the same tar', async () => {
    const expected = await tarListing(join(fixtures, 'sample.tar.gz'));
    const listed = await cli('files', `${repo}:2`, '--layer', sha256(zstd.tar));
    expect(ourListing(listed.stdout.toString())).toEqual(expected);
  });

  it('lists the merged filesystem sorted by path: a single layer is its tar, sorted', async () => {
    const expected = (await tarListing(baseBlob)).sort((a, b) => (a[3]! < b[3]! ? -1 : 1));
    const result = await cli('files', `${repo}:1`);
    expect(ourListing(result.stdout.toString())).toEqual(expected);
    // Its one layer was listed above (it is app:2's base): read from the cache, nothing to report.
    expect(result.stderr).toBe('');
  });

  it('applies whiteouts: the files a container of the image starts with', async () => {
    const paths = (await json('files', `${repo}:2`)).map((entry: { path: string }) => entry.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(
      expect.arrayContaining(['bin/tool', 'etc/app/config.txt', 'opt/new', 'usr/share/random.bin']),
    );
    expect(paths).not.toContain('etc/os-release');
    expect(paths).not.toContain('bin/t');
    expect(
      paths.some((path: string) => path.includes('.wh.') || path.startsWith('/') || path.startsWith('.')),
    ).toBe(false);
  });
});

describe('stevedore cat', () => {
  it('writes the bytes of the topmost version, following symlinks', async () => {
    expect((await cli('cat', `${repo}:1`, 'bin/tool')).stdout).toEqual(tool);
    expect((await cli('cat', `${repo}:1`, '/bin/t')).stdout).toEqual(tool);
    const readme = (await cli('cat', `${repo}:2`, 'usr/share/doc/README')).stdout;
    expect(createHash('sha256').update(readme).digest('hex')).toBe(README_SHA256);
  });

  it('fails with nothing on stdout for a path the image does not have', async () => {
    const result = await runCli(['cat', `${repo}:2`, 'etc/os-release'], env);
    expect([result.code, result.stdout.length]).toEqual([1, 0]);
    expect(result.stderr).toContain('has no file etc/os-release');
  });
});

describe('usage', () => {
  it('exits 2 on options that do not go together, 1 on a layer the image has not', async () => {
    for (const args of [
      ['layers', `${repo}:1`, '--engine', 'x'],
      ['files', `${repo}:1`, '--local', '--platform', 'linux/amd64'],
      ['files', `${repo}:1`, '--platform', 'not a platform'],
      ['cat', `${repo}:1`],
      ['layers', 'UPPER/case'],
    ]) {
      expect((await runCli(args, env)).code, args.join(' ')).toBe(2);
    }
    const missing = await runCli(['files', `${repo}:1`, '--layer', '3'], env);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('give an index from 0 to 0')]);
  });
});
