/** What the push dialog checks before a push starts. Leaf module: plain data. */

/** Can the stored login (or no login) push to the target repository? */
export type PushAccess =
  /** Pushing works: with the stored login (`username`), or anonymously (null). */
  | { state: 'granted'; username: string | null }
  /** The registry wants a login and none is stored for it. */
  | { state: 'login-required'; message: string }
  /** The registry refused the stored login, or the account may not push there. */
  | { state: 'denied'; username: string | null; message: string }
  /** The registry did not answer (down, TLS, timeout): nothing else could be checked. */
  | { state: 'unreachable'; code: string; message: string };

/** The target tag on the registry now. */
export type RemoteTag =
  | { state: 'absent' }
  /** The tag already names this very image: the push will change nothing but re-check it. */
  | { state: 'same'; digest: string }
  /** The tag names another image: the push moves it. */
  | { state: 'different'; digest: string }
  | { state: 'unknown'; message: string };

/**
 * One local layer (bottom first) and what the push will do with it:
 * - `present`: the target repository has it; nothing is sent.
 * - `mountable`: another repository of the same registry has it; the registry links it, nothing is sent.
 * - `upload`: no repository we can see has it; it is compressed and sent.
 */
export interface PlannedLayer {
  /** `sha256:` of the uncompressed layer, as the engine names it. */
  diffId: string;
  /** The compressed blob's digest on the registry, when one is known. */
  digest: string | null;
  /** The compressed size on the registry, when known. */
  size: number | null;
  state: 'present' | 'mountable' | 'upload';
  /** For `mountable`: the repository that has it. */
  from?: string;
}

export interface PushPlan {
  /** The reference the push will write, fully qualified: `127.0.0.1:5000/team/app:1.0`. */
  target: string;
  registry: string;
  repository: string;
  tag: string;
  image: { id: string; size: number; platform: string };
  access: PushAccess;
  remote: RemoteTag;
  layers: PlannedLayer[];
}
