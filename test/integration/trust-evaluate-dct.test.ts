import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { DctMigrationPlan, TrustReport } from '../../src-main/ipc/contract.js';
import { runTask, unwrap } from '../support/app-tasks.js';
import { CLI, isolatedCliEnv, runCli } from '../support/cli.js';
import { buildScratchImage } from '../support/images.js';
import { docker, dockerTrustEnv, type NotaryServers, startNotary } from '../support/notary.js';

/**
 * Docker Content Trust through the app and the CLI: the docker CLI signs pushes to the run's
 * registry through a real notary-server and notary-signer (with a delegation signer), and what
 * `trust.inspect` and `stevedore trust` show must be what `docker trust inspect` shows. Then the
 * migration: DCT-signed tags, and which already have a cosign signature.
 */

const dockerHost = inject('dockerHost');
const engine = connect({ id: 'env', name: 'DOCKER_HOST', url: dockerHost, source: 'env' });
const registryHost = inject('registryHost');
const repository = `${registryHost}/trust-dct-${randomUUID().slice(0, 8)}`;

let notary: NotaryServers;
let work: string;
let dockerEnv: NodeJS.ProcessEnv;
let app: App;
const digests: Record<string, string> = {};
const images: string[] = [];

interface DockerInspect {
  SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
  Signers: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
  AdministrativeKeys: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
}

/** `docker trust inspect`, in the shape of our `dct` block. */
async function dockerDct() {
  const [inspect] = JSON.parse(await docker(['trust', 'inspect', repository], dockerEnv)) as [DockerInspect];
  const admin = Object.fromEntries(
    inspect.AdministrativeKeys.map((role) => [role.Name, role.Keys.map((k) => k.ID)]),
  );
  return {
    signedTags: inspect.SignedTags.map((row) => ({
      tag: row.SignedTag,
      digest: `sha256:${row.Digest}`,
      signers: row.Signers,
    })),
    signers: inspect.Signers.map((signer) => ({ name: signer.Name, keys: signer.Keys.map((key) => key.ID) })),
    rootKeyIds: admin.Root,
    repositoryKeyIds: admin.Repository,
  };
}

async function push(tag: string, trust: boolean): Promise<string> {
  images.push(
    await buildScratchImage(engine, `${repository}:${tag}`, { 'tag.txt': `${tag} ${randomUUID()}` }),
  );
  const output = await docker(['push', `${repository}:${tag}`], {
    ...dockerEnv,
    DOCKER_CONTENT_TRUST: trust ? '1' : '0',
  });
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
  if (!digest) throw new Error(`no digest in docker push output:\n${output}`);
  return digest;
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  notary = await startNotary();
  work = await mkdtemp(join(tmpdir(), 'stevedore-trust-dct-'));
  dockerEnv = await dockerTrustEnv(work, dockerHost, notary);
  digests.v1 = await push('v1', true);
  await mkdir(join(work, 'keys'));
  await docker(['trust', 'key', 'generate', 'alice', '--dir', join(work, 'keys')], dockerEnv);
  await docker(
    ['trust', 'signer', 'add', '--key', join(work, 'keys', 'alice.pub'), 'alice', repository],
    dockerEnv,
  );
  digests.v2 = await push('v2', true);
  digests.v3 = await push('v3', false);
  app = await createApp({
    env: { HOME: join(work, 'app-home'), DOCKER_CONFIG: join(work, 'app-docker-config') },
    configDir: join(work, 'app-config'),
    transport: 'websocket',
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  for (const id of images) await imageRemove(engine, id, { force: true }).catch(() => undefined);
  await notary?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const call = async <T>(name: string, input: unknown) => unwrap<T>(await app.dispatch(name, input));

describe('Docker Content Trust in a report', () => {
  it('has no DCT data until its notary server is set; then verified on first use, as docker trusts it', async () => {
    // Without a setting, the notary server is the registry's own host, which speaks no TLS: no DCT data.
    const unknown = await call<TrustReport>('trust.inspect', { reference: `${repository}:v1` });
    expect(unknown).toMatchObject({ status: 'unsigned', dct: null });
    expect(unknown.notices.map((notice) => notice.code)).toContain('DCT_NO_NOTARY_SERVER');

    await call('trust.notaryServers.set', { registry: registryHost, url: notary.url, caPem: notary.caPem });
    const report = await call<TrustReport>('trust.inspect', { reference: `${repository}:v1` });
    expect(report.status).toBe('verified');
    expect(report.digest).toBe(digests.v1);
    expect(report.signatures).toEqual([
      expect.objectContaining({
        kind: 'dct',
        signer: 'Repo Admin',
        verified: true,
        source: repository,
        reason: expect.stringContaining('trusted on first use'),
      }),
    ]);
    expect(report.dct).toEqual(await dockerDct());
    expect(report.notices.map((notice) => notice.code)).toContain('DCT_ROOT_FIRST_USE');
    expect(report.dctRoles.map((role) => role.name)).toEqual(
      expect.arrayContaining([
        'root',
        'targets',
        'snapshot',
        'timestamp',
        'targets/releases',
        'targets/alice',
      ]),
    );
    expect(report.dctRoles.find((role) => role.name === 'timestamp')?.expires).toMatch(/^\d{4}-\d\d-\d\dT/);

    const pinned = await call<{ pinnedRoots: Array<{ gun: string }> }>('trust.settings', {});
    expect(pinned.pinnedRoots.map((pin) => pin.gun)).toEqual([repository]);
    const v2 = await call<TrustReport>('trust.inspect', { reference: `${repository}:v2` });
    expect(v2.signatures.map((s) => s.signer).sort()).toEqual(['Repo Admin', 'alice']);
    expect(v2.signatures.every((s) => s.reason?.includes('trusted since'))).toBe(true);
    const v3 = await call<TrustReport>('trust.inspect', { reference: `${repository}:v3` });
    expect(v3).toMatchObject({ status: 'unsigned', signatures: [] });
  });

  it('is an error, with the reason, when the notary server does not answer', async () => {
    await call('trust.notaryServers.set', {
      registry: registryHost,
      url: 'https://127.0.0.1:1',
      caPem: notary.caPem,
    });
    const report = await call<TrustReport>('trust.inspect', { reference: `${repository}:v1` });
    expect(report).toMatchObject({
      status: 'error',
      digest: digests.v1,
      error: { code: 'DCT_SERVER_ERROR' },
    });
    await call('trust.notaryServers.set', { registry: registryHost, url: notary.url, caPem: notary.caPem });
  });
});

describe('stevedore trust with DCT', () => {
  it('prints the dct block `docker trust inspect` shows, and its --pretty tables', async () => {
    const env = isolatedCliEnv(join(work, 'cli'), dockerHost);
    await mkdir(join(work, 'cli'), { recursive: true });
    await writeFile(join(work, 'notary-ca.crt'), notary.caPem);
    const args = [`${repository}:v2`, '--notary', notary.url, '--notary-ca', join(work, 'notary-ca.crt')];
    const json = await runCli(['trust', ...args, '--json', '--require', 'verified'], env);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const printed = JSON.parse(json.stdout.toString());
    expect(printed).toMatchObject({ reference: `${repository}:v2`, digest: digests.v2, status: 'verified' });
    expect(printed.dct).toEqual(await dockerDct());
    expect(
      printed.signatures.map((s: { kind: string; signer: string }) => `${s.kind} ${s.signer}`).sort(),
    ).toEqual(['dct Repo Admin', 'dct alice']);

    const text = (await runCli(['trust', ...args], env)).stdout.toString();
    const pretty = await docker(['trust', 'inspect', '--pretty', repository], dockerEnv);
    const block = (output: string) => output.slice(output.indexOf('\nSignatures for'));
    expect(block(pretty)).toContain('(Repo Admin)');
    expect(block(text)).toBe(block(pretty));
    expect(text).toMatch(/^Status: {4}verified$/m);
  });
});

describe('trust.dctMigration', () => {
  it('lists the DCT-signed tags; one signed with cosign then shows alsoSignedWith cosign', async () => {
    const before = await call<DctMigrationPlan>('trust.dctMigration', { repository });
    expect(before).toEqual({
      repository,
      gun: repository,
      state: 'verified',
      tags: [
        { tag: 'v1', digest: digests.v1, signers: ['Repo Admin'], alsoSignedWith: [] },
        { tag: 'v2', digest: digests.v2, signers: ['alice'], alsoSignedWith: [] },
      ],
    });
    await call('trust.signingKeys.generate', { name: 'migration', password: 'pw' });
    const { final } = await runTask(app, 'trust.sign', {
      reference: `${repository}:v1`,
      key: 'migration',
      password: 'pw',
    });
    expect(final.state).toBe('succeeded');
    const after = await call<DctMigrationPlan>('trust.dctMigration', { repository });
    expect(after.tags.map((row) => [row.tag, row.alsoSignedWith])).toEqual([
      ['v1', ['cosign']],
      ['v2', []],
    ]);
    const report = await call<TrustReport>('trust.inspect', { reference: `${repository}:v1` });
    expect(report.signatures.map((s) => [s.kind, s.verified]).sort()).toEqual([
      ['cosign', true],
      ['dct', true],
    ]);
  });

  it('says "none" for a repository without DCT data', async () => {
    const plain = `${registryHost}/trust-dct-none-${randomUUID().slice(0, 8)}`;
    expect(await call<DctMigrationPlan>('trust.dctMigration', { repository: plain })).toEqual({
      repository: plain,
      gun: plain,
      state: 'none',
      tags: [],
    });
  });
});
