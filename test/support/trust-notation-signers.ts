import { constants, type KeyObject, sign } from 'node:crypto';
import { pushBlob } from './registry-content.js';
import type { TestCertificate } from './trust-certificates.js';
import { pushReferrer, type Subject } from './trust-signers.js';

/**
 * Test code that writes Notation signatures from the Notary Project specification (JWS and COSE
 * envelopes, signature manifests as referrers), independently of src-main/core/trust/notation.
 */

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
export const NOTATION = 'application/vnd.cncf.notary.signature';
export const JWS = 'application/jose+json';
export const COSE = 'application/cose';

export interface NotationOptions {
  target: Subject;
  /** Leaf first; the leaf's private key signs. */
  chain: TestCertificate[];
  signingTime?: Date;
  expiry?: Date;
  /** Extra critical headers (a plugin's), to see them refused. */
  extraCritical?: string[];
  contentType?: string;
}

function notationPayload(target: Subject): Buffer {
  return Buffer.from(JSON.stringify({ targetArtifact: target }));
}

function algorithmOf(key: KeyObject): { jws: string; cose: number; hash: string } {
  if (key.asymmetricKeyType === 'rsa') return { jws: 'PS256', cose: -37, hash: 'sha256' };
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve === 'secp384r1') return { jws: 'ES384', cose: -35, hash: 'sha384' };
  return { jws: 'ES256', cose: -7, hash: 'sha256' };
}

/** Raw r||s for ECDSA (JWS and COSE), RSASSA-PSS with a salt the hash's length for RSA. */
function rawSign(hash: string, data: Buffer, key: KeyObject): Buffer {
  if (key.asymmetricKeyType === 'rsa') {
    return sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  }
  return sign(hash, data, { key, dsaEncoding: 'ieee-p1363' });
}

/** A Notation JWS envelope (JSON serialization, flattened), as notation-go writes it. */
export function notationJws(opts: NotationOptions): Buffer {
  const leaf = opts.chain[0]!;
  const alg = algorithmOf(leaf.privateKey);
  const header: Record<string, unknown> = {
    alg: alg.jws,
    cty: opts.contentType ?? 'application/vnd.cncf.notary.payload.v1+json',
    crit: [
      'io.cncf.notary.signingScheme',
      ...(opts.expiry ? ['io.cncf.notary.expiry'] : []),
      ...(opts.extraCritical ?? []),
    ],
    'io.cncf.notary.signingScheme': 'notary.x509',
    'io.cncf.notary.signingTime': (opts.signingTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (opts.expiry) header['io.cncf.notary.expiry'] = opts.expiry.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of opts.extraCritical ?? []) header[name] = 'plugin-value';
  const protectedPart = Buffer.from(JSON.stringify(header)).toString('base64url');
  const payload = notationPayload(opts.target).toString('base64url');
  const signature = rawSign(alg.hash, Buffer.from(`${protectedPart}.${payload}`), leaf.privateKey);
  return Buffer.from(
    JSON.stringify({
      payload,
      protected: protectedPart,
      header: {
        x5c: opts.chain.map((c) => c.der.toString('base64')),
        'io.cncf.notary.signingAgent': 'stevedore-tests/1.0',
      },
      signature: signature.toString('base64url'),
    }),
  );
}

/** Test-side CBOR encoder (RFC 8949), enough for COSE headers: ints, strings, bytes, arrays, maps, tags. */
type Cbor = number | string | Buffer | Cbor[] | Map<Cbor, Cbor> | { tag: number; value: Cbor };
function cbor(value: Cbor): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string')
    return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map)
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  return Buffer.concat([head(6, value.tag), cbor(value.value)]);
}

/** A Notation COSE envelope: COSE_Sign1_Tagged with the chain in x5chain (label 33). */
export function notationCose(opts: NotationOptions): Buffer {
  const leaf = opts.chain[0]!;
  const alg = algorithmOf(leaf.privateKey);
  const epoch = (date: Date) => ({ tag: 1, value: Math.floor(date.getTime() / 1000) });
  const headers = new Map<Cbor, Cbor>([
    [1, alg.cose],
    [
      2,
      [
        'io.cncf.notary.signingScheme',
        ...(opts.expiry ? ['io.cncf.notary.expiry'] : []),
        ...(opts.extraCritical ?? []),
      ],
    ],
    [3, opts.contentType ?? 'application/vnd.cncf.notary.payload.v1+json'],
    ['io.cncf.notary.signingScheme', 'notary.x509'],
    ['io.cncf.notary.signingTime', epoch(opts.signingTime ?? new Date())],
  ]);
  if (opts.expiry) headers.set('io.cncf.notary.expiry', epoch(opts.expiry));
  const protectedBytes = cbor(headers);
  const payload = notationPayload(opts.target);
  const toBeSigned = cbor(['Signature1', protectedBytes, Buffer.alloc(0), payload]);
  const signature = rawSign(alg.hash, toBeSigned, leaf.privateKey);
  const unprotected = new Map<Cbor, Cbor>([
    [33, opts.chain.map((c) => c.der)],
    ['io.cncf.notary.signingAgent', 'stevedore-tests/1.0'],
  ]);
  return cbor({ tag: 18, value: [protectedBytes, unprotected, payload, signature] });
}

/**
 * Pushes a Notation signature manifest as notation 1.x does (artifactType, empty config) or, with
 * `legacy`, as early releases did (no artifactType; the config's media type says it).
 */
export async function pushNotationSignature(
  registry: string,
  repo: string,
  subject: Subject,
  envelope: Buffer,
  mediaType: string,
  opts: { legacy?: boolean } = {},
) {
  const empty = Buffer.from('{}');
  const emptyDigest = await pushBlob(registry, repo, empty);
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    ...(opts.legacy ? {} : { artifactType: NOTATION }),
    config: opts.legacy
      ? { mediaType: NOTATION, digest: emptyDigest, size: 2 }
      : { mediaType: OCI_EMPTY, digest: emptyDigest, size: 2, data: 'e30=' },
    layers: [{ mediaType, digest: await pushBlob(registry, repo, envelope), size: envelope.length }],
    subject,
    annotations: { 'org.opencontainers.image.created': new Date().toISOString() },
  };
  return pushReferrer(registry, repo, subject, manifest, NOTATION);
}
