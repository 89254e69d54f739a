import type { NotaryErrorCode } from './errors.js';
import type { NotaryServer } from './server.js';

/** One role of a repository's trust data, for the Trust tab ("DCT roles with expiry"). */
export interface DctRole {
  /** `root`, `targets`, `snapshot`, `timestamp`, `targets/releases`, `targets/alice`… */
  name: string;
  /** As the metadata lists them. */
  keyIds: string[];
  threshold: number;
  /** Null for a delegation that has not signed anything yet (no metadata). */
  version: number | null;
  /** ISO 8601, or null without metadata. */
  expires: string | null;
  /** Keys whose signature on this role's metadata verified. */
  signedBy: string[];
  /** Delegations: the target name prefixes the role may sign (`""` = any). */
  paths?: string[];
  /** Set when the role was left out (its signatures ignored), and why. */
  problem?: string;
}

/** A tag signed by one role, after the whole chain verified. */
export interface DctTarget {
  tag: string;
  /** `sha256:<hex>`. */
  digest: string;
  /** Length of the manifest, in bytes. */
  length: number;
  role: string;
  /** As docker names it: `Repo Admin` for targets, the delegation's name otherwise (`releases`, `alice`). */
  signer: string;
  /** Canonical ids of the keys that signed the role's metadata (what docker shows). */
  keyIds: string[];
}

/** A target of a role whose metadata failed to verify: shown as an invalid signature, never trusted. */
export interface DctRejectedTarget {
  tag: string;
  digest: string;
  role: string;
  signer: string;
  reason: string;
}

/**
 * What `docker trust inspect` shows, in the shape of `stevedore trust --json`'s `dct` block.
 * Orders as docker's: tags in natural order, signers and nothing else sorted.
 */
export interface DctSummary {
  signedTags: Array<{ tag: string; digest: string; signers: string[] }>;
  signers: Array<{ name: string; keys: string[] }>;
  rootKeyIds: string[];
  repositoryKeyIds: string[];
}

/** Something the user should know that does not make the data invalid. */
export interface DctNotice {
  code:
    | 'DCT_ROOT_FIRST_USE'
    | 'DCT_ROOT_ROTATED'
    | 'DCT_DATA_REMOVED'
    | 'DCT_DELEGATION_SKIPPED'
    | 'DCT_TARGET_OUTSIDE_PATHS'
    | 'DCT_NOTARY_RETIRING'
    | 'DCT_NO_NOTARY_SERVER';
  message: string;
}

interface Common {
  gun: string;
  server: NotaryServer;
  notices: DctNotice[];
}

/** No trust data for the GUN: the repository is not signed with DCT (not an error). */
export interface DctNone extends Common {
  state: 'none';
}

/** The whole chain verified. */
export interface DctVerified extends Common {
  state: 'verified';
  summary: DctSummary;
  /** Every verified signed tag, of every trusted role (the data the DCT → cosign migration needs). */
  targets: DctTarget[];
  rejectedTargets: DctRejectedTarget[];
  roles: DctRole[];
  root: { keyIds: string[]; version: number; trust: 'first-use' | 'known' | 'rotated'; pinnedAt: string };
}

/** The trust data is there and fails verification: tampered, stale, rolled back, or a replaced root. */
export interface DctInvalid extends Common {
  state: 'invalid';
  error: { code: NotaryErrorCode; message: string };
}

export type DctResult = DctNone | DctVerified | DctInvalid;
