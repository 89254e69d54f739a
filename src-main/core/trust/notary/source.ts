/**
 * Where metadata comes from. The notary server over HTTPS in the app; tests may serve tampered
 * copies of real metadata through the same interface.
 */
export interface MetadataSource {
  /** The server, for messages: `https://notary.example:4443`. */
  readonly label: string;
  /**
   * The bytes of one metadata file, by notary's name for it: `root`, `timestamp`,
   * `snapshot.<sha256 hex>`, `targets/releases`, `2.root`. Null when the server has no such file
   * (404). Never more than `maxBytes`.
   */
  fetch(name: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer | null>;
}

/** How much we read of each file, and how far we follow delegations. */
export interface MetadataLimits {
  /** root.json and each older `N.root.json`. */
  rootBytes: number;
  timestampBytes: number;
  /** snapshot, targets and each delegation (their exact length is pinned, but we refuse huge ones). */
  roleBytes: number;
  /** Delegated roles read in all. */
  maxDelegations: number;
  /** `targets/a/b/c` is depth 3. */
  maxDelegationDepth: number;
  /** Root versions walked in one rotation. */
  maxRootRotations: number;
}

export const DEFAULT_LIMITS: MetadataLimits = {
  rootBytes: 1024 * 1024,
  timestampBytes: 1024 * 1024,
  roleBytes: 32 * 1024 * 1024,
  maxDelegations: 128,
  maxDelegationDepth: 8,
  maxRootRotations: 64,
};
