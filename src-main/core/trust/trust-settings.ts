import { registryHostKey } from '../credentials/index.js';
import { InvalidInputError, StevedoreError } from '../errors.js';
import type { AppSettings, TrustSettings } from '../settings/schema.js';
import type { SettingsStore } from '../settings/store.js';
import { parseTrustRoot } from './cosign/trust-root.js';
import type { SigningKeyInfo } from './keys/key-store.js';
import { parsePublicKey } from './keys/public-key.js';
import { readCertificates } from './keys/x509.js';
import type { DctPin } from './notary/pin-store.js';
import { DOCKER_HUB_NOTARY_SHUTDOWN, DOCKER_HUB_NOTARY_URL, notaryOrigin } from './notary/server.js';
import { trustStoreFromPem } from './notation/trust-store.js';
import type { TrustSettingsView } from './types.js';

/**
 * Changes to the trust part of settings.json. Each entry is parsed before it is kept (a key
 * that does not read is refused with the reason, never stored), and kept as the user gave it.
 */
export class TrustSettingsEditor {
  constructor(private readonly store: SettingsStore<AppSettings>) {}

  current(): TrustSettings {
    return this.store.get().trust;
  }

  async addPublicKey(name: string, pem: string): Promise<void> {
    // Kept as PKIX PEM, what cosign.pub holds, whatever form it came in (a certificate, RSA PUBLIC KEY).
    const key = parsePublicKey(pem, name);
    return this.edit((trust) => ({
      ...trust,
      publicKeys: [...unused(trust.publicKeys, name, 'public key'), { name, pem: key.pem }],
    }));
  }

  async removePublicKey(name: string): Promise<void> {
    return this.edit((trust) => ({ ...trust, publicKeys: without(trust.publicKeys, name, 'public key') }));
  }

  async addTrustStore(name: string, pem: string): Promise<void> {
    trustStoreFromPem(name, pem);
    return this.edit((trust) => ({
      ...trust,
      trustStores: [...unused(trust.trustStores, name, 'trust store'), { name, pem: pem.trim() }],
    }));
  }

  async removeTrustStore(name: string): Promise<void> {
    return this.edit((trust) => ({ ...trust, trustStores: without(trust.trustStores, name, 'trust store') }));
  }

  /** A Sigstore `trusted_root.json` for keyless cosign; null forgets it. */
  async setSigstoreRoot(root: { name: string; json: string } | null): Promise<void> {
    if (root) parseTrustRoot(root.json, root.name);
    return this.edit(({ sigstoreRoot: _old, ...trust }) => (root ? { ...trust, sigstoreRoot: root } : trust));
  }

  /** The notary server (and its CA) for a registry's Docker Content Trust data; replaces an earlier one. */
  async setNotaryServer(registryInput: string, url: string, caPem?: string): Promise<void> {
    const registry = registryHostKey(registryInput);
    const origin = notaryOrigin(url, 'setting');
    const ca = caPem?.trim() ? caPem.trim() : undefined;
    if (ca) {
      try {
        readCertificates(ca);
      } catch (error) {
        throw new InvalidInputError(
          `The CA of ${origin} is not a PEM certificate: ${(error as Error).message}`,
        );
      }
    }
    return this.edit((trust) => ({
      ...trust,
      notaryServers: [
        ...trust.notaryServers.filter((s) => s.registry !== registry),
        { registry, url: origin, ...(ca ? { caPem: ca } : {}) },
      ],
    }));
  }

  async removeNotaryServer(registryInput: string): Promise<void> {
    const registry = registryHostKey(registryInput);
    return this.edit((trust) => {
      if (!trust.notaryServers.some((s) => s.registry === registry)) {
        throw new StevedoreError('NOT_FOUND', `No notary server is set for ${registry}.`, { registry });
      }
      return { ...trust, notaryServers: trust.notaryServers.filter((s) => s.registry !== registry) };
    });
  }

  private async edit(change: (trust: TrustSettings) => TrustSettings): Promise<void> {
    await this.store.update((settings) => ({ ...settings, trust: change(settings.trust) }));
  }
}

/** The entries, when none is named `name` yet (CONFLICT otherwise: replacing trust silently is not done). */
function unused<T extends { name: string }>(entries: T[], name: string, what: string): T[] {
  if (entries.some((entry) => entry.name === name)) {
    throw new StevedoreError(
      'CONFLICT',
      `A ${what} named ${name} exists already: remove it first, or choose another name.`,
      { name },
    );
  }
  return entries;
}

function without<T extends { name: string }>(entries: T[], name: string, what: string): T[] {
  if (!entries.some((entry) => entry.name === name)) {
    throw new StevedoreError('NOT_FOUND', `There is no ${what} named ${name}.`, { name });
  }
  return entries.filter((entry) => entry.name !== name);
}

/**
 * What Settings → Trust shows. The notary servers are the user's, then the one every other
 * registry gets: DOCKER_CONTENT_TRUST_SERVER when set, else Docker Hub's (marked as retiring)
 * for docker.io; other registries default to their own host, as the docker CLI does.
 */
export function trustSettingsView(input: {
  trust: TrustSettings;
  env: NodeJS.ProcessEnv;
  signingKeys: SigningKeyInfo[];
  pins: DctPin[];
}): TrustSettingsView {
  const { trust, env } = input;
  const readable = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  const envServer = env.DOCKER_CONTENT_TRUST_SERVER?.trim();
  const notaryServers: TrustSettingsView['notaryServers'] = trust.notaryServers.map((s) => ({
    registry: s.registry,
    url: s.url,
    hasCa: s.caPem !== undefined,
    source: 'setting',
  }));
  if (envServer) notaryServers.push({ registry: '*', url: envServer, hasCa: false, source: 'env' });
  else if (!trust.notaryServers.some((s) => s.registry === 'docker.io')) {
    notaryServers.push({
      registry: 'docker.io',
      url: DOCKER_HUB_NOTARY_URL,
      hasCa: false,
      source: 'docker-hub',
      retiring: `Docker Hub's notary service (Docker Content Trust) shuts down on ${DOCKER_HUB_NOTARY_SHUTDOWN}: sign images with cosign or Notation instead.`,
    });
  }
  return {
    publicKeys: trust.publicKeys.map((entry) =>
      readable(
        () => {
          const key = parsePublicKey(entry.pem, entry.name);
          return { name: entry.name, keyId: key.keyId, algorithm: key.algorithm };
        },
        { name: entry.name, keyId: '', algorithm: 'unreadable' },
      ),
    ),
    trustStores: trust.trustStores.map((entry) => ({
      name: entry.name,
      certificates: readable(
        () =>
          readCertificates(entry.pem).map((c) => ({
            subject: c.subject,
            notAfter: c.notAfter.toISOString(),
          })),
        [],
      ),
    })),
    sigstoreRoot: trust.sigstoreRoot ? { name: trust.sigstoreRoot.name } : null,
    notaryServers,
    pinnedRoots: input.pins.map((pin) => ({
      gun: pin.gun,
      rootKeyIds: pin.rootKeyIds,
      version: pin.rootVersion,
      pinnedAt: pin.pinnedAt,
    })),
    signingKeys: input.signingKeys.map((key) => ({
      name: key.name,
      keyId: key.keyId,
      createdAt: key.createdAt,
      origin: key.origin,
      protection: key.protection,
    })),
  };
}
