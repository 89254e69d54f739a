import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLI, isolatedCliEnv, runCli } from '../support/cli.js';
import { startRegistry } from '../support/registry.js';
import { type PushedManifest, pushImage } from '../support/registry-content.js';

const host = inject('registryHost');

let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-delete-'));
  env = isolatedCliEnv(work, inject('dockerHost'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('stevedore delete', () => {
  const repo = `${host}/cli-delete-${randomUUID().slice(0, 8)}`;
  const path = repo.slice(host.length + 1);
  let shared: PushedManifest;
  let alone: PushedManifest;

  beforeAll(async () => {
    const layers = [Buffer.from(`${repo} shared`)];
    shared = await pushImage(host, path, 'v1', { layers });
    await pushImage(host, path, 'v2', { layers });
    alone = await pushImage(host, path, 'v3', { layers: [Buffer.from(`${repo} alone`)] });
  });

  it('deletes by digest, prints it, and warns about the other tags that shared it', async () => {
    const result = await runCli(['delete', `${repo}:v1`], env);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toBe(`${shared.digest}\n`);
    expect(result.stderr).toMatch(/^warning: [^\n]*\bv2\n$/);
    expect(result.stderr).toContain(shared.digest);

    // By digest too: the content cache has the bytes, but the registry no longer holds them here.
    for (const gone of [`${repo}:v1`, `${repo}:v2`, `${repo}@${shared.digest}`]) {
      const inspected = await runCli(['inspect', gone], env);
      expect({ gone, code: inspected.code }).toEqual({ gone, code: 1 });
      expect(inspected.stderr).toMatch(/^stevedore: [^\n]*not found[^\n]*\n$/i);
    }
    const byDigest = await fetch(`http://${host}/v2/${path}/manifests/${shared.digest}`, { method: 'HEAD' });
    expect(byDigest.status).toBe(404);
    const tags = await runCli(['tags', repo], env);
    expect(tags.stdout.toString('utf8')).toBe('v3\n');
  });

  it('says nothing on stderr when no other tag shared the digest', async () => {
    const result = await runCli(['delete', `${repo}:v3`], env);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toBe(`${alone.digest}\n`);
    expect(result.stderr).toBe('');
    expect((await runCli(['inspect', `${repo}:v3`], env)).code).toBe(1);
  });

  it('deletes by a digest reference, naming every tag that went with it', async () => {
    const layers = [Buffer.from(`${repo} by digest`)];
    const image = await pushImage(host, path, 'v4', { layers });
    await pushImage(host, path, 'v5', { layers });
    const result = await runCli(['delete', `${repo}@${image.digest}`], env);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toBe(`${image.digest}\n`);
    expect(result.stderr).toMatch(/^warning: [^\n]*: (v4, v5|v5, v4)\n$/);
    expect((await runCli(['tags', repo], env)).stdout.toString('utf8')).toBe('');
  });

  it('fails with exit 1 and one line for a tag that is not there', async () => {
    const result = await runCli(['delete', `${repo}:missing`], env);
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/^stevedore: [^\n]*not found[^\n]*\n$/i);
  });

  it('refuses an invalid reference with exit 2', async () => {
    const result = await runCli(['delete', `${host}/UPPER:v1`], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stevedore: [^\n]+\n$/);
  });

  it("fails with exit 1 and the registry's reason in one line when deletion is turned off", async () => {
    const registry = await startRegistry({ deleteDisabled: true });
    try {
      const layers = [Buffer.from('undeletable')];
      const image = await pushImage(registry.host, 'kept', 'v1', { layers });
      await pushImage(registry.host, 'kept', 'v2', { layers });
      const result = await runCli(['delete', `${registry.host}/kept:v1`], env);
      expect(result.code).toBe(1);
      expect(result.stdout.length).toBe(0);
      expect(result.stderr).toMatch(/^stevedore: [^\n]*HTTP 405: The operation is unsupported[^\n]*\n$/);
      const inspected = await runCli(['inspect', `${registry.host}/kept:v1`, '--json'], env);
      expect(JSON.parse(inspected.stdout.toString('utf8')).digest).toBe(image.digest);
    } finally {
      await registry.stop();
    }
  });
});
