import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AppSettings,
  appSettingsFile,
  appSettingsSchema,
  defaultAppSettings,
} from '../../src-main/core/settings/schema.js';
import { SettingsStore } from '../../src-main/core/settings/store.js';
import { parsePublicKey } from '../../src-main/core/trust/keys/public-key.js';
import { trustMaterial } from '../../src-main/core/trust/trust-material.js';
import { TrustSettingsEditor, trustSettingsView } from '../../src-main/core/trust/trust-settings.js';
import { failure } from '../support/failure.js';
import { notationChain, p256 } from '../support/trust-certificates.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/trust', name), 'utf8');
const cosignPub = fixture('cosign.pub');

let dir: string;
let file: string;
const open = () => SettingsStore.open<AppSettings>(file, appSettingsSchema, defaultAppSettings);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-trust-settings-'));
  file = appSettingsFile(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the trust section of settings.json', () => {
  it('loads a settings file written before trust existed, with nothing trusted', async () => {
    await writeFile(file, JSON.stringify({ version: 1, engines: [], registries: [], theme: 'dark' }));
    const store = await open();
    expect(store.movedAside).toBeUndefined();
    expect(store.get().theme).toBe('dark');
    expect(store.get().trust).toEqual({ publicKeys: [], trustStores: [], notaryServers: [] });
  });

  it('keeps keys, trust stores, a notary server and a Sigstore root, each parsed first', async () => {
    const store = await open();
    const editor = new TrustSettingsEditor(store);
    const { root } = notationChain();
    await editor.addPublicKey('cosign.pub', cosignPub);
    await editor.addTrustStore('acme-ca', root.pem);
    await editor.setNotaryServer('notary.example:4443', 'https://notary.example:4443/', root.pem);
    const saved = (await open()).get().trust;
    expect(saved.publicKeys).toEqual([{ name: 'cosign.pub', pem: parsePublicKey(cosignPub, 'x').pem }]);
    expect(saved.trustStores).toEqual([{ name: 'acme-ca', pem: root.pem.trim() }]);
    expect(saved.notaryServers).toEqual([
      { registry: 'notary.example:4443', url: 'https://notary.example:4443', caPem: root.pem.trim() },
    ]);

    expect(await failure(editor.addPublicKey('cosign.pub', cosignPub))).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(editor.addPublicKey('bad', 'not a key'))).toMatchObject({ code: 'KEY_INVALID' });
    expect(await failure(editor.addTrustStore('bad', cosignPub))).toMatchObject({
      code: 'CERTIFICATE_INVALID',
    });
    expect(await failure(editor.setSigstoreRoot({ name: 'root.json', json: '{}' }))).toMatchObject({
      code: 'TRUST_ROOT_INVALID',
    });
    expect(await failure(editor.setNotaryServer('reg.example', 'http://notary.example'))).toMatchObject({
      code: 'DCT_CONFIG_INVALID',
      message: expect.stringContaining('must be an https:// URL'),
    });
    expect(await failure(editor.removeTrustStore('nope'))).toMatchObject({ code: 'NOT_FOUND' });

    await editor.removePublicKey('cosign.pub');
    await editor.removeNotaryServer('notary.example:4443');
    expect((await open()).get().trust).toMatchObject({ publicKeys: [], notaryServers: [] });
  });
});

describe('trustMaterial', () => {
  it("parses the settings and the signing keys' public halves; a changed setting is a new version", async () => {
    const store = await open();
    const editor = new TrustSettingsEditor(store);
    await editor.addPublicKey('cosign.pub', cosignPub);
    const mine = parsePublicKey(p256().publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'mine');
    const first = trustMaterial(store.get().trust, [{ name: 'mine', publicKeyPem: mine.pem }]);
    expect(first.keys.map((key) => [key.name, key.keyId])).toEqual([
      ['cosign.pub', parsePublicKey(cosignPub, 'x').keyId],
      ['mine', mine.keyId],
    ]);
    expect(first.notices).toEqual([]);
    const { root } = notationChain();
    await editor.addTrustStore('acme-ca', root.pem);
    const second = trustMaterial(store.get().trust, [{ name: 'mine', publicKeyPem: mine.pem }]);
    expect(second.version).not.toBe(first.version);
    expect(second.trustStores.map((s) => s.name)).toEqual(['acme-ca']);
  });

  it('leaves out an entry edited by hand into something unreadable, and says so', () => {
    const material = trustMaterial({
      publicKeys: [{ name: 'broken.pub', pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }],
      trustStores: [],
      notaryServers: [],
    });
    expect(material.keys).toEqual([]);
    expect(material.notices).toEqual([
      {
        code: 'TRUST_SETTING_UNREADABLE',
        message: expect.stringMatching(
          /^The public key broken\.pub cannot be used: .* Remove it in Settings → Trust/,
        ),
      },
    ]);
  });
});

describe('trustSettingsView', () => {
  const empty = { publicKeys: [], trustStores: [], notaryServers: [] };

  it("lists Docker Hub's notary as retiring, unless DOCKER_CONTENT_TRUST_SERVER replaces it", () => {
    const view = trustSettingsView({ trust: empty, env: {}, signingKeys: [], pins: [] });
    expect(view.notaryServers).toEqual([
      {
        registry: 'docker.io',
        url: 'https://notary.docker.io',
        hasCa: false,
        source: 'docker-hub',
        retiring: expect.stringContaining('shuts down on 2026-12-08: sign images with cosign or Notation'),
      },
    ]);
    const fromEnv = trustSettingsView({
      trust: empty,
      env: { DOCKER_CONTENT_TRUST_SERVER: 'https://notary.internal' },
      signingKeys: [],
      pins: [],
    });
    expect(fromEnv.notaryServers).toEqual([
      { registry: '*', url: 'https://notary.internal', hasCa: false, source: 'env' },
    ]);
  });

  it('shows keys by id and algorithm, certificates by subject and expiry, pins and signing keys, no secret', () => {
    const { root } = notationChain();
    const view = trustSettingsView({
      trust: {
        ...empty,
        publicKeys: [{ name: 'cosign.pub', pem: cosignPub }],
        trustStores: [{ name: 'acme', pem: root.pem }],
      },
      env: {},
      signingKeys: [
        {
          name: 'release',
          keyId: 'abc',
          algorithm: 'ecdsa-p256',
          publicKeyPem: 'PEM',
          createdAt: '2026-01-01T00:00:00.000Z',
          origin: 'generated',
          protection: 'password',
        },
      ],
      pins: [
        {
          gun: 'reg.example/app',
          root: '{}',
          rootVersion: 2,
          rootKeyIds: ['k1'],
          versions: {},
          server: 'https://notary.example',
          pinnedAt: '2026-01-02T00:00:00.000Z',
          updatedAt: '2026-01-03T00:00:00.000Z',
        },
      ],
    });
    expect(view.publicKeys).toEqual([
      { name: 'cosign.pub', keyId: parsePublicKey(cosignPub, 'x').keyId, algorithm: 'ecdsa-p256' },
    ]);
    expect(view.trustStores).toEqual([
      {
        name: 'acme',
        certificates: [
          {
            subject: 'O=stevedore-tests, CN=Stevedore Test Root CA',
            notAfter: new Date(root.x509.validTo).toISOString(),
          },
        ],
      },
    ]);
    expect(view.pinnedRoots).toEqual([
      { gun: 'reg.example/app', rootKeyIds: ['k1'], version: 2, pinnedAt: '2026-01-02T00:00:00.000Z' },
    ]);
    expect(view.signingKeys).toEqual([
      {
        name: 'release',
        keyId: 'abc',
        createdAt: '2026-01-01T00:00:00.000Z',
        origin: 'generated',
        protection: 'password',
      },
    ]);
    expect(JSON.stringify(view)).not.toContain('PEM');
  });
});
