import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInspect, imageRemove } from '../../src-main/core/engine/images.js';
import { isolatedCliEnv, requireBuiltCli, runCli } from '../support/cli.js';
import { buildScratchImage } from '../support/images.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { runServers } from '../support/run-servers.js';
import { skopeoDigest } from '../support/skopeo.js';

const { dockerHost, registry: registryHost, docker, run } = runServers();
const local = `stevedore-cli-${run}/app:1.0`;
const USER = { user: 'cli-pusher', password: 'cli-secret' };

let work: string;
let env: NodeJS.ProcessEnv;
let guarded: Registry;
let imageId: string;

beforeAll(async () => {
  requireBuiltCli();
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-push-'));
  env = isolatedCliEnv(work, dockerHost);
  guarded = await startRegistry({ htpasswd: USER });
  imageId = await buildScratchImage(docker, local, { 'a.txt': randomUUID() });
}, 120_000);

afterAll(async () => {
  await imageRemove(docker, imageId, { force: true }).catch(() => undefined);
  await guarded?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('stevedore push', () => {
  it('prints {"target","digest","size"} with the digest the registry serves; plain progress on stderr', async () => {
    const target = `${registryHost}/cli-${run}/app:1.0`;
    const result = await runCli(['push', local, target, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout.toString('utf8'));
    expect(Object.keys(printed)).toEqual(['target', 'digest', 'size']);
    expect(printed).toEqual({ target, digest: await skopeoDigest(target, work), size: expect.any(Number) });
    expect(result.stderr).toMatch(/^layer \S+ done$/m);
    expect(result.stderr).not.toContain('\x1b');
    expect((await imageInspect(docker, imageId)).repoTags).toEqual([local]);
  });

  it('defaults the target to the image name when it names a registry, and prints the digest alone', async () => {
    const named = `${registryHost}/cli-${run}/named:2`;
    await docker.getImage(imageId).tag({ repo: `${registryHost}/cli-${run}/named`, tag: '2' });
    try {
      const result = await runCli(['push', named], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.toString('utf8')).toBe(`${await skopeoDigest(named, work)}\n`);
    } finally {
      await imageRemove(docker, named, { force: false });
    }
  });

  it('exits 2 when the image names no registry and no target is given', async () => {
    const result = await runCli(['push', local], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('names no registry');
  });

  it('is refused without a login, and pushes with one from DOCKER_CONFIG', async () => {
    const target = `${guarded.host}/cli-${run}/app:1.0`;
    const refused = await runCli(['push', local, target], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/auth/i);
    const config = join(work, 'login-config');
    await mkdir(config, { recursive: true });
    const auth = Buffer.from(`${USER.user}:${USER.password}`).toString('base64');
    await writeFile(join(config, 'config.json'), JSON.stringify({ auths: { [guarded.host]: { auth } } }));
    const pushed = await runCli(['push', local, target, '--json'], { ...env, DOCKER_CONFIG: config });
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(JSON.parse(pushed.stdout.toString('utf8')).target).toBe(target);
  });

  it('exits 1 with one line when the engine is unreachable', async () => {
    const result = await runCli(['push', local, `${registryHost}/cli-${run}/x:1`], {
      ...env,
      DOCKER_HOST: `unix://${join(work, 'no.sock')}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('stevedore pull', () => {
  const source = `${registryHost}/cli-${run}/pulled:3`;
  let digest: string;

  beforeAll(async () => {
    const pushed = await runCli(['push', local, source, '--json'], env);
    digest = JSON.parse(pushed.stdout.toString('utf8')).digest;
    await imageRemove(docker, imageId, { force: true });
  }, 60_000);

  it('prints {"reference","digest","id"} for a pull by tag', async () => {
    const result = await runCli(['pull', source, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout.toString('utf8'));
    expect(Object.keys(printed)).toEqual(['reference', 'digest', 'id']);
    expect(printed).toEqual({ reference: source, digest, id: imageId });
  });

  it('pulls by digest', async () => {
    await imageRemove(docker, imageId, { force: true });
    const byDigest = `${registryHost}/cli-${run}/pulled@${digest}`;
    const result = await runCli(['pull', byDigest, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.toString('utf8'))).toEqual({ reference: byDigest, digest, id: imageId });
  });

  it('exits 1 for a tag the registry does not have, 2 for a bad reference', async () => {
    const missing = await runCli(['pull', `${registryHost}/cli-${run}/pulled:nope`], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not found|unknown/i);
    expect((await runCli(['pull', 'Bad Ref'], env)).code).toBe(2);
  });
});
