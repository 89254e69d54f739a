import type { Descriptor } from '../../oci/descriptor.js';
import { type TrustedKey, verifyWithKey } from '../keys/public-key.js';
import { type Certificate, readCertificate, readCertificates } from '../keys/x509.js';
import { verifyKeyless } from './keyless.js';
import { COSIGN_ANNOTATION, parseSimpleSigning, payloadMismatch } from './payload.js';
import { type CosignFinding, failed, keyNames, unverifiable, verified } from './result.js';
import type { CosignTrustRoot } from './trust-root.js';

export interface CosignVerifyContext {
  /** The manifest digest the registry serves: what a signature must sign. */
  digest: string;
  keys: readonly TrustedKey[];
  trustRoot?: CosignTrustRoot;
}

/**
 * One classic signature: a simple-signing layer of a `.sig` manifest, whose annotation holds
 * the signature over the layer's exact bytes. Key-based signatures are checked against every
 * imported key (nothing in them says which key made them); keyless ones carry their certificate.
 * Then the payload must be an image signature of the registry's digest.
 */
export function verifyClassicLayer(
  layer: Descriptor,
  payloadBytes: Buffer,
  ctx: CosignVerifyContext,
): CosignFinding {
  const annotations = layer.annotations ?? {};
  const payload = parseSimpleSigning(payloadBytes);
  const base = {
    digest: payload?.digest ?? ctx.digest,
    signer: null,
    keyId: null,
    certificateChain: [],
    signedAt: null,
  };
  const signature = decodeBase64(annotations[COSIGN_ANNOTATION.signature]);
  if (!signature)
    return failed(base, 'the signature layer carries no signature (dev.cosignproject.cosign/signature)');
  const mismatch = payload
    ? payloadMismatch(payload, ctx.digest)
    : 'the signed payload is not a cosign simple-signing document';

  const certificatePem = annotations[COSIGN_ANNOTATION.certificate];
  if (certificatePem) {
    let leaf: Certificate;
    let chain: Certificate[] = [];
    try {
      leaf = readCertificate(certificatePem);
      const chainPem = annotations[COSIGN_ANNOTATION.chain];
      if (chainPem) chain = readCertificates(chainPem);
    } catch (error) {
      return failed(base, `its signing certificate does not parse: ${(error as Error).message}`);
    }
    const finding = verifyKeyless({
      leaf,
      chain,
      signed: payloadBytes,
      signature,
      rekorBundle: annotations[COSIGN_ANNOTATION.bundle],
      digest: base.digest,
      trustRoot: ctx.trustRoot,
    });
    // A signature that verifies cryptographically but signs something else is invalid, whoever made it.
    if (mismatch && !finding.invalid) return { ...finding, verified: false, invalid: true, reason: mismatch };
    return finding;
  }

  const key = ctx.keys.find((candidate) => verifyWithKey(candidate, payloadBytes, signature));
  if (!key) {
    return unverifiable(
      base,
      ctx.keys.length === 0
        ? 'signed with a key: import its public key (cosign.pub) to verify it'
        : `signature does not match ${keyNames(ctx.keys)}: signed by a key you have not imported, or altered since it was signed`,
    );
  }
  const signedBy = { ...base, signer: key.name, keyId: key.keyId };
  if (mismatch) return failed(signedBy, `${mismatch} (signed by key ${key.name})`);
  return verified(signedBy, `key ${key.name}`);
}

function decodeBase64(value: string | undefined): Buffer | null {
  if (!value || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  return Buffer.from(value, 'base64');
}
