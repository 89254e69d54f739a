import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLI, isolatedCliEnv, runCli } from '../support/cli.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { bulkRepositories, pushArtifact, pushImage } from '../support/registry-content.js';

/** Every item of a listing, read straight from the registry with small pages: the reference order. */
async function listAll(base: string, path: string, key: string): Promise<string[]> {
  const items: string[] = [];
  let next: string | null = `${path}?n=100`;
  while (next) {
    const response: Response = await fetch(new URL(next, base));
    items.push(...(((await response.json()) as Record<string, string[] | null>)[key] ?? []));
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
  }
  return items;
}

const lines = (stdout: Buffer) => stdout.toString('utf8').split('\n').slice(0, -1);

let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-registry-'));
  env = isolatedCliEnv(work, inject('dockerHost'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('stevedore catalog', () => {
  // A registry of its own: the catalog of the shared one grows with every other test.
  let registry: Registry;
  let pushed: string[];

  beforeAll(async () => {
    registry = await startRegistry();
    pushed = await bulkRepositories(registry.host, 'bulk', 1_001);
    await pushImage(registry.host, 'alpha/app', 'v1', { layers: [Buffer.from('alpha')] });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('--json lists every repository across pages, in the registry order', async () => {
    const result = await runCli(['catalog', registry.host, '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout.toString('utf8'));
    expect(Object.keys(listed)).toEqual(['registry', 'repositories']);
    expect(listed.registry).toBe(registry.host);
    expect(listed.repositories.length).toBeGreaterThan(1_000);
    expect(listed.repositories).toEqual(await listAll(registry.url, '/v2/_catalog', 'repositories'));
    expect(listed.repositories).toEqual(expect.arrayContaining([...pushed, 'alpha/app']));
  });

  it('prints one repository per line without --json', async () => {
    const result = await runCli(['catalog', registry.host], env);
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual(await listAll(registry.url, '/v2/_catalog', 'repositories'));
  });

  it('stops quietly when the reader of its output goes away', async () => {
    // `true` exits at once: every write of the catalog meets a closed pipe.
    const script = `"${process.execPath}" "${CLI}" catalog ${registry.host} | true; echo "exit \${PIPESTATUS[0]}"`;
    const { stdout, stderr } = await promisify(execFile)('bash', ['-c', script], { env });
    expect(stderr).toBe('');
    expect(stdout).toBe('exit 0\n');
  });

  it.each([
    ['not a host', 'not/a:host'],
    ['a URL path', 'https://example.com/v3/'],
  ])('refuses %s with exit 2', async (_, input) => {
    const result = await runCli(['catalog', input], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stevedore: .*not a registry host.*\n$/);
  });

  it('fails with exit 1 and one line when the registry is unreachable', async () => {
    const closed = await startRegistry();
    await closed.stop();
    const result = await runCli(['catalog', closed.host], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^stevedore: [^\n]+\n$/);
    expect(result.stdout.length).toBe(0);
  });
});

describe('stevedore tags', () => {
  const host = inject('registryHost');
  const repo = `cli-tags-${randomUUID().slice(0, 8)}`;
  let signature: string;
  let referrers: string;

  beforeAll(async () => {
    const v1 = await pushImage(host, repo, 'v1', { layers: [Buffer.from(`${repo} v1`)] });
    await pushImage(host, repo, 'v2', { layers: [Buffer.from(`${repo} v2`)] });
    const subject = { digest: v1.digest, mediaType: v1.mediaType, size: v1.size };
    await pushArtifact(host, repo, { subject, kind: 'sig' });
    await pushArtifact(host, repo, { subject, kind: 'referrer' });
    signature = `sha256-${v1.digest.slice('sha256:'.length)}.sig`;
    referrers = `sha256-${v1.digest.slice('sha256:'.length)}`;
  });

  it('hides signature and referrer tags', async () => {
    const all = await listAll(`http://${host}`, `/v2/${repo}/tags/list`, 'tags');
    const plain = all.filter((tag) => tag !== signature && tag !== referrers);
    expect([...plain].sort()).toEqual(['v1', 'v2']);
    const result = await runCli(['tags', `${host}/${repo}`, '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.toString('utf8'))).toEqual({
      repository: `${host}/${repo}`,
      tags: plain,
    });
    expect(lines((await runCli(['tags', `${host}/${repo}`], env)).stdout)).toEqual(plain);
  });

  it('--all keeps them where the registry listed them', async () => {
    const all = await listAll(`http://${host}`, `/v2/${repo}/tags/list`, 'tags');
    expect(all).toEqual(expect.arrayContaining([signature, referrers]));
    const json = await runCli(['tags', `${host}/${repo}`, '--all', '--json'], env);
    expect(JSON.parse(json.stdout.toString('utf8')).tags).toEqual(all);
    expect(lines((await runCli(['tags', `${host}/${repo}`, '--all'], env)).stdout)).toEqual(all);
  });

  it('fails with exit 1 and one line for a repository the registry does not have', async () => {
    const result = await runCli(['tags', `${host}/${repo}-missing`], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^stevedore: [^\n]*not found[^\n]*\n$/i);
  });

  it.each([`${repo}:v1`, 'Upper/Case'])('refuses %s as a repository with exit 2', async (input) => {
    const result = await runCli(['tags', `${host}/${input}`], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stevedore: [^\n]+\n$/);
  });
});
