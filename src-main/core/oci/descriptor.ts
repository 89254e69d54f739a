import type { Platform } from './platform.js';

/**
 * A pointer to content: what it is (mediaType), which bytes exactly (digest) and how many (size).
 * Manifests point at configs and layers with descriptors, indexes at manifests.
 */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  /** Where else to fetch it (foreign layers). */
  urls?: string[];
  annotations?: Record<string, string>;
  /** Only in an index: the platform of the manifest it points at. */
  platform?: Platform;
  /** OCI 1.1: the type of the artifact the manifest pointed at is (referrers indexes carry it). */
  artifactType?: string;
  /** The content itself, base64, for tiny blobs. */
  data?: string;
}

/** The annotation BuildKit sets on the index entries of its attestation manifests. */
export const DOCKER_REFERENCE_TYPE = 'vnd.docker.reference.type';
/** …and the digest of the image manifest the attestation is about. */
export const DOCKER_REFERENCE_DIGEST = 'vnd.docker.reference.digest';
