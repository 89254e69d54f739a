import { z } from 'zod';
import { sameCertificate, validAt } from '../keys/chain.js';
import { type Certificate, readCertificate } from '../keys/x509.js';
import type { Signature } from '../types.js';
import { parseCose } from './cose.js';
import {
  algorithmFitsKey,
  NOTATION_PAYLOAD_TYPE,
  type NotationEnvelope,
  UNDERSTOOD_CRITICAL,
} from './envelope.js';
import { parseJws } from './jws.js';
import { chainProblem } from './requirements.js';
import type { NotationTrustStore } from './trust-store.js';

export const JWS_MEDIA_TYPE = 'application/jose+json';
export const COSE_MEDIA_TYPE = 'application/cose';

export interface NotationVerifyContext {
  /** The manifest digest the registry serves, and its size in bytes. */
  digest: string;
  size: number;
  trustStores: readonly NotationTrustStore[];
  now: Date;
}

export type NotationFinding = Omit<Signature, 'kind' | 'source'>;

const payloadSchema = z.object({
  targetArtifact: z.object({ mediaType: z.string(), digest: z.string(), size: z.number() }),
});

/**
 * One Notation signature envelope, verified as the Notary Project specification says: the
 * envelope's signature with its leaf certificate's key (the algorithm must fit the key), the
 * payload's digest and size against the registry's, the chain's shape and uses, the chain
 * reaching a certificate of a trust store the user imported, the signing time inside the
 * certificate's validity, and (without an authentic timestamp) every certificate still valid
 * now. A chain that reaches no imported CA cannot be verified; every other failure is invalid.
 */
export async function verifyEnvelope(
  bytes: Buffer,
  mediaType: string,
  ctx: NotationVerifyContext,
): Promise<NotationFinding> {
  const none = { digest: ctx.digest, signer: null, keyId: null, certificateChain: [], signedAt: null };
  let envelope: NotationEnvelope;
  let chain: Certificate[];
  try {
    envelope = mediaType === COSE_MEDIA_TYPE ? parseCose(bytes) : parseJws(bytes);
    chain = envelope.certificates.map((der) => readCertificate(der));
  } catch (error) {
    return fail(
      none,
      `the ${mediaType === COSE_MEDIA_TYPE ? 'COSE' : 'JWS'} signature envelope does not parse: ${(error as Error).message.slice(0, 200)}`,
    );
  }
  const leaf = chain[0]!;
  const payload = payloadSchema.safeParse(safeJson(envelope.payload));
  const signedAt = envelope.authenticSigningTime ?? envelope.signingTime;
  const base = {
    digest: payload.success ? payload.data.targetArtifact.digest : ctx.digest,
    signer: leaf.subject,
    keyId: leaf.sha256,
    certificateChain: chain.map((c) => c.pem),
    signedAt: signedAt?.toISOString() ?? null,
  };

  const unknownCritical = envelope.critical.filter((name) => !UNDERSTOOD_CRITICAL.includes(name));
  if (unknownCritical.length > 0) {
    return fail(
      base,
      `it requires ${unknownCritical.join(', ')}, which Stevedore cannot check (a Notation plugin's extension)`,
    );
  }
  if (!algorithmFitsKey(envelope.algorithm, leaf.x509.publicKey)) {
    return fail(base, `its algorithm ${envelope.algorithm} does not fit its signing certificate's key`);
  }
  if (!(await envelope.verify(leaf.x509.publicKey))) {
    return fail(base, 'the signature does not match its signing certificate (altered since it was signed)');
  }
  if (envelope.contentType !== NOTATION_PAYLOAD_TYPE || !payload.success) {
    return fail(base, 'its payload is not a Notation payload (targetArtifact)');
  }
  const target = payload.data.targetArtifact;
  if (target.digest !== ctx.digest)
    return fail(base, `signed digest ${target.digest} differs from the registry's ${ctx.digest}`);
  if (target.size !== ctx.size)
    return fail(base, `it signs a manifest of ${target.size} bytes; the registry's is ${ctx.size}`);
  if (envelope.signingScheme !== 'notary.x509' && envelope.signingScheme !== 'notary.x509.signingAuthority') {
    return fail(base, `its signing scheme "${envelope.signingScheme ?? 'none'}" is not one Notation defines`);
  }

  const store = ctx.trustStores.find((s) =>
    s.certificates.some((anchor) => chain.some((c) => sameCertificate(c, anchor))),
  );
  if (!store) {
    return {
      ...base,
      verified: false,
      invalid: false,
      reason:
        ctx.trustStores.length === 0
          ? `signed by ${leaf.subject}: no trust store imported (import the signer's CA certificate to verify it)`
          : 'not chained to any CA in your trust store',
    };
  }
  const problem = chainProblem(chain);
  if (problem) return fail(base, problem);
  if (signedAt && !validAt(leaf, signedAt)) {
    return fail(
      base,
      `it was signed on ${day(signedAt)}, outside its certificate's validity (${day(leaf.notBefore)} to ${day(leaf.notAfter)})`,
    );
  }
  for (const cert of chain) {
    if (ctx.now > cert.notAfter)
      return fail(base, `certificate ${cert.subject} expired on ${day(cert.notAfter)}`);
    if (ctx.now < cert.notBefore)
      return fail(base, `certificate ${cert.subject} is not valid before ${day(cert.notBefore)}`);
  }
  if (envelope.expiry && ctx.now >= envelope.expiry)
    return fail(base, `the signature expired on ${day(envelope.expiry)}`);
  return { ...base, verified: true, invalid: false, reason: `trust store ${store.name}` };
}

function fail(
  base: Omit<NotationFinding, 'verified' | 'invalid' | 'reason'>,
  reason: string,
): NotationFinding {
  return { ...base, verified: false, invalid: true, reason };
}

function day(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
