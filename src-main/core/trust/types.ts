/**
 * The one trust model every signature system reports into (issue 6): a resolved manifest digest
 * and what signs it. DCT (Notary v1), cosign and Notation each produce `Signature`s; the status
 * of the whole follows from them (see `trustStatus` in status.ts).
 */

export type SignatureKind = 'dct' | 'cosign' | 'notation';

/**
 * - `verified`: at least one signature verifies against a key or trust anchor the user configured,
 *   and none is `invalid`.
 * - `signed`: signatures are present, but nothing configured can verify them.
 * - `unsigned`: no signature of any kind was found.
 * - `invalid`: a signature is present and fails, or the digest it signs is not the registry's.
 * - `error`: trust could not be determined (the registry or notary server failed).
 */
export type TrustStatus = 'verified' | 'signed' | 'unsigned' | 'invalid' | 'error';

export interface Signature {
  kind: SignatureKind;
  /** The manifest digest this signature claims to sign. */
  digest: string;
  /** Who signed, as the system names them: a DCT role/signer, a certificate subject or SAN, a key name. */
  signer: string | null;
  /** The key id (DCT key id, sha256 of the public key's SPKI for cosign keys), when there is one. */
  keyId: string | null;
  /** Leaf first, PEM, when the signature carries certificates (keyless cosign, Notation). */
  certificateChain: string[];
  /** For keyless cosign: the OIDC issuer in the Fulcio certificate. */
  issuer?: string;
  /** ISO 8601, when the signature says when it was made. */
  signedAt: string | null;
  verified: boolean;
  /**
   * Why `verified` is false, in words a user understands (never empty then); or, when it is
   * true, what verified it ("key cosign.pub", "trust store acme-ca"). Null only when verified
   * needs no explanation.
   */
  reason: string | null;
  /**
   * True when the signature was checked and failed (bad signature, wrong digest, expired or
   * tampered metadata); false when it merely could not be checked (no key configured).
   */
  invalid: boolean;
  /** Where it was found: the signature manifest's digest, the `.sig` tag, or the notary GUN. */
  source: string;
}

export interface TrustReport {
  /** The reference as the user gave it, normalized. */
  reference: string;
  /** The manifest digest the registry serves for it. */
  digest: string;
  status: TrustStatus;
  signatures: Signature[];
  /** For an index: the same report for each platform's manifest. */
  platforms?: Array<{ platform: string; digest: string; status: TrustStatus; signatures: Signature[] }>;
  /** Set when `status` is `error`: what failed. */
  error?: { code: string; message: string };
}
