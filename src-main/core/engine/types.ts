/** Plain data about a Docker Engine and its images. Leaf module: imports nothing. */

/** How to reach an engine. `source` says where we learned about it, so the UI can explain it. */
export interface EngineEndpoint {
  /** Stable id: `env`, `default`, `context:<name>` or `user:<uuid>`. */
  id: string;
  name: string;
  /** `unix:///path`, `npipe:////./pipe/x`, `tcp://host:port`, `ssh://user@host[:port]`. */
  url: string;
  source: 'env' | 'default' | 'context' | 'user';
  /** Directory with ca.pem, cert.pem, key.pem (DOCKER_CERT_PATH or the context's TLS store). */
  tlsCertPath?: string;
  /** Verify the server certificate (DOCKER_TLS_VERIFY). */
  tlsVerify?: boolean;
}

export interface ImageSummary {
  /** Full content id, `sha256:<64 hex>`, as `docker images --no-trunc` prints it. */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Bytes. */
  size: number;
  /** ISO-8601. */
  created: string;
  /** No tags at all: what `docker image prune` removes. */
  dangling: boolean;
  /**
   * `host/repository@digest` references the app pushed the image to, newest first (its push
   * history: the engine forgets these with the tag a push used). Only the app's list sets it.
   */
  pushedTo?: string[];
}

export interface ImageDetail extends ImageSummary {
  architecture: string;
  os: string;
  variant?: string;
  entrypoint: string[];
  cmd: string[];
  env: string[];
  labels: Record<string, string>;
  workingDir: string;
  user: string;
  exposedPorts: string[];
  /** Layer diff ids (`sha256:` of the uncompressed tar), bottom first. */
  layers: string[];
  parent: string;
}

export interface HistoryEntry {
  /** Image id of this step, or `<missing>` for steps pulled from a registry. */
  id: string;
  created: string;
  createdBy: string;
  size: number;
  tags: string[];
  comment: string;
}

export interface PruneResult {
  deleted: string[];
  spaceReclaimed: number;
}

export interface RemoveResult {
  /** What the engine reported: untagged references and deleted image ids. */
  untagged: string[];
  deleted: string[];
}

/** What the app knows about the engine it is talking to, for the header and the empty state. */
export interface EngineStatus {
  endpoint: EngineEndpoint;
  reachable: boolean;
  version?: string;
  apiVersion?: string;
  os?: string;
  arch?: string;
  /** When not reachable: the error code and a sentence on how to fix it. */
  error?: { code: string; message: string; hint: string };
}

/** A change seen on the engine's `/events` stream, reduced to what the UI needs. */
export interface ImageEvent {
  action: string;
  id: string;
  time: string;
}
