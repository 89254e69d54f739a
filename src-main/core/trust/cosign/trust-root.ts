import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { toTrustMaterial } from '@sigstore/verify';
import { z } from 'zod';
import { TrustMaterialError } from '../errors.js';
import { type Certificate, readCertificate } from '../keys/x509.js';

/** The protobuf shape @sigstore/verify reads a trusted root in. */
export type SigstoreTrustedRoot = Parameters<typeof toTrustMaterial>[0];

/** A transparency log (Rekor) or CT log the user trusts, with its key. */
export interface TrustedLog {
  /** The log id: sha256 of the key's SPKI DER, hex. */
  logId: string;
  key: KeyObject;
  validFrom: Date | null;
  validUntil: Date | null;
}

/**
 * What keyless signatures are verified against: the Fulcio certificate authorities that issue
 * signing certificates and the Rekor logs that timestamp them, read from Sigstore's
 * `trusted_root.json` (what `cosign initialize` keeps in `~/.sigstore/root/targets/`, or a
 * private Sigstore's). Keyless signatures without one are shown, never verified.
 */
export interface CosignTrustRoot {
  /** How the user knows it: the file name, say. */
  name: string;
  /** Each authority's chain, issuing certificate first, root last. */
  certificateAuthorities: Array<{ chain: Certificate[]; validFrom: Date | null; validUntil: Date | null }>;
  tlogs: TrustedLog[];
  ctlogs: TrustedLog[];
  /** The same, in the shape @sigstore/verify takes (for v3 bundles). */
  sigstore: SigstoreTrustedRoot;
}

const timeRange = z.object({ start: z.string().optional(), end: z.string().optional() }).optional();
const logSchema = z.object({
  baseUrl: z.string().default(''),
  publicKey: z.object({ rawBytes: z.string(), keyDetails: z.string().optional(), validFor: timeRange }),
  logId: z.object({ keyId: z.string() }).optional(),
});
const authoritySchema = z.object({
  uri: z.string().default(''),
  certChain: z.object({ certificates: z.array(z.object({ rawBytes: z.string() })).min(1) }),
  validFor: timeRange,
});
const rootSchema = z.object({
  mediaType: z.string().startsWith('application/vnd.dev.sigstore.trustedroot'),
  tlogs: z.array(logSchema).default([]),
  certificateAuthorities: z.array(authoritySchema).default([]),
  ctlogs: z.array(logSchema).default([]),
  timestampAuthorities: z.array(authoritySchema).default([]),
});

/** Reads a `trusted_root.json`; TRUST_ROOT_INVALID saying what is wrong with it. */
export function parseTrustRoot(json: string, name: string): CosignTrustRoot {
  let root: z.output<typeof rootSchema>;
  try {
    root = rootSchema.parse(JSON.parse(json));
  } catch (error) {
    throw new TrustMaterialError(
      'TRUST_ROOT_INVALID',
      `${name} is not a Sigstore trusted root (trusted_root.json): ${(error as Error).message.slice(0, 300)}`,
    );
  }
  try {
    const tlogs = root.tlogs.map(readLog);
    const ctlogs = root.ctlogs.map(readLog);
    const certificateAuthorities = root.certificateAuthorities.map((ca) => ({
      chain: ca.certChain.certificates.map((cert) => readCertificate(Buffer.from(cert.rawBytes, 'base64'))),
      validFrom: date(ca.validFor?.start),
      validUntil: date(ca.validFor?.end),
    }));
    const authority = (ca: z.output<typeof authoritySchema>) => ({
      subject: undefined,
      uri: ca.uri,
      operator: '',
      certChain: {
        certificates: ca.certChain.certificates.map((c) => ({ rawBytes: Buffer.from(c.rawBytes, 'base64') })),
      },
      validFor: range(ca.validFor),
    });
    const log = (trusted: TrustedLog, source: z.output<typeof logSchema>) => ({
      baseUrl: source.baseUrl,
      hashAlgorithm: 1,
      operator: '',
      checkpointKeyId: undefined,
      // Normalised to SPKI so @sigstore/verify reads every key the same way.
      publicKey: {
        rawBytes: trusted.key.export({ type: 'spki', format: 'der' }),
        keyDetails: 0,
        validFor: range(source.publicKey.validFor),
      },
      logId: { keyId: Buffer.from(trusted.logId, 'hex') },
    });
    const sigstore = {
      mediaType: root.mediaType,
      tlogs: tlogs.map((t, i) => log(t, root.tlogs[i]!)),
      ctlogs: ctlogs.map((t, i) => log(t, root.ctlogs[i]!)),
      certificateAuthorities: root.certificateAuthorities.map(authority),
      timestampAuthorities: root.timestampAuthorities.map(authority),
    } as SigstoreTrustedRoot;
    return { name, certificateAuthorities, tlogs, ctlogs, sigstore };
  } catch (error) {
    if (error instanceof TrustMaterialError && error.code === 'TRUST_ROOT_INVALID') throw error;
    throw new TrustMaterialError(
      'TRUST_ROOT_INVALID',
      `${name} holds an unreadable key or certificate: ${(error as Error).message}`,
    );
  }
}

function readLog(log: z.output<typeof logSchema>): TrustedLog {
  const raw = Buffer.from(log.publicKey.rawBytes, 'base64');
  const pkcs1 = log.publicKey.keyDetails?.startsWith('PKCS1_') ?? false;
  const key = createPublicKey({ key: raw, format: 'der', type: pkcs1 ? 'pkcs1' : 'spki' });
  const spki = key.export({ type: 'spki', format: 'der' });
  return {
    // The log id is the key's hash; a root that names another id is taken at its word, as Sigstore does.
    logId: log.logId
      ? Buffer.from(log.logId.keyId, 'base64').toString('hex')
      : createHash('sha256').update(spki).digest('hex'),
    key,
    validFrom: date(log.publicKey.validFor?.start),
    validUntil: date(log.publicKey.validFor?.end),
  };
}

function date(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const value = new Date(text);
  if (Number.isNaN(value.getTime()))
    throw new TrustMaterialError('TRUST_ROOT_INVALID', `"${text}" is not a date.`);
  return value;
}

function range(validFor: { start?: string; end?: string } | undefined): {
  start: Date | undefined;
  end?: Date;
} {
  const start = date(validFor?.start) ?? undefined;
  const end = date(validFor?.end) ?? undefined;
  return end ? { start, end } : { start };
}

/** Whether `log` was the log's key at `at`. */
export function logValidAt(log: TrustedLog, at: Date): boolean {
  return (!log.validFrom || log.validFrom <= at) && (!log.validUntil || at <= log.validUntil);
}
