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
  /**
   * Checked against a key or trust anchor the user configured; for DCT, also a root trusted on
   * first use (as docker trusts it), which `reason` then says.
   */
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
  /** DCT signs tags, not digests: the tags this signature covers. */
  tags?: string[];
}

/** Something the user should know that does not change the status (a retiring notary, a first-use root). */
export interface TrustNotice {
  code: string;
  message: string;
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
  /**
   * What `docker trust inspect` shows for the repository, when it has DCT data that verified
   * (the `dct` block of `stevedore trust --json`); null when it has none or it failed.
   */
  dct: DctInspect | null;
  /** DCT roles with their keys and expiry, for the Trust tab; empty without DCT data. */
  dctRoles: DctRoleView[];
  notices: TrustNotice[];
}

export interface DctInspect {
  signedTags: Array<{ tag: string; digest: string; signers: string[] }>;
  signers: Array<{ name: string; keys: string[] }>;
  rootKeyIds: string[];
  repositoryKeyIds: string[];
}

export interface DctRoleView {
  name: string;
  keyIds: string[];
  threshold: number;
  version: number | null;
  expires: string | null;
  problem?: string;
}

/** A status for a badge: one reference, resolved to its digest. */
export interface TrustBadge {
  reference: string;
  digest: string | null;
  status: TrustStatus;
  /** The kinds that signed it, for the badge's tooltip. */
  kinds: SignatureKind[];
}

/** What the Trust settings show; secrets (private keys, key passwords) never cross. */
export interface TrustSettingsView {
  /** Public keys that verify cosign signatures (`cosign.pub` files the user imported). */
  publicKeys: Array<{ name: string; keyId: string; algorithm: string }>;
  /** CA certificates that anchor Notation signatures. */
  trustStores: Array<{ name: string; certificates: Array<{ subject: string; notAfter: string }> }>;
  /** A Sigstore trusted root for keyless cosign, when imported. */
  sigstoreRoot: { name: string } | null;
  /** Notary servers per registry (DCT); the Docker Hub default is listed, marked retiring. */
  notaryServers: Array<{ registry: string; url: string; hasCa: boolean; source: string; retiring?: string }>;
  /** Roots pinned on first use, per repository (GUN). */
  pinnedRoots: Array<{ gun: string; rootKeyIds: string[]; version: number; pinnedAt: string }>;
  /** The user's own cosign-compatible signing keys. */
  signingKeys: Array<{
    name: string;
    keyId: string;
    createdAt: string;
    origin: 'generated' | 'imported';
    protection: 'os-keychain' | 'password';
  }>;
}

/** A signature written: the `.sig` tag and its manifest. */
export interface SignOutcome {
  reference: string;
  digest: string;
  tag: string;
  manifestDigest: string;
  /** False when this key had signed the digest already: nothing was written. */
  added: boolean;
}

/** Tags of a repository signed with DCT and with nothing else: what to sign again with cosign. */
export interface DctMigrationPlan {
  repository: string;
  gun: string;
  /** `none`: no DCT data; `invalid`: it failed verification (`message` says why), so no tag is listed. */
  state: 'none' | 'verified' | 'invalid';
  message?: string;
  tags: Array<{ tag: string; digest: string; signers: string[]; alsoSignedWith: SignatureKind[] }>;
}
