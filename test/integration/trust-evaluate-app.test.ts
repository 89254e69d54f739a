import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parsePublicKey } from '../../src-main/core/trust/keys/public-key.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { TrustBadge, TrustReport, TrustSettingsView } from '../../src-main/ipc/contract.js';
import { unwrap } from '../support/app-tasks.js';
import { freePort } from '../support/ports.js';
import { type PushedManifest, pushImage, pushIndex } from '../support/registry-content.js';
import { notationChain, p256 } from '../support/trust-certificates.js';
import { JWS, notationJws, pushNotationSignature } from '../support/trust-notation-signers.js';
import { classicLayer, cosignPayload, pushClassicSignatures } from '../support/trust-signers.js';

/**
 * trust.inspect through the app's dispatch, against the run's real registry: signatures written
 * by test code from the cosign and Notation formats, keys and trust stores set through the trust
 * procedures. Badges and signing: trust-evaluate-badges.test.ts.
 */

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `trust-app-${run}/${name}`;
const release = p256();
const releasePem = release.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const stranger = p256().publicKey.export({ type: 'spki', format: 'pem' }).toString();
const chain = notationChain();

let work: string;
let app: App;
const call = async <T>(name: string, input: unknown) => unwrap<T>(await app.dispatch(name, input));
const inspect = (reference: string, platform?: string) =>
  call<TrustReport>('trust.inspect', { reference, ...(platform ? { platform } : {}) });

async function image(name: string, tag = 'v1'): Promise<PushedManifest> {
  return pushImage(host, repo(name), tag, { layers: [Buffer.from(`${name}:${tag} ${randomUUID()}`)] });
}

async function cosignSign(name: string, digest: string, signs = digest): Promise<void> {
  const layer = classicLayer(cosignPayload(`${host}/${repo(name)}`, signs), release.privateKey);
  await pushClassicSignatures(host, repo(name), digest, [layer]);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-trust-app-'));
  app = await createApp({
    env: { HOME: work, DOCKER_CONFIG: join(work, 'docker-config') },
    configDir: join(work, 'config'),
    transport: 'websocket',
  });
});

afterAll(async () => {
  await app?.close();
  await rm(work, { recursive: true, force: true });
});

describe('trust.inspect', () => {
  it('finds nothing on an unsigned image: unsigned, with the digest the registry serves', async () => {
    const pushed = await image('unsigned');
    const report = await inspect(`${host}/${repo('unsigned')}:v1`);
    expect(report).toMatchObject({
      reference: `${host}/${repo('unsigned')}:v1`,
      digest: pushed.digest,
      status: 'unsigned',
      signatures: [],
      dct: null,
      dctRoles: [],
    });
    expect(report.error).toBeUndefined();
  });

  it('verifies cosign with the right key, calls it signed with a wrong one, and invalid when it signs another digest', async () => {
    const signed = await image('cosign');
    await cosignSign('cosign', signed.digest);
    const reference = `${host}/${repo('cosign')}:v1`;
    expect((await inspect(reference)).status).toBe('signed');

    await call('trust.publicKeys.add', { name: 'stranger.pub', pem: stranger });
    const withWrongKey = await inspect(reference);
    expect(withWrongKey.status).toBe('signed');
    expect(withWrongKey.signatures).toEqual([
      expect.objectContaining({
        kind: 'cosign',
        verified: false,
        invalid: false,
        reason: expect.stringContaining('signature does not match key stranger.pub'),
      }),
    ]);

    await call('trust.publicKeys.add', { name: 'release.pub', pem: releasePem });
    const verified = await inspect(reference);
    expect(verified.status).toBe('verified');
    expect(verified.signatures).toEqual([
      expect.objectContaining({
        kind: 'cosign',
        digest: signed.digest,
        signer: 'release.pub',
        keyId: parsePublicKey(releasePem, 'x').keyId,
        verified: true,
        reason: 'key release.pub',
        source: `sha256-${signed.digest.slice(7)}.sig`,
      }),
    ]);

    // v2's .sig holds v1's signature, copied: by the right key, but not of v2.
    const victim = await image('cosign', 'v2');
    await cosignSign('cosign', victim.digest, signed.digest);
    const tampered = await inspect(`${host}/${repo('cosign')}:v2`);
    expect(tampered.status).toBe('invalid');
    expect(tampered.signatures[0]?.reason).toBe(
      `signed digest ${signed.digest} differs from the registry's ${victim.digest} (signed by key release.pub)`,
    );
  });

  it('verifies a Notation JWS once its CA is in a trust store, and shows the chain', async () => {
    const target = await image('notation');
    const subject = { mediaType: target.mediaType, digest: target.digest, size: target.size };
    const envelope = notationJws({ target: subject, chain: [chain.signer, chain.intermediate, chain.root] });
    await pushNotationSignature(host, repo('notation'), subject, envelope, JWS);
    const reference = `${host}/${repo('notation')}:v1`;
    expect((await inspect(reference)).signatures).toEqual([
      expect.objectContaining({ kind: 'notation', verified: false, invalid: false }),
    ]);

    const view = await call<TrustSettingsView>('trust.trustStores.add', {
      name: 'acme-ca',
      pem: chain.root.pem,
    });
    expect(view.trustStores).toEqual([
      {
        name: 'acme-ca',
        certificates: [expect.objectContaining({ subject: 'O=stevedore-tests, CN=Stevedore Test Root CA' })],
      },
    ]);
    const report = await inspect(reference);
    expect(report.status).toBe('verified');
    expect(report.signatures).toEqual([
      expect.objectContaining({
        kind: 'notation',
        signer: 'O=stevedore-tests, CN=release signer',
        verified: true,
        reason: 'trust store acme-ca',
      }),
    ]);
    expect(report.signatures[0]?.certificateChain).toHaveLength(3);
  });

  it('reports an index and each platform, or the one platform asked for', async () => {
    const index = await pushIndex(host, repo('index'), 'v1', [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ]);
    const amd64 = index.manifests[0] as PushedManifest;
    const arm64 = index.manifests[1] as PushedManifest;
    await cosignSign('index', index.digest);
    await cosignSign('index', arm64.digest);
    const report = await inspect(`${host}/${repo('index')}:v1`);
    expect(report.status).toBe('verified');
    expect(report.platforms).toEqual([
      { platform: 'linux/amd64', digest: amd64.digest, status: 'unsigned', signatures: [] },
      {
        platform: 'linux/arm64/v8',
        digest: arm64.digest,
        status: 'verified',
        signatures: [expect.objectContaining({ kind: 'cosign', digest: arm64.digest, verified: true })],
      },
    ]);
    const one = await inspect(`${host}/${repo('index')}:v1`, 'linux/arm64');
    expect(one.platforms?.map((p) => p.platform)).toEqual(['linux/arm64/v8']);
    const missing = await app.dispatch('trust.inspect', {
      reference: `${host}/${repo('index')}:v1`,
      platform: 'linux/s390x',
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('it has linux/amd64, linux/arm64/v8') },
    });
  });

  it('reports a registry that does not answer as status error, with the reason', async () => {
    const nowhere = `127.0.0.1:${await freePort()}`;
    const report = await inspect(`${nowhere}/app:v1`);
    expect(report).toMatchObject({
      status: 'error',
      digest: '',
      signatures: [],
      error: { code: 'REGISTRY_UNREACHABLE' },
    });
    expect(report.error?.message).toContain(nowhere);
    const [badge] = await call<TrustBadge[]>('trust.badges', { references: [`${nowhere}/app:v1`] });
    expect(badge).toEqual({ reference: `${nowhere}/app:v1`, digest: null, status: 'error', kinds: [] });
  });
});
