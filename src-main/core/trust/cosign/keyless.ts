import { verify } from 'node:crypto';
import { issuingPath, sameCertificate, validAt } from '../keys/chain.js';
import type { Certificate } from '../keys/x509.js';
import { keylessIdentity } from './identity.js';
import { checkRekorBundle } from './rekor.js';
import { type CosignFinding, failed, unverifiable, verified } from './result.js';
import type { CosignTrustRoot } from './trust-root.js';

export interface KeylessInput {
  leaf: Certificate;
  /** `dev.sigstore.cosign/chain`: intermediates and root, as the signer attached them. */
  chain: Certificate[];
  /** The exact bytes signed, and the signature. */
  signed: Buffer;
  signature: Buffer;
  /** `dev.sigstore.cosign/bundle`, when the signature was logged in Rekor. */
  rekorBundle: string | undefined;
  /** The digest the payload signs (already checked against the registry's by the caller). */
  digest: string;
  trustRoot: CosignTrustRoot | undefined;
}

/**
 * A classic keyless signature: made with a short-lived Fulcio certificate. It verifies only
 * against a trust root: the certificate must chain to one of its Fulcio CAs, and its Rekor entry
 * (signed by one of its logs) must show the signature was made while the certificate was valid.
 * Without a trust root the identity and issuer are shown, and nothing is claimed.
 */
export function verifyKeyless(input: KeylessInput): CosignFinding {
  const { leaf, trustRoot } = input;
  const { identity, issuer } = keylessIdentity(leaf);
  const base = {
    digest: input.digest,
    signer: identity,
    keyId: null,
    certificateChain: [leaf, ...input.chain].map((c) => c.pem),
    ...(issuer ? { issuer } : {}),
    signedAt: null,
  };
  if (!safeVerify(input.signed, leaf, input.signature)) {
    return failed(
      base,
      'the signature does not match the certificate it carries (altered since it was signed)',
    );
  }
  const who = `keyless signature by ${identity}${issuer ? ` (issuer ${issuer})` : ''}`;
  if (!trustRoot) return unverifiable(base, `${who}: not verified, no Sigstore trust root imported`);

  const caCertificates = trustRoot.certificateAuthorities.flatMap((ca) => ca.chain);
  const path = issuingPath(leaf, [...input.chain, ...caCertificates]);
  const authority = trustRoot.certificateAuthorities.find((ca) =>
    ca.chain.some((c) => path.some((p) => sameCertificate(p, c))),
  );
  if (!authority) {
    return unverifiable(
      base,
      `${who}: its certificate is not issued by a Fulcio CA in the trust root ${trustRoot.name}`,
    );
  }
  if (!input.rekorBundle) {
    return unverifiable(base, `${who}: no Rekor entry proves it was signed while the certificate was valid`);
  }
  const rekor = checkRekorBundle(input.rekorBundle, trustRoot.tlogs, {
    payload: input.signed,
    signature: input.signature,
    signerDer: leaf.der,
  });
  if (!rekor.ok) {
    const reason = `${who}: ${rekor.reason}`;
    return rekor.invalid ? failed(base, reason) : unverifiable(base, reason);
  }
  const at = rekor.entry.integratedTime;
  const signedAt = at.toISOString();
  const outside = path.find((cert) => !validAt(cert, at));
  if (
    outside ||
    (authority.validFrom && at < authority.validFrom) ||
    (authority.validUntil && at > authority.validUntil)
  ) {
    return failed(
      { ...base, signedAt },
      `${who}: the certificate${outside && outside !== leaf ? ` of ${outside.subject}` : ''} was not valid when it was logged (${signedAt})`,
    );
  }
  return verified(
    { ...base, signedAt },
    `${who}, verified with the trust root ${trustRoot.name} (Rekor entry ${rekor.entry.logIndex})`,
  );
}

function safeVerify(data: Buffer, cert: Certificate, signature: Buffer): boolean {
  try {
    const key = cert.x509.publicKey;
    return verify(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', data, key, signature);
  } catch {
    return false;
  }
}
