import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';
import { parseRepository } from '../../src-main/core/reference/index.js';
import {
  type DctResult,
  type DctVerified,
  dctSignatures,
  FileDctPinStore,
  NotaryClient,
  type NotaryError,
} from '../../src-main/core/trust/notary/index.js';
import { trustStatus } from '../../src-main/core/trust/status.js';
import { failure } from '../support/failure.js';
import { buildScratchImage } from '../support/images.js';
import { docker, dockerTrustEnv, type NotaryServers, startNotary } from '../support/notary.js';

/**
 * Docker Content Trust end to end: the docker CLI signs pushes to the run's registry through a
 * real notary-server and notary-signer (a delegation signer included), and our verifier must
 * agree with `docker trust inspect` on everything it shows.
 */

const endpoint: EngineEndpoint = { id: 'env', name: 'DOCKER_HOST', url: inject('dockerHost'), source: 'env' };
const engine = connect(endpoint);
const registryHost = inject('registryHost');
const repository = `${registryHost}/dct-${randomUUID().slice(0, 8)}`;

let notary: NotaryServers;
let work: string;
let env: NodeJS.ProcessEnv;
const digests: Record<string, string> = {};
const images: string[] = [];

/** `docker push` with content trust, and the digest it printed (`v1: digest: sha256:… size: 524`). */
async function push(tag: string, files: Record<string, string>, trust = true): Promise<string> {
  images.push(await buildScratchImage(engine, `${repository}:${tag}`, files));
  const output = await docker(['push', `${repository}:${tag}`], {
    ...env,
    DOCKER_CONTENT_TRUST: trust ? '1' : '0',
  });
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
  if (!digest) throw new Error(`no digest in docker push output:\n${output}`);
  return digest;
}

function client(extra: NodeJS.ProcessEnv = {}, pins = 'pins'): NotaryClient {
  return new NotaryClient({
    env: { HOME: work, DOCKER_CONFIG: env.DOCKER_CONFIG, DOCKER_CONTENT_TRUST_SERVER: notary.url, ...extra },
    pins: new FileDctPinStore(join(work, pins)),
  });
}

function verified(result: DctResult): DctVerified {
  if (result.state !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(result)}`);
  return result;
}

beforeAll(async () => {
  notary = await startNotary();
  work = await mkdtemp(join(tmpdir(), 'stevedore-dct-docker-'));
  env = await dockerTrustEnv(work, endpoint.url, notary);
  digests.v1 = await push('v1', { 'release.txt': 'one' });
  await mkdir(join(work, 'keys'));
  await docker(['trust', 'key', 'generate', 'alice', '--dir', join(work, 'keys')], env);
  await docker(
    ['trust', 'signer', 'add', '--key', join(work, 'keys', 'alice.pub'), 'alice', repository],
    env,
  );
  // With a delegation key at hand, docker signs into targets/releases and targets/alice.
  digests.v2 = await push('v2', { 'release.txt': 'two' });
}, 180_000);

afterAll(async () => {
  for (const id of images) await imageRemove(engine, id, { force: true }).catch(() => undefined);
  await notary?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('what the docker CLI signed', () => {
  it('verifies, and matches `docker trust inspect` field by field', async () => {
    const [inspect] = JSON.parse(await docker(['trust', 'inspect', repository], env)) as Array<{
      SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
      Signers: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
      AdministrativeKeys: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
    }>;
    const dct = client();
    const result = verified(await dct.lookup(parseRepository(repository)));
    await dct.close();
    expect(result.gun).toBe(repository);
    expect(result.summary.signedTags).toEqual(
      inspect!.SignedTags.map((row) => ({
        tag: row.SignedTag,
        digest: `sha256:${row.Digest}`,
        signers: row.Signers,
      })),
    );
    expect(result.summary.signedTags).toEqual([
      { tag: 'v1', digest: digests.v1, signers: ['Repo Admin'] },
      { tag: 'v2', digest: digests.v2, signers: ['alice'] },
    ]);
    expect(result.summary.signers).toEqual(
      inspect!.Signers.map((signer) => ({ name: signer.Name, keys: signer.Keys.map((key) => key.ID) })),
    );
    const admin = Object.fromEntries(
      inspect!.AdministrativeKeys.map((role) => [role.Name, role.Keys.map((key) => key.ID)]),
    );
    expect(result.summary.rootKeyIds).toEqual(admin.Root);
    expect(result.summary.repositoryKeyIds).toEqual(admin.Repository);
    expect(result.root.trust).toBe('first-use');
  });

  it('gives each signed digest verified DCT signatures, with the signer and key', async () => {
    const dct = client();
    const result = await dct.lookup(parseRepository(repository));
    await dct.close();
    const v1 = dctSignatures(result, { digest: digests.v1!, tag: 'v1' });
    expect(v1.map((signature) => [signature.signer, signature.verified, signature.invalid])).toEqual([
      ['Repo Admin', true, false],
    ]);
    const v2 = dctSignatures(result, { digest: digests.v2!, tag: 'v2' });
    expect(v2.map((signature) => signature.signer).sort()).toEqual(['Repo Admin', 'alice']);
    expect(trustStatus(v2)).toBe('verified');
    expect((result as DctVerified).root.trust).toBe('known');
  });

  it('has no DCT signature for an image pushed without content trust, and flags a tag pushed over a signed one', async () => {
    const unsigned = await push('v3', { 'release.txt': 'three' }, false);
    const moved = await push('v1', { 'release.txt': 'one, pushed again unsigned' }, false);
    const dct = client();
    const result = await dct.lookup(parseRepository(repository));
    await dct.close();
    expect(dctSignatures(result, { digest: unsigned, tag: 'v3' })).toEqual([]);
    const signatures = dctSignatures(result, { digest: moved, tag: 'v1' });
    expect(trustStatus(signatures)).toBe('invalid');
    expect(signatures[0]?.reason).toContain(
      `signs tag v1 as ${digests.v1}, but the registry serves ${moved}`,
    );
  });
});

describe('reaching the notary server', () => {
  it("takes the server's CA from the docker config dir only: without it, says where to put it", async () => {
    const elsewhere = client({ DOCKER_CONFIG: join(work, 'empty-docker-config') }, 'pins-no-ca');
    const error = await failure<NotaryError>(elsewhere.lookup(parseRepository(repository)));
    expect(error.code).toBe('DCT_SERVER_ERROR');
    expect(error.message).toContain(`The TLS certificate of the notary server ${notary.url} is not trusted`);
    expect(error.message).toContain(join(work, 'empty-docker-config', 'tls', notary.host, 'ca.crt'));
    const result = await elsewhere.lookup(parseRepository(repository), { caPem: notary.caPem });
    expect(result.state).toBe('verified');
    await elsewhere.close();
  });

  it('says "none" for a repository without trust data', async () => {
    const dct = client();
    const result = await dct.lookup(
      parseRepository(`${registryHost}/never-signed-${randomUUID().slice(0, 8)}`),
    );
    await dct.close();
    expect(result).toMatchObject({ state: 'none', notices: [] });
  });

  it('says "none", with a notice, where docker\'s default server (the registry itself) is no notary server', async () => {
    const dct = new NotaryClient({
      env: { HOME: work, DOCKER_CONFIG: env.DOCKER_CONFIG },
      pins: new FileDctPinStore(join(work, 'pins-default')),
    });
    const result = await dct.lookup(parseRepository(repository));
    await dct.close();
    expect(result.state).toBe('none');
    expect(result.server).toMatchObject({ url: `https://${registryHost}`, source: 'registry' });
    expect(result.notices[0]?.code).toBe('DCT_NO_NOTARY_SERVER');
    expect(result.notices[0]?.message).toContain('answers in plain HTTP only');
  });
});
