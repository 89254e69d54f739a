import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parsePublicKey } from '../../src-main/core/trust/keys/public-key.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { SignOutcome, TrustBadge, TrustReport, TrustSettingsView } from '../../src-main/ipc/contract.js';
import { runTask, unwrap } from '../support/app-tasks.js';
import { type PushedManifest, pushImage } from '../support/registry-content.js';
import { notationChain, p256 } from '../support/trust-certificates.js';
import { classicLayer, cosignPayload, pushClassicSignatures } from '../support/trust-signers.js';

/**
 * Badges through the app's dispatch, remembered (requests counted by a proxy in front of the
 * run's registry); signing as a task with a key of the store; the trust settings procedures.
 */

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `trust-badges-${run}/${name}`;
const release = p256();
const releasePem = release.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const chain = notationChain();

let work: string;
let app: App;
const call = async <T>(name: string, input: unknown) => unwrap<T>(await app.dispatch(name, input));
const inspect = (reference: string) => call<TrustReport>('trust.inspect', { reference });

async function image(name: string, tag = 'v1'): Promise<PushedManifest> {
  return pushImage(host, repo(name), tag, { layers: [Buffer.from(`${name}:${tag} ${randomUUID()}`)] });
}

async function cosignSign(name: string, digest: string): Promise<void> {
  const layer = classicLayer(cosignPayload(`${host}/${repo(name)}`, digest), release.privateKey);
  await pushClassicSignatures(host, repo(name), digest, [layer]);
}

/** A plain HTTP proxy in front of the registry that counts the requests it forwards. */
function countingProxy(target: string): Promise<{ host: string; count: () => number; server: Server }> {
  let count = 0;
  const [targetHost, targetPort] = target.split(':') as [string, string];
  const server = createServer((req, res) => {
    count += 1;
    const upstream = httpRequest(
      {
        host: targetHost,
        port: Number(targetPort),
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ host: `127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count, server }),
    ),
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-trust-badges-'));
  app = await createApp({
    env: { HOME: work, DOCKER_CONFIG: join(work, 'docker-config') },
    configDir: join(work, 'config'),
    transport: 'websocket',
  });
  await call('trust.publicKeys.add', { name: 'release.pub', pem: releasePem });
});

afterAll(async () => {
  await app?.close();
  await rm(work, { recursive: true, force: true });
});

describe('trust.badges', () => {
  it('evaluates each reference once: the second call asks the registry nothing; a new key makes them stale', async () => {
    const signed = await image('badges', 'signed');
    await cosignSign('badges', signed.digest);
    const plain = await image('badges', 'plain');
    const proxy = await countingProxy(host);
    try {
      const references = [
        `${proxy.host}/${repo('badges')}:signed`,
        `${proxy.host}/${repo('badges')}:plain`,
        'not a reference!',
      ];
      const first = await call<TrustBadge[]>('trust.badges', { references });
      expect(first).toEqual([
        { reference: references[0], digest: signed.digest, status: 'verified', kinds: ['cosign'] },
        { reference: references[1], digest: plain.digest, status: 'unsigned', kinds: [] },
        { reference: references[2], digest: null, status: 'error', kinds: [] },
      ]);
      const asked = proxy.count();
      expect(asked).toBeGreaterThan(0);
      expect(await call<TrustBadge[]>('trust.badges', { references })).toEqual(first);
      expect(proxy.count()).toBe(asked);

      await call('trust.publicKeys.add', {
        name: 'another.pub',
        pem: p256().publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      expect(await call<TrustBadge[]>('trust.badges', { references })).toEqual(first);
      expect(proxy.count()).toBeGreaterThan(asked);
    } finally {
      proxy.server.close();
    }
  });
});

describe('trust.sign', () => {
  it('signs with a password-sealed key of the store, and the badge shows it at once', async () => {
    const target = await image('sign');
    const reference = `${host}/${repo('sign')}:v1`;
    const before = await call<TrustBadge[]>('trust.badges', { references: [reference] });
    expect(before[0]).toMatchObject({ digest: target.digest, status: 'unsigned' });

    const view = await call<TrustSettingsView>('trust.signingKeys.generate', {
      name: 'mine',
      password: 'correct horse',
    });
    expect(view.signingKeys).toEqual([
      expect.objectContaining({ name: 'mine', origin: 'generated', protection: 'password' }),
    ]);
    const noPassword = await runTask(app, 'trust.sign', { reference, key: 'mine' });
    expect(noPassword.final).toMatchObject({ state: 'failed', error: { code: 'KEY_PASSWORD_REQUIRED' } });
    const wrong = await runTask(app, 'trust.sign', { reference, key: 'mine', password: 'wrong' });
    expect(wrong.final).toMatchObject({ state: 'failed', error: { code: 'KEY_PASSWORD_WRONG' } });

    const { final } = await runTask(app, 'trust.sign', { reference, key: 'mine', password: 'correct horse' });
    expect(final.state).toBe('succeeded');
    expect(final.title).toBe(`Sign ${reference}`);
    expect(final.result as SignOutcome).toEqual({
      reference,
      digest: target.digest,
      tag: `sha256-${target.digest.slice(7)}.sig`,
      manifestDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      added: true,
    });
    expect(await call<TrustBadge[]>('trust.badges', { references: [reference] })).toEqual([
      { reference, digest: target.digest, status: 'verified', kinds: ['cosign'] },
    ]);
    const report = await inspect(reference);
    expect(report.signatures).toEqual([
      expect.objectContaining({ signer: 'mine', verified: true, reason: 'key mine' }),
    ]);

    const again = await runTask(app, 'trust.sign', { reference, key: 'mine', password: 'correct horse' });
    expect(again.final.result).toMatchObject({ added: false });
    const pem = await call<string>('trust.signingKeys.publicPem', { name: 'mine' });
    expect(parsePublicKey(pem, 'mine').keyId).toBe(report.signatures[0]?.keyId);
  });
});

describe('trust settings procedures', () => {
  it('lists what was added, refuses what does not parse, and says what is not there', async () => {
    const view = await call<TrustSettingsView>('trust.settings', {});
    expect(view.publicKeys.map((key) => key.name)).toEqual(['release.pub', 'another.pub']);
    expect(view.notaryServers).toEqual([
      expect.objectContaining({ registry: 'docker.io', source: 'docker-hub' }),
    ]);
    expect(await app.dispatch('trust.publicKeys.add', { name: 'bad.pub', pem: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'KEY_INVALID' },
    });
    expect(await app.dispatch('trust.pins.remove', { gun: `${host}/never-pinned` })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const set = await call<TrustSettingsView>('trust.notaryServers.set', {
      registry: 'registry.example:5000',
      url: 'https://127.0.0.1:4443',
      caPem: chain.root.pem,
    });
    expect(set.notaryServers[0]).toEqual({
      registry: 'registry.example:5000',
      url: 'https://127.0.0.1:4443',
      hasCa: true,
      source: 'setting',
    });
    const removed = await call<TrustSettingsView>('trust.publicKeys.remove', { name: 'another.pub' });
    expect(removed.publicKeys.map((key) => key.name)).toEqual(['release.pub']);
    expect(await app.dispatch('trust.publicKeys.remove', { name: 'another.pub' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
