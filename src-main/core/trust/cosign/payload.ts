import { z } from 'zod';

/** The `type` every cosign image signature's payload carries. */
export const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';

/** Layer annotations of a classic signature. */
export const COSIGN_ANNOTATION = {
  signature: 'dev.cosignproject.cosign/signature',
  certificate: 'dev.sigstore.cosign/certificate',
  chain: 'dev.sigstore.cosign/chain',
  bundle: 'dev.sigstore.cosign/bundle',
  rfc3161Timestamp: 'dev.sigstore.cosign/rfc3161timestamp',
} as const;

/**
 * The simple-signing payload cosign signs, byte for byte as it writes it (Go's encoding/json of
 * its struct: this field order, no spaces, `optional` null when there are no annotations).
 * `dockerReference` is the repository without tag or digest (`127.0.0.1:5000/demo`).
 */
export function simpleSigningPayload(dockerReference: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': dockerReference },
        image: { 'docker-manifest-digest': digest },
        type: COSIGN_SIGNATURE_TYPE,
      },
      optional: null,
    }),
  );
}

const payloadSchema = z.object({
  critical: z.object({
    identity: z.object({ 'docker-reference': z.string() }).partial(),
    image: z.object({ 'docker-manifest-digest': z.string() }),
    type: z.string(),
  }),
  optional: z.record(z.string(), z.unknown()).nullable().optional(),
});

export interface SimpleSigning {
  type: string;
  digest: string;
  dockerReference: string | null;
  optional: Record<string, unknown> | null;
}

/** The payload read, or null when it is not a simple-signing document. */
export function parseSimpleSigning(bytes: Buffer): SimpleSigning | null {
  let parsed: z.output<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return null;
  }
  return {
    type: parsed.critical.type,
    digest: parsed.critical.image['docker-manifest-digest'],
    dockerReference: parsed.critical.identity['docker-reference'] ?? null,
    optional: parsed.optional ?? null,
  };
}

/** Why the payload does not sign `digest` as an image signature; null when it does. */
export function payloadMismatch(payload: SimpleSigning, digest: string): string | null {
  if (payload.type !== COSIGN_SIGNATURE_TYPE) {
    return `the signed payload is a "${payload.type.slice(0, 80)}", not a cosign image signature`;
  }
  if (payload.digest !== digest) {
    return `signed digest ${payload.digest.slice(0, 100)} differs from the registry's ${digest}`;
  }
  return null;
}
