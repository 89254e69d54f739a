import { createHash } from 'node:crypto';
import type { TrustSettings } from '../settings/schema.js';
import { type CosignTrustRoot, parseTrustRoot } from './cosign/trust-root.js';
import type { SigningKeyInfo } from './keys/key-store.js';
import { parsePublicKey, type TrustedKey } from './keys/public-key.js';
import type { NotaryServerSetting } from './notary/server.js';
import { type NotationTrustStore, trustStoreFromPem } from './notation/trust-store.js';
import type { TrustNotice } from './types.js';

/**
 * What signatures are verified against, parsed from the trust settings: cosign public keys (the
 * user's imported ones and the public halves of their own signing keys, so what they sign
 * verifies), Notation trust stores, a Sigstore root, and the notary servers per registry.
 */
export interface TrustMaterial {
  keys: TrustedKey[];
  trustStores: NotationTrustStore[];
  trustRoot?: CosignTrustRoot;
  notaryServers: NotaryServerSetting[];
  /** Changes whenever any of the above changes: badges cached under another version are stale. */
  version: string;
  /** Entries that no longer parse (a settings file edited by hand): left out, and said. */
  notices: TrustNotice[];
}

/** Parsed material, reused while the settings it came from are unchanged (parsing certificates is not free). */
let last: { source: string; material: TrustMaterial } | undefined;

export function trustMaterial(
  settings: TrustSettings,
  signingKeys: readonly Pick<SigningKeyInfo, 'name' | 'publicKeyPem'>[] = [],
): TrustMaterial {
  const source = JSON.stringify([settings, signingKeys.map((key) => [key.name, key.publicKeyPem])]);
  if (last?.source === source) return last.material;
  const notices: TrustNotice[] = [];
  const keep = <T>(what: string, parse: () => T): T[] => {
    try {
      return [parse()];
    } catch (error) {
      notices.push({
        code: 'TRUST_SETTING_UNREADABLE',
        message: `${what} cannot be used: ${(error as Error).message} Remove it in Settings → Trust and add it again.`,
      });
      return [];
    }
  };
  const keys = [
    ...settings.publicKeys.flatMap((entry) =>
      keep(`The public key ${entry.name}`, () => parsePublicKey(entry.pem, entry.name)),
    ),
    ...signingKeys.flatMap((entry) =>
      keep(`The signing key ${entry.name}`, () => parsePublicKey(entry.publicKeyPem, entry.name)),
    ),
  ];
  const trustStores = settings.trustStores.flatMap((entry) =>
    keep(`The trust store ${entry.name}`, () => trustStoreFromPem(entry.name, entry.pem)),
  );
  const root = settings.sigstoreRoot;
  const [trustRoot] = root
    ? keep(`The Sigstore trusted root ${root.name}`, () => parseTrustRoot(root.json, root.name))
    : [];
  const material: TrustMaterial = {
    keys,
    trustStores,
    ...(trustRoot ? { trustRoot } : {}),
    notaryServers: settings.notaryServers,
    version: createHash('sha256').update(source).digest('hex').slice(0, 16),
    notices,
  };
  last = { source, material };
  return material;
}
