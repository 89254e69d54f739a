import type { ImageRef } from '../reference/index.js';
import type { TaskPart } from '../tasks/types.js';
import type { RegistryClient } from './client/registry-client.js';

/** One side of a copy: a client for the registry, and the image there (`ref.domain` is the client's host). */
export interface CopyEndpoint {
  client: RegistryClient;
  ref: ImageRef;
}

export interface CopyOptions {
  /**
   * For an index: copy every manifest it lists, then the index itself byte for byte (its digest
   * is kept). Default: only the manifest of `platform`, as skopeo does without --all.
   */
  allPlatforms?: boolean;
  /** `os/arch[/variant]` picked from an index when not copying all; default linux/amd64 (else the first image). */
  platform?: string;
  signal?: AbortSignal;
  /** One event per blob state change and per chunk of bytes sent; shaped for TaskContext.part. */
  onProgress?: (part: TaskPart) => void;
  /** Blobs copied at once. Default 4. */
  concurrency?: number;
  /** Upload in PATCH chunks of this many bytes instead of one streamed PUT. */
  chunkSize?: number;
}

/** What became of a blob: the destination had it, linked it from another repository, or received it. */
export type BlobAction = 'exists' | 'mounted' | 'uploaded';

export interface CopiedBlob {
  digest: string;
  size: number;
  action: BlobAction;
}

export interface CopyResult {
  /** The digest of the manifest (or index) now at the destination: the source's, unchanged. */
  digest: string;
  /** Its size in bytes. */
  size: number;
  mediaType: string;
  /** Every blob of the copied manifests, signatures and referrers, once each. */
  blobs: CopiedBlob[];
  /** Digests of every manifest written, children before their index, the image before what refers to it. */
  manifests: string[];
  /** Things the registries said that did not stop the copy. */
  warnings: string[];
}
