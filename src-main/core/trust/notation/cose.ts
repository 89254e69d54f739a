import { constants, type KeyObject, verify } from 'node:crypto';
import { CborTag, type CborValue, decodeCbor, encodeCbor } from './cbor.js';
import {
  AUTHENTIC_SIGNING_TIME,
  COSE_ALGORITHMS,
  EXPIRY,
  type NotationEnvelope,
  SIGNING_AGENT,
  SIGNING_SCHEME,
  SIGNING_TIME,
} from './envelope.js';

const COSE_SIGN1_TAG = 18;
const LABEL = { alg: 1, crit: 2, contentType: 3, x5chain: 33 } as const;

/**
 * A Notation COSE envelope (`application/cose`): a tagged COSE_Sign1 whose protected header
 * holds the algorithm, the critical headers, the signing scheme and times (CBOR epoch dates,
 * tag 1), and whose unprotected header holds the certificate chain (`x5chain`, label 33). The
 * signature covers the Sig_structure `["Signature1", protected, h'', payload]`.
 */
export function parseCose(bytes: Buffer): NotationEnvelope {
  const top = decodeCbor(bytes);
  if (
    !(top instanceof CborTag) ||
    top.tag !== COSE_SIGN1_TAG ||
    !Array.isArray(top.value) ||
    top.value.length !== 4
  ) {
    throw new Error('it is not a tagged COSE_Sign1 structure');
  }
  const [protectedBytes, unprotected, payload, signature] = top.value;
  if (!Buffer.isBuffer(protectedBytes) || !Buffer.isBuffer(payload) || !Buffer.isBuffer(signature)) {
    throw new Error('its protected header, payload or signature is not a byte string');
  }
  if (!(unprotected instanceof Map)) throw new Error('its unprotected header is not a map');
  const headers = protectedBytes.length === 0 ? new Map<CborValue, CborValue>() : decodeCbor(protectedBytes);
  if (!(headers instanceof Map)) throw new Error('its protected header is not a map');
  const algNumber = headers.get(LABEL.alg);
  const algorithm = typeof algNumber === 'number' ? COSE_ALGORITHMS[algNumber] : undefined;
  if (!algorithm) throw new Error(`its algorithm ${String(algNumber)} is not one Notation allows`);
  const crit = headers.get(LABEL.crit);
  const chain = headers.get(LABEL.x5chain) ?? unprotected.get(LABEL.x5chain);
  const certificates = Buffer.isBuffer(chain)
    ? [chain]
    : Array.isArray(chain)
      ? chain.filter(Buffer.isBuffer)
      : [];
  if (certificates.length === 0) throw new Error('it carries no certificate chain (x5chain)');
  const toBeSigned = encodeCbor(['Signature1', protectedBytes, Buffer.alloc(0), payload]);
  const agent = unprotected.get(SIGNING_AGENT);
  const contentType = headers.get(LABEL.contentType);
  return {
    format: 'cose',
    algorithm,
    contentType: typeof contentType === 'string' ? contentType : null,
    signingScheme: text(headers.get(SIGNING_SCHEME)),
    signingTime: epoch(headers.get(SIGNING_TIME)),
    authenticSigningTime: epoch(headers.get(AUTHENTIC_SIGNING_TIME)),
    expiry: epoch(headers.get(EXPIRY)),
    critical: Array.isArray(crit) ? crit.map((c) => String(c)) : [],
    signingAgent: text(agent),
    payload,
    certificates,
    verify: async (key: KeyObject) => verifyCose(algorithm, toBeSigned, signature, key),
  };
}

function verifyCose(algorithm: string, data: Buffer, signature: Buffer, key: KeyObject): boolean {
  const hash = `sha${algorithm.slice(2)}`;
  try {
    if (algorithm.startsWith('ES')) return verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    return verify(
      hash,
      data,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(algorithm.slice(2)) / 8 },
      signature,
    );
  } catch {
    return false;
  }
}

function text(value: CborValue): string | null {
  return typeof value === 'string' ? value : null;
}

/** An RFC 8949 epoch date: tag 1 around seconds (integer or float). */
function epoch(value: CborValue): Date | null {
  if (value === undefined) return null;
  const seconds = value instanceof CborTag && value.tag === 1 ? value.value : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds))
    throw new Error('a time header is not an epoch date');
  return new Date(seconds * 1000);
}
