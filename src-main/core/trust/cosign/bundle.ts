import type { toSignedEntity } from '@sigstore/verify';
import { z } from 'zod';

/** The protobuf shape @sigstore/verify reads a bundle in. */
export type SigstoreBundle = Parameters<typeof toSignedEntity>[0];

const b64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'not base64');
const tlogEntrySchema = z.object({
  logIndex: z.string().default('0'),
  logId: z.object({ keyId: b64 }),
  kindVersion: z.object({ kind: z.string(), version: z.string() }),
  integratedTime: z.string().default('0'),
  inclusionPromise: z.object({ signedEntryTimestamp: b64 }).optional(),
  inclusionProof: z
    .object({
      logIndex: z.string(),
      rootHash: b64,
      treeSize: z.string(),
      hashes: z.array(b64).default([]),
      checkpoint: z.object({ envelope: z.string() }),
    })
    .optional(),
  canonicalizedBody: b64,
});
const bundleSchema = z.object({
  mediaType: z.string().startsWith('application/vnd.dev.sigstore.bundle'),
  verificationMaterial: z.object({
    publicKey: z.object({ hint: z.string().default('') }).optional(),
    certificate: z.object({ rawBytes: b64 }).optional(),
    x509CertificateChain: z.object({ certificates: z.array(z.object({ rawBytes: b64 })).min(1) }).optional(),
    tlogEntries: z.array(tlogEntrySchema).default([]),
    timestampVerificationData: z
      .object({ rfc3161Timestamps: z.array(z.object({ signedTimestamp: b64 })).default([]) })
      .optional(),
  }),
  dsseEnvelope: z
    .object({
      payload: b64,
      payloadType: z.string(),
      signatures: z.array(z.object({ sig: b64, keyid: z.string().default('') })).min(1),
    })
    .optional(),
  messageSignature: z
    .object({ messageDigest: z.object({ algorithm: z.string(), digest: b64 }), signature: b64 })
    .optional(),
});

/** Sigstore's HashAlgorithm names, in the order of their protobuf numbers (1, 2, 3). */
const HASH_ALGORITHMS = ['SHA2_256', 'SHA2_384', 'SHA2_512'];

/** A Sigstore bundle as read: our view for reasons and identities, and @sigstore/verify's. */
export interface ParsedBundle {
  /** Key-based: the key hint (base64 sha256 of the key's SPKI); null for certificates. */
  keyHint: string | null;
  /** Keyless: the certificates, leaf first (DER). */
  certificates: Buffer[];
  /** The digests (`sha256:…`) the bundle says it signs. */
  signedDigests: string[];
  /** DSSE: the exact bytes signed (the PAE) and the signature. */
  dsse: { payloadType: string; preAuthEncoding: Buffer; signature: Buffer } | null;
  /** The newest log time the bundle claims, if any (unverified until the log's key checks it). */
  loggedAt: Date | null;
  tlogEntryCount: number;
  sigstore: SigstoreBundle;
}

const buf = (text: string) => Buffer.from(text, 'base64');

/** Parses a bundle; throws with a readable message when it is not one. */
export function parseBundle(bytes: Buffer): ParsedBundle {
  const json = bundleSchema.parse(JSON.parse(bytes.toString('utf8')));
  const material = json.verificationMaterial;
  const certificates = material.x509CertificateChain
    ? material.x509CertificateChain.certificates.map((c) => buf(c.rawBytes))
    : material.certificate
      ? [buf(material.certificate.rawBytes)]
      : [];
  if (certificates.length === 0 && !material.publicKey)
    throw new Error('it names neither a key nor a certificate');
  const content = json.dsseEnvelope
    ? {
        $case: 'dsseEnvelope' as const,
        dsseEnvelope: {
          payload: buf(json.dsseEnvelope.payload),
          payloadType: json.dsseEnvelope.payloadType,
          signatures: json.dsseEnvelope.signatures.map((s) => ({ sig: buf(s.sig), keyid: s.keyid })),
        },
      }
    : json.messageSignature
      ? {
          $case: 'messageSignature' as const,
          messageSignature: {
            messageDigest: {
              algorithm: HASH_ALGORITHMS.indexOf(json.messageSignature.messageDigest.algorithm) + 1,
              digest: buf(json.messageSignature.messageDigest.digest),
            },
            signature: buf(json.messageSignature.signature),
          },
        }
      : undefined;
  if (!content) throw new Error('it holds neither a DSSE envelope nor a message signature');
  const tlogEntries = material.tlogEntries.map((entry) => ({
    logIndex: entry.logIndex,
    logId: { keyId: buf(entry.logId.keyId) },
    kindVersion: entry.kindVersion,
    integratedTime: entry.integratedTime,
    inclusionPromise: entry.inclusionPromise && {
      signedEntryTimestamp: buf(entry.inclusionPromise.signedEntryTimestamp),
    },
    inclusionProof: entry.inclusionProof && {
      logIndex: entry.inclusionProof.logIndex,
      rootHash: buf(entry.inclusionProof.rootHash),
      treeSize: entry.inclusionProof.treeSize,
      hashes: entry.inclusionProof.hashes.map(buf),
      checkpoint: entry.inclusionProof.checkpoint,
    },
    canonicalizedBody: buf(entry.canonicalizedBody),
  }));
  const verificationContent =
    certificates.length > 0
      ? {
          $case: 'x509CertificateChain' as const,
          x509CertificateChain: { certificates: certificates.map((rawBytes) => ({ rawBytes })) },
        }
      : { $case: 'publicKey' as const, publicKey: { hint: material.publicKey?.hint ?? '' } };
  const sigstore = {
    mediaType: json.mediaType,
    verificationMaterial: {
      content: verificationContent,
      tlogEntries,
      timestampVerificationData: material.timestampVerificationData && {
        rfc3161Timestamps: material.timestampVerificationData.rfc3161Timestamps.map((t) => ({
          signedTimestamp: buf(t.signedTimestamp),
        })),
      },
    },
    content,
  } as SigstoreBundle;
  const times = tlogEntries.map((e) => Number(e.integratedTime)).filter((t) => Number.isFinite(t) && t > 0);
  return {
    keyHint: certificates.length > 0 ? null : (material.publicKey?.hint ?? ''),
    certificates,
    signedDigests: signedDigests(content),
    dsse:
      content.$case === 'dsseEnvelope'
        ? {
            payloadType: content.dsseEnvelope.payloadType,
            preAuthEncoding: preAuthEncoding(content.dsseEnvelope.payloadType, content.dsseEnvelope.payload),
            signature: content.dsseEnvelope.signatures[0]!.sig,
          }
        : null,
    loggedAt: times.length > 0 ? new Date(Math.max(...times) * 1000) : null,
    tlogEntryCount: tlogEntries.length,
    sigstore,
  };
}

/** DSSE's PAE: what a DSSE signature signs (`DSSEv1 <len> <type> <len> <payload>`). */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

const statementSchema = z.object({
  _type: z.string(),
  subject: z.array(z.object({ digest: z.record(z.string(), z.string()) })),
});

function signedDigests(content: SigstoreBundle['content']): string[] {
  if (content.$case === 'messageSignature') {
    const { algorithm, digest } = content.messageSignature.messageDigest!;
    const name = ['sha256', 'sha384', 'sha512'][algorithm - 1];
    return name ? [`${name}:${Buffer.from(digest).toString('hex')}`] : [];
  }
  const statement = statementSchema.safeParse(safeJson(content.dsseEnvelope!.payload));
  if (!statement.success) return [];
  return statement.data.subject.flatMap((subject) =>
    Object.entries(subject.digest).map(([algorithm, hex]) => `${algorithm}:${hex.toLowerCase()}`),
  );
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
