import { createHash, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import type { TufKey } from './metadata.js';
import { notaryCanonicalJson } from './notary-canonical-json.js';

/** The key types notary writes (tuf/data/keys.go). */
export type KeyType = 'ecdsa' | 'ecdsa-x509' | 'rsa' | 'rsa-x509' | 'ed25519';

const KEY_TYPES: ReadonlySet<string> = new Set(['ecdsa', 'ecdsa-x509', 'rsa', 'rsa-x509', 'ed25519']);

/** A public key from metadata, ready to check signatures with. */
export interface VerificationKey {
  /** The id metadata uses: sha256 of the key's canonical JSON. */
  id: string;
  keyType: KeyType;
  publicKey: KeyObject;
  /** For `*-x509` keys: the certificate that carries the key (the first one of the PEM). */
  certificate?: X509Certificate;
}

/** A key that cannot be used, and why (shown to the user, never thrown: other keys may still do). */
export interface UnusableKey {
  id: string;
  reason: string;
}

/**
 * The key id notary computes (`data.PublicKey.ID()`): sha256 of
 * `{"keytype":…,"keyval":{"private":null,"public":…}}` in canonical JSON, `public` as base64 of
 * its bytes.
 */
export function keyId(key: Pick<TufKey, 'keytype'> & { keyval: { public: string } }): string {
  const publicBase64 = Buffer.from(key.keyval.public, 'base64').toString('base64');
  const text = notaryCanonicalJson({ keytype: key.keytype, keyval: { private: null, public: publicBase64 } });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The id docker shows for signers (notary's `utils.CanonicalKeyID`): for a certificate, the id of
 * the bare public key inside it (`ecdsa` / `rsa`, PKIX DER); otherwise the key's own id.
 */
export function canonicalKeyId(key: VerificationKey): string {
  if (key.keyType !== 'ecdsa-x509' && key.keyType !== 'rsa-x509') return key.id;
  const spki = key.publicKey.export({ type: 'spki', format: 'der' });
  return keyId({
    keytype: key.keyType === 'ecdsa-x509' ? 'ecdsa' : 'rsa',
    keyval: { public: spki.toString('base64') },
  });
}

/**
 * Reads the keys of a metadata `keys` map. A key whose id does not match its content, or that does
 * not parse, is left out with its reason: it can then never count towards a threshold.
 */
export function readKeys(keys: Record<string, TufKey>): {
  keys: Map<string, VerificationKey>;
  unusable: UnusableKey[];
} {
  const usable = new Map<string, VerificationKey>();
  const unusable: UnusableKey[] = [];
  for (const [id, key] of Object.entries(keys)) {
    const result = readKey(id, key);
    if ('reason' in result) unusable.push(result);
    else usable.set(id, result);
  }
  return { keys: usable, unusable };
}

function readKey(id: string, key: TufKey): VerificationKey | UnusableKey {
  if (!KEY_TYPES.has(key.keytype))
    return { id, reason: `key type "${key.keytype.slice(0, 40)}" is not supported` };
  const keyType = key.keytype as KeyType;
  if (keyId(key) !== id) return { id, reason: 'its id is not the hash of the key (the key was altered)' };
  const bytes = Buffer.from(key.keyval.public, 'base64');
  try {
    switch (keyType) {
      case 'ecdsa':
      case 'rsa': {
        const publicKey = createPublicKey({ key: bytes, format: 'der', type: 'spki' });
        const expected = keyType === 'ecdsa' ? 'ec' : 'rsa';
        if (publicKey.asymmetricKeyType !== expected)
          return { id, reason: `the key is not an ${keyType} key` };
        return { id, keyType, publicKey };
      }
      case 'ed25519': {
        if (bytes.length !== 32) return { id, reason: 'an ed25519 key must be 32 bytes' };
        const publicKey = createPublicKey({
          key: { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') },
          format: 'jwk',
        });
        return { id, keyType, publicKey };
      }
      case 'ecdsa-x509':
      case 'rsa-x509': {
        const certificate = new X509Certificate(firstPem(bytes.toString('utf8')));
        const expected = keyType === 'ecdsa-x509' ? 'ec' : 'rsa';
        if (certificate.publicKey.asymmetricKeyType !== expected)
          return { id, reason: `the certificate does not hold an ${expected.toUpperCase()} key` };
        return { id, keyType, publicKey: certificate.publicKey, certificate };
      }
    }
  } catch (error) {
    return { id, reason: `the key does not parse (${(error as Error).message})` };
  }
}

/** The first certificate of a PEM bundle: notary reads the leaf only (`LoadCertFromPEM`). */
function firstPem(text: string): string {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text);
  if (!match) throw new Error('no PEM certificate');
  return match[0];
}

/** The certificate's subject common name (`CN=`), as notary compares it with the GUN. */
export function commonName(certificate: X509Certificate): string | undefined {
  for (const line of certificate.subject.split('\n')) {
    if (line.startsWith('CN=')) return line.slice(3);
  }
  return undefined;
}
