import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DctPinStore,
  type DctResult,
  type DctVerified,
  keyId,
  type MetadataSource,
  NotaryError,
  type NotaryServer,
  notaryCanonicalJson,
  verifyDct,
} from '../../src-main/core/trust/notary/index.js';
import { selfSignedCertificate } from './certificates.js';

/**
 * Test material for the DCT verifier: the real sample metadata, a metadata source that serves
 * files from memory (to serve tampered copies; no real server can serve tampered data), and a
 * builder that writes and signs notary metadata from the specification with keys of its own,
 * for the cases the docker CLI cannot produce (thresholds above 1, other key types, nested
 * delegations, expired delegations).
 */

/** The real metadata of 127.0.0.1:5001/demo (see sample-metadata.json), by notary's file name. */
export function sampleFiles(): Record<string, Buffer> {
  const doc = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/notary/sample-metadata.json'), 'utf8'),
  ) as {
    files: Record<string, string>;
  };
  return Object.fromEntries(
    Object.entries(doc.files).map(([name, text]) => [name, Buffer.from(text, 'utf8')]),
  );
}

/** What `docker trust inspect` printed for the sample. */
export function sampleDockerTrustInspect(): unknown {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/notary/sample-docker-trust-inspect.json'), 'utf8'),
  );
}

/** A fake notary server in memory: `name.<sha256 hex>` finds `name` when its hash matches, as notary serves it. */
export class FakeMetadataSource implements MetadataSource {
  readonly requested: string[] = [];
  constructor(
    public files: Record<string, Buffer>,
    readonly label = 'https://fake-notary.invalid',
  ) {}

  async fetch(name: string, maxBytes: number): Promise<Buffer | null> {
    this.requested.push(name);
    const hashed = /^(.+)\.([0-9a-f]{64})$/.exec(name);
    const bytes = this.files[hashed ? (hashed[1] as string) : name] ?? null;
    if (bytes === null) return null;
    if (hashed && createHash('sha256').update(bytes).digest('hex') !== hashed[2]) return null;
    // As the HTTP source: more than asked for is refused, not truncated.
    if (bytes.length > maxBytes)
      throw new NotaryError('DCT_TOO_LARGE', `${name} is larger than ${maxBytes} bytes`);
    return bytes;
  }
}

/** A key of the builder: its TUF form, id, and the private key that signs with it. */
export interface FakeKey {
  id: string;
  tuf: { keytype: string; keyval: { private: null; public: string } };
  privateKey: KeyObject;
  method: 'ecdsa' | 'rsapss' | 'eddsa';
}

export function fakeKey(type: 'ecdsa' | 'rsa' | 'ed25519' = 'ecdsa'): FakeKey {
  if (type === 'ed25519') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    return withId(
      { keytype: 'ed25519', keyval: { private: null, public: raw.toString('base64') } },
      privateKey,
      'eddsa',
    );
  }
  const { publicKey, privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return withId(
    { keytype: type, keyval: { private: null, public: spki } },
    privateKey,
    type === 'rsa' ? 'rsapss' : 'ecdsa',
  );
}

/** A root key as notary makes it: a self-signed certificate whose CN is the GUN (openssl, valid two days). */
export async function fakeRootKey(commonName: string): Promise<FakeKey> {
  // openssl's -subj separates fields with `/`: the GUN's slashes are escaped.
  const certificate = await selfSignedCertificate({ commonName: commonName.replaceAll('/', '\\/') });
  const tuf = {
    keytype: 'ecdsa-x509',
    keyval: { private: null, public: Buffer.from(certificate.certPem).toString('base64') },
  };
  return withId(tuf, createPrivateKey(certificate.keyPem), 'ecdsa');
}

function withId(tuf: FakeKey['tuf'], privateKey: KeyObject, method: FakeKey['method']): FakeKey {
  return { id: keyId(tuf), tuf, privateKey, method };
}

/** `{"signed":…,"signatures":[…]}` signed by `keys` over the canonical JSON, as notary signs. */
export function signEnvelope(body: object, keys: FakeKey[]): Buffer {
  const message = Buffer.from(notaryCanonicalJson(body), 'utf8');
  const signatures = keys.map((key) => {
    const options =
      key.method === 'ecdsa'
        ? { key: key.privateKey, dsaEncoding: 'ieee-p1363' as const }
        : key.method === 'rsapss'
          ? { key: key.privateKey, padding: 6, saltLength: 32 }
          : key.privateKey;
    const algorithm = key.method === 'eddsa' ? null : 'sha256';
    return { keyid: key.id, method: key.method, sig: sign(algorithm, message, options).toString('base64') };
  });
  return Buffer.from(JSON.stringify({ signed: body, signatures }), 'utf8');
}

export function fileMeta(bytes: Buffer): { hashes: { sha256: string; sha512: string }; length: number } {
  return {
    hashes: {
      sha256: createHash('sha256').update(bytes).digest('base64'),
      sha512: createHash('sha512').update(bytes).digest('base64'),
    },
    length: bytes.length,
  };
}

/** `sha256:<hex>` → a target entry as docker writes it. */
export function targetEntry(digest: string, length = 524): { hashes: { sha256: string }; length: number } {
  return {
    hashes: { sha256: Buffer.from(digest.replace(/^sha256:/, ''), 'hex').toString('base64') },
    length,
  };
}

/** A notary server nothing is ever asked of: the fake metadata source answers instead. */
export const FAKE_NOTARY_SERVER: NotaryServer = {
  url: 'https://fake-notary.invalid',
  source: 'argument',
  caDir: '/nonexistent',
};

/** Runs the real DCT verifier on `files`, served from memory as of `now`. */
export function verifyFakeDct(
  gun: string,
  files: Record<string, Buffer>,
  pins: DctPinStore,
  now: Date,
): Promise<DctResult> {
  return verifyDct({ gun, server: FAKE_NOTARY_SERVER, source: new FakeMetadataSource(files), pins, now });
}

/** The verified result; any other state fails the test, showing what it was. */
export function verifiedDct(result: DctResult): DctVerified {
  if (result.state !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(result)}`);
  return result;
}

/** The error of an invalid result; any other state fails the test. */
export function dctErrorOf(result: DctResult): { code: string; message: string } {
  if (result.state !== 'invalid') throw new Error(`expected invalid, got ${result.state}`);
  return result.error;
}
