import { createHash, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { addToReferrersIndex, type PushedManifest, pushBlob, pushJson, sha256 } from './registry-content.js';
import type { TestCertificate } from './trust-certificates.js';

/**
 * Test code that writes signatures the way cosign does, from its formats (and the real samples in
 * test/fixtures/trust): classic `.sig` manifests (key-based and keyless with a Rekor entry),
 * cosign 3 Sigstore bundles as referrers, and a Sigstore trusted root. It shares no code with the
 * verifiers in src-main/core/trust, so a misreading of a format shows as a failure. Notation's
 * envelopes are in trust-notation-signers.ts.
 */

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
const SIMPLESIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

export interface Subject {
  digest: string;
  mediaType: string;
  size: number;
}

/** cosign's simple-signing payload for `digest`. */
export function cosignPayload(
  dockerReference: string,
  digest: string,
  type = 'cosign container image signature',
): Buffer {
  return Buffer.from(
    `{"critical":{"identity":{"docker-reference":"${dockerReference}"},"image":{"docker-manifest-digest":"${digest}"},"type":"${type}"},"optional":null}`,
  );
}

/** ECDSA (ASN.1 DER) / RSA PKCS#1 / Ed25519 signature over the exact bytes, base64: cosign's annotation. */
export function cosignSign(bytes: Buffer, key: KeyObject): string {
  return sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', bytes, key).toString('base64');
}

export interface ClassicLayer {
  payload: Buffer;
  annotations: Record<string, string>;
}

/** A key-based classic signature layer. */
export function classicLayer(payload: Buffer, key: KeyObject): ClassicLayer {
  return { payload, annotations: { 'dev.cosignproject.cosign/signature': cosignSign(payload, key) } };
}

/** A keyless classic layer: the Fulcio certificate, its chain and (optionally) a Rekor bundle. */
export function keylessLayer(
  payload: Buffer,
  leaf: TestCertificate,
  chain: TestCertificate[],
  rekor?: { key: KeyObject; integratedTime: number; logIndex?: number },
): ClassicLayer {
  const signature = cosignSign(payload, leaf.privateKey);
  const annotations: Record<string, string> = {
    'dev.cosignproject.cosign/signature': signature,
    'dev.sigstore.cosign/certificate': leaf.pem,
    'dev.sigstore.cosign/chain': chain.map((c) => c.pem).join(''),
  };
  if (rekor) {
    const body = Buffer.from(
      JSON.stringify({
        apiVersion: '0.0.1',
        kind: 'hashedrekord',
        spec: {
          data: { hash: { algorithm: 'sha256', value: sha256(payload).slice(7) } },
          signature: { content: signature, publicKey: { content: Buffer.from(leaf.pem).toString('base64') } },
        },
      }),
    );
    const entry = {
      body: body.toString('base64'),
      integratedTime: rekor.integratedTime,
      logID: logId(rekor.key),
      logIndex: rekor.logIndex ?? 1,
    };
    annotations['dev.sigstore.cosign/bundle'] = JSON.stringify({
      SignedEntryTimestamp: signedEntryTimestamp(entry, rekor.key),
      Payload: entry,
    });
  }
  return { payload, annotations };
}

/** Rekor's log id: sha256 of its key's SPKI, hex. */
export function logId(key: KeyObject): string {
  return createHash('sha256').update(publicSpki(key)).digest('hex');
}

function publicSpki(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

/** The SET: the log's signature over the canonical JSON of the entry (keys sorted, no spaces). */
function signedEntryTimestamp(
  entry: { body: string; integratedTime: number; logID: string; logIndex: number },
  key: KeyObject,
): string {
  const canonical = `{"body":"${entry.body}","integratedTime":${entry.integratedTime},"logID":"${entry.logID}","logIndex":${entry.logIndex}}`;
  return sign('sha256', Buffer.from(canonical), key).toString('base64');
}

/**
 * Pushes classic signatures of `subjectDigest` under `sha256-<hex>.sig` as cosign does: payload
 * blobs, a go-containerregistry config (created 0001-01-01, one history entry per layer), an OCI
 * manifest of simple-signing layers with the annotations.
 */
export async function pushClassicSignatures(
  registry: string,
  repo: string,
  subjectDigest: string,
  layers: ClassicLayer[],
): Promise<PushedManifest> {
  const descriptors = [];
  for (const layer of layers) {
    descriptors.push({
      mediaType: SIMPLESIGNING,
      digest: await pushBlob(registry, repo, layer.payload),
      size: layer.payload.length,
      annotations: layer.annotations,
    });
  }
  const created = '0001-01-01T00:00:00Z';
  const config = Buffer.from(
    JSON.stringify({
      architecture: '',
      created,
      history: layers.map(() => ({ created })),
      os: '',
      rootfs: { type: 'layers', diff_ids: descriptors.map((d) => d.digest) },
      config: {},
    }),
  );
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: await pushBlob(registry, repo, config), size: config.length },
    layers: descriptors,
  };
  return pushJson(registry, repo, `sha256-${subjectDigest.slice(7)}.sig`, manifest, OCI_MANIFEST);
}

/** DSSE's pre-authentication encoding. */
function pae(payloadType: string, payload: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `),
    payload,
  ]);
}

export interface BundleOptions {
  /** The digest the in-toto statement's subject names. */
  subjectDigest: string;
  privateKey: KeyObject;
  /** Key-based: the hint (base64 sha256 of the SPKI); default: the key's. */
  keyHint?: string;
  /** Keyless: the certificates, leaf first (the leaf's key must be `privateKey`). */
  certificates?: TestCertificate[];
  /** A Rekor v1 `dsse` entry with its signed entry timestamp. */
  rekor?: { key: KeyObject; integratedTime: number; logIndex?: number };
  payloadType?: string;
}

/** A cosign 3 Sigstore bundle (v0.3): a DSSE envelope of an in-toto statement about the image. */
export function sigstoreBundle(opts: BundleOptions): Buffer {
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { sha256: opts.subjectDigest.slice(7) } }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    }),
  );
  const payloadType = opts.payloadType ?? 'application/vnd.in-toto+json';
  const sig = sign('sha256', pae(payloadType, statement), opts.privateKey);
  const envelope = {
    payload: statement.toString('base64'),
    payloadType,
    signatures: [{ sig: sig.toString('base64') }],
  };
  const verificationMaterial: Record<string, unknown> = opts.certificates
    ? {
        x509CertificateChain: {
          certificates: opts.certificates.map((c) => ({ rawBytes: c.der.toString('base64') })),
        },
      }
    : {
        publicKey: {
          hint: opts.keyHint ?? createHash('sha256').update(publicSpki(opts.privateKey)).digest('base64'),
        },
      };
  if (opts.rekor) {
    const verifier = opts.certificates ? opts.certificates[0]!.pem : '';
    const body = Buffer.from(
      JSON.stringify({
        apiVersion: '0.0.1',
        kind: 'dsse',
        spec: {
          envelopeHash: {
            algorithm: 'sha256',
            value: createHash('sha256').update(JSON.stringify(envelope)).digest('hex'),
          },
          payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(statement).digest('hex') },
          signatures: [
            { signature: sig.toString('base64'), verifier: Buffer.from(verifier).toString('base64') },
          ],
        },
      }),
    );
    const entry = {
      body: body.toString('base64'),
      integratedTime: opts.rekor.integratedTime,
      logID: logId(opts.rekor.key),
      logIndex: opts.rekor.logIndex ?? 7,
    };
    verificationMaterial.tlogEntries = [
      {
        logIndex: String(entry.logIndex),
        logId: { keyId: Buffer.from(entry.logID, 'hex').toString('base64') },
        kindVersion: { kind: 'dsse', version: '0.0.1' },
        integratedTime: String(entry.integratedTime),
        inclusionPromise: { signedEntryTimestamp: signedEntryTimestamp(entry, opts.rekor.key) },
        canonicalizedBody: entry.body,
      },
    ];
  }
  return Buffer.from(JSON.stringify({ mediaType: BUNDLE, verificationMaterial, dsseEnvelope: envelope }));
}

/** Pushes a bundle as cosign 3 does: an OCI 1.1 referrer of the image, in the referrers tag schema too. */
export async function pushBundleReferrer(registry: string, repo: string, subject: Subject, bundle: Buffer) {
  const empty = Buffer.from('{}');
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: OCI_EMPTY,
      digest: await pushBlob(registry, repo, empty),
      size: 2,
      artifactType: BUNDLE,
    },
    layers: [{ mediaType: BUNDLE, digest: await pushBlob(registry, repo, bundle), size: bundle.length }],
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
    },
    subject,
    artifactType: BUNDLE,
  };
  return pushReferrer(registry, repo, subject, manifest, BUNDLE);
}

/** A Sigstore trusted_root.json naming one Fulcio CA chain and one Rekor log. */
export function trustedRoot(fulcio: TestCertificate[], rekorKey: KeyObject): string {
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: 'https://rekor.stevedore.test',
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: publicSpki(rekorKey).toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start: '2020-01-01T00:00:00Z' },
        },
        logId: { keyId: Buffer.from(logId(rekorKey), 'hex').toString('base64') },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'stevedore-tests', commonName: 'fulcio' },
        uri: 'https://fulcio.stevedore.test',
        certChain: { certificates: fulcio.map((c) => ({ rawBytes: c.der.toString('base64') })) },
        validFor: { start: '2020-01-01T00:00:00Z' },
      },
    ],
    ctlogs: [],
    timestampAuthorities: [],
  });
}

/** Pushes an artifact manifest by digest and adds it to the subject's referrers tag-schema index. */
export async function pushReferrer(
  registry: string,
  repo: string,
  subject: Subject,
  manifest: object,
  artifactType: string,
  indexEntry?: Partial<{ artifactType: string; mediaType: string }>,
): Promise<PushedManifest> {
  const pushed = await pushJson(registry, repo, null, manifest, OCI_MANIFEST);
  await addToReferrersIndex(registry, repo, subject.digest, {
    mediaType: OCI_MANIFEST,
    digest: pushed.digest,
    size: pushed.size,
    artifactType,
    ...indexEntry,
  });
  return pushed;
}
