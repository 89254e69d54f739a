import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { TrustMaterialError } from '../errors.js';
import { pemBlocks, toPem } from './pem.js';
import { readCertificate } from './x509.js';

export type KeyAlgorithm = 'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-p521' | 'rsa' | 'ed25519';

/** A public key the user trusts, under the name they know it by (`cosign.pub`, `release-key`). */
export interface TrustedKey {
  name: string;
  key: KeyObject;
  algorithm: KeyAlgorithm;
  /** sha256 of the SubjectPublicKeyInfo DER, lowercase hex. */
  keyId: string;
  /** PKIX (`BEGIN PUBLIC KEY`), as cosign writes `cosign.pub`. */
  pem: string;
}

/**
 * Reads a public key: a `PUBLIC KEY` block (cosign.pub, openssl), an `RSA PUBLIC KEY` block, or a
 * certificate (its key). KEY_INVALID when there is none; KEY_UNSUPPORTED for other kinds of key.
 */
export function parsePublicKey(text: string, name: string): TrustedKey {
  const block = pemBlocks(text).find((b) =>
    ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'].includes(b.label),
  );
  if (!block) {
    throw new TrustMaterialError(
      'KEY_INVALID',
      `${name} holds no public key: expected a "BEGIN PUBLIC KEY" block, as in cosign.pub.`,
    );
  }
  let key: KeyObject;
  try {
    key =
      block.label === 'CERTIFICATE'
        ? readCertificate(block.der).x509.publicKey
        : createPublicKey({ key: block.text, format: 'pem' });
  } catch (error) {
    throw new TrustMaterialError(
      'KEY_INVALID',
      `${name} is not a readable public key: ${(error as Error).message}`,
    );
  }
  return trustedKey(key, name);
}

/** Names a public KeyObject; KEY_UNSUPPORTED for DSA, X25519 and other keys nothing signs images with. */
export function trustedKey(key: KeyObject, name: string): TrustedKey {
  if (key.type !== 'public') throw new TrustMaterialError('KEY_INVALID', `${name} is not a public key.`);
  const der = key.export({ type: 'spki', format: 'der' });
  return {
    name,
    key,
    algorithm: keyAlgorithm(key, name),
    keyId: createHash('sha256').update(der).digest('hex'),
    pem: toPem('PUBLIC KEY', der),
  };
}

export function keyAlgorithm(key: KeyObject, name: string): KeyAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return 'rsa';
  if (type === 'ed25519') return 'ed25519';
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ecdsa-p256';
    if (curve === 'secp384r1') return 'ecdsa-p384';
    if (curve === 'secp521r1') return 'ecdsa-p521';
  }
  throw new TrustMaterialError(
    'KEY_UNSUPPORTED',
    `${name} is a ${type ?? 'unknown'} key; cosign keys are ECDSA (P-256, P-384, P-521), RSA or Ed25519.`,
  );
}

/** Sigstore's key hint (the bundle's `publicKey.hint`): base64 of the sha256 of the SPKI DER. */
export function keyHint(key: TrustedKey): string {
  return Buffer.from(key.keyId, 'hex').toString('base64');
}

/**
 * Whether `signature` is `key`'s signature over `data`, as cosign checks it: SHA-256 for ECDSA
 * (ASN.1 DER signatures) and RSA (PKCS #1 v1.5), pure Ed25519. A malformed signature is false.
 */
export function verifyWithKey(key: TrustedKey, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(key.algorithm === 'ed25519' ? null : 'sha256', data, key.key, signature);
  } catch {
    return false;
  }
}
