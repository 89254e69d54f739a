import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLI, isolatedCliEnv, requireBuiltCli, runCli } from '../support/cli.js';
import { type Registry, startRegistry } from '../support/registry.js';
import {
  type PushedIndex,
  type PushedManifest,
  pushImage,
  pushIndex,
  sha256,
} from '../support/registry-content.js';
import { skopeoRaw } from '../support/skopeo.js';

const source = inject('registryHost');
const suffix = randomUUID().slice(0, 8);
const sourcePath = `cli-copy-${suffix}`;
const repo = `${source}/${sourcePath}`;

let target: Registry;
let work: string;
let env: NodeJS.ProcessEnv;
let single: PushedManifest;
let index: PushedIndex;
/** Each test copies to a repository of its own, so no blob is already there unless meant to be. */
let destinations = 0;
const destination = (host = target.host) => `${host}/copy-${suffix}-${++destinations}`;

async function copyJson(...args: string[]): Promise<{ source: string; target: string; digest: string }> {
  const result = await runCli(['copy', ...args, '--json'], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.toString('utf8'));
}

beforeAll(async () => {
  requireBuiltCli();
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-copy-'));
  env = isolatedCliEnv(work, inject('dockerHost'));
  target = await startRegistry();
  single = await pushImage(source, sourcePath, 'single', {
    layers: [Buffer.from('first copied layer'), Buffer.from('second copied layer')],
    mediaType: 'docker',
  });
  index = await pushIndex(source, sourcePath, 'multi', [
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
    { os: 'linux', architecture: 'amd64' },
  ]);
  // Large enough that the copy is still sending when Ctrl+C arrives.
  await pushImage(source, sourcePath, 'large', { layers: [randomBytes(128 * 1024 * 1024)] });
}, 120_000);

afterAll(async () => {
  await target?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('stevedore copy', () => {
  it('copies an image to another registry with its digest, as skopeo reads it back', async () => {
    const to = `${destination()}:copied`;
    const result = await runCli(['copy', `${repo}:single`, to], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.toString('utf8')).toBe(`${single.digest}\n`);
    expect(sha256(await skopeoRaw(to, work))).toBe(single.digest);
  });

  it('--json prints exactly source, target and digest, references fully qualified', async () => {
    const to = destination();
    const copied = await copyJson(`${repo}:single`, `${to}:json`);
    expect(copied).toStrictEqual({ source: `${repo}:single`, target: `${to}:json`, digest: single.digest });
    expect(Object.keys(copied)).toEqual(['source', 'target', 'digest']);
  });

  it('keeps the source tag when the destination names none', async () => {
    const to = destination();
    const copied = await copyJson(`${repo}:single`, to);
    expect(copied.target).toBe(`${to}:single`);
    expect(sha256(await skopeoRaw(`${to}:single`, work))).toBe(single.digest);
  });

  it('--all-platforms copies the index itself: same digest, every platform', async () => {
    const to = `${destination()}:multi`;
    const copied = await copyJson(`${repo}:multi`, to, '--all-platforms');
    expect(copied.digest).toBe(index.digest);
    expect(sha256(await skopeoRaw(to, work))).toBe(index.digest);
    const arm = index.manifests[0];
    expect(arm && sha256(await skopeoRaw(`${to.replace(/:multi$/, '')}@${arm.digest}`, work))).toBe(
      arm?.digest,
    );
  });

  it('copies only linux/amd64 of an index by default, and --platform picks another', async () => {
    const amd = index.manifests.find((m) => m.platform.architecture === 'amd64');
    const arm = index.manifests.find((m) => m.platform.architecture === 'arm64');
    const to = `${destination()}:one`;
    expect((await copyJson(`${repo}:multi`, to)).digest).toBe(amd?.digest);
    expect(sha256(await skopeoRaw(to, work))).toBe(amd?.digest);
    const armTo = `${destination()}:arm`;
    expect((await copyJson(`${repo}:multi`, armTo, '--platform', 'linux/arm64/v8')).digest).toBe(arm?.digest);
  });

  it('copies within one registry by mounting, and says so on stderr', async () => {
    const to = `${destination(source)}:same`;
    const result = await runCli(['copy', `${repo}:single`, to], env);
    expect(result.code, result.stderr).toBe(0);
    expect(sha256(await skopeoRaw(to, work))).toBe(single.digest);
    expect(result.stderr).toMatch(/^blob sha256:[0-9a-f]{12}… mounted$/m);
  });

  it('prints a plain line when each blob starts and ends when stderr is not a terminal', async () => {
    const to = destination();
    const first = await runCli(['copy', `${repo}:single`, `${to}:a`], env);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stderr.trimEnd().split('\n');
    // Config and two layers: a start and an end line each, no control codes.
    expect(lines).toHaveLength(6);
    expect(first.stderr).not.toContain('\x1b');
    expect(lines).toContain(`copying blob ${shortOf(single, 0)} (18 B)`);
    expect(lines.filter((line) => / done$/.test(line))).toHaveLength(3);

    const again = await runCli(['copy', `${repo}:single`, `${to}:b`], env);
    expect(
      again.stderr
        .trimEnd()
        .split('\n')
        .filter((line) => / exists$/.test(line)),
    ).toHaveLength(3);
  });

  it('Ctrl+C cancels: exit 1, "Cancelled", nothing on stdout, the tag never written', async () => {
    const to = `${destination()}:cancelled`;
    const child = spawn(process.execPath, [CLI, 'copy', `${repo}:large`, to], { env });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // Once: a second Ctrl+C is the user's way to end the process at once.
      if (!interrupted && /copying blob/.test(stderr)) interrupted = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('stevedore: Cancelled');
    await expect(skopeoRaw(to, work)).rejects.toThrow();
  });

  it('exits 2 on an invalid reference, before any request', async () => {
    const result = await runCli(['copy', 'Not A Ref', destination()], env);
    expect(result.code).toBe(2);
    expect(result.stdout.toString()).toBe('');
    expect(result.stderr).toMatch(/^stevedore: .+\n$/);
  });

  it('exits 1 with one line when the source registry cannot be reached', async () => {
    const result = await runCli(['copy', '127.0.0.1:1/nothing:here', destination()], env);
    expect(result.code).toBe(1);
    expect(result.stdout.toString()).toBe('');
    expect(result.stderr).toMatch(/^stevedore: [^\n]+\n$/);
  });
});

/** The short digest the progress lines name a layer by. */
function shortOf(pushed: PushedManifest, layer: number): string {
  const layers = pushed.manifest.layers as { digest: string }[];
  return `${layers[layer]?.digest.slice(0, 19)}…`;
}
