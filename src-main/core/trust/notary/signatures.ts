import { constants, verify } from 'node:crypto';
import type { VerificationKey } from './keys.js';
import type { TufSignature } from './metadata.js';
import { CanonicalJsonError, notaryCanonicalJson } from './notary-canonical-json.js';

/** Notary refuses RSA keys under 2048 bits (tuf/signed/verifiers.go). */
const MIN_RSA_BITS = 2048;

/** What a role needs to be trusted: the keys it may sign with and how many must sign. */
export interface RoleKeySet {
  name: string;
  keys: ReadonlyMap<string, VerificationKey>;
  threshold: number;
  /** Keys the role lists that cannot be used, and why (an altered key, an unknown type). */
  unusable?: ReadonlyMap<string, string>;
}

export interface ThresholdResult {
  ok: boolean;
  /** Ids of the role's keys whose signature verified, in signature order, each once. */
  validKeyIds: string[];
  /** Why each other signature did not count. */
  rejected: Array<{ keyId: string; reason: string }>;
}

/**
 * Checks the signatures over the canonical JSON of `rawSigned` as notary does
 * (tuf/signed/verify.go `VerifySignatures`): only keys of the role count, each key once, and at
 * least `threshold` must verify.
 */
export function checkThreshold(
  rawSigned: unknown,
  signatures: TufSignature[],
  role: RoleKeySet,
): ThresholdResult {
  const rejected: ThresholdResult['rejected'] = [];
  if (role.threshold < 1) return { ok: false, validKeyIds: [], rejected };
  let message: Buffer;
  try {
    message = Buffer.from(notaryCanonicalJson(rawSigned), 'utf8');
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    rejected.push({ keyId: '', reason: `the metadata cannot be put in canonical form (${error.message})` });
    return { ok: false, validKeyIds: [], rejected };
  }
  const valid = new Set<string>();
  for (const signature of signatures) {
    if (valid.has(signature.keyid)) continue;
    const key = role.keys.get(signature.keyid);
    if (!key) {
      const reason = role.unusable?.get(signature.keyid) ?? `the key is not one of the ${role.name} keys`;
      rejected.push({ keyId: signature.keyid, reason });
      continue;
    }
    const problem = verifySignature(message, signature, key);
    if (problem === null) valid.add(signature.keyid);
    else rejected.push({ keyId: signature.keyid, reason: problem });
  }
  return { ok: valid.size >= role.threshold, validKeyIds: [...valid], rejected };
}

/** Null if `signature` verifies `message` with `key`; otherwise why not. */
export function verifySignature(
  message: Buffer,
  signature: TufSignature,
  key: VerificationKey,
): string | null {
  const sig = Buffer.from(signature.sig, 'base64');
  if (sig.length === 0) return 'the signature is empty';
  try {
    switch (signature.method) {
      case 'ecdsa':
        if (key.publicKey.asymmetricKeyType !== 'ec') return wrongKey(signature.method, key);
        return verifyEcdsa(message, sig, key) ? null : 'the signature does not match';
      case 'rsapss':
      case 'rsapkcs1v15': {
        if (key.publicKey.asymmetricKeyType !== 'rsa') return wrongKey(signature.method, key);
        const bits = key.publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
        if (bits < MIN_RSA_BITS) return `the RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`;
        const padding =
          signature.method === 'rsapss'
            ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
            : { padding: constants.RSA_PKCS1_PADDING };
        return verify('sha256', message, { key: key.publicKey, ...padding }, sig)
          ? null
          : 'the signature does not match';
      }
      case 'eddsa':
        if (key.keyType !== 'ed25519') return wrongKey(signature.method, key);
        return verify(null, message, key.publicKey, sig) ? null : 'the signature does not match';
      default:
        return `the signature method "${signature.method.slice(0, 40)}" is not supported`;
    }
  } catch (error) {
    return `the signature cannot be checked (${(error as Error).message})`;
  }
}

/**
 * ECDSA over SHA-256 whatever the curve. Notary writes raw r‖s; it also accepts ASN.1 DER, so we
 * try the encoding the length suggests, then the other.
 */
function verifyEcdsa(message: Buffer, sig: Buffer, key: VerificationKey): boolean {
  const curveBytes = Math.ceil(curveBits(key) / 8);
  const encodings: Array<'ieee-p1363' | 'der'> =
    sig.length === 2 * curveBytes ? ['ieee-p1363', 'der'] : ['der'];
  for (const dsaEncoding of encodings) {
    try {
      if (verify('sha256', message, { key: key.publicKey, dsaEncoding }, sig)) return true;
    } catch {
      // Not this encoding.
    }
  }
  return false;
}

function curveBits(key: VerificationKey): number {
  switch (key.publicKey.asymmetricKeyDetails?.namedCurve) {
    case 'secp384r1':
      return 384;
    case 'secp521r1':
      return 521;
    default:
      return 256;
  }
}

function wrongKey(method: string, key: VerificationKey): string {
  return `a ${method} signature cannot come from an ${key.keyType} key`;
}
