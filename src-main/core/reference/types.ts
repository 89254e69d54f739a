/**
 * A parsed, normalized image reference. `domain` and `path` are always set (`ubuntu` is
 * docker.io + library/ubuntu); `tag` and `digest` are exactly what was written, or null.
 */
export interface ImageRef {
  /** Registry host with optional port, as written (`docker.io`, `localhost:5000`, `[::1]:5000`). */
  domain: string;
  /** Repository path inside the registry (`library/ubuntu`, `user/app`). */
  path: string;
  tag: string | null;
  /** `algorithm:hex`, validated by parseDigest. */
  digest: string | null;
}

/** A repository name alone: what parseRepository returns. */
export type RepositoryRef = ImageRef & { tag: null; digest: null };

/** Docker Hub as it appears in references. */
export const DOCKER_HUB_DOMAIN = 'docker.io';

/** The old "Docker Index" name of Docker Hub, normalized to DOCKER_HUB_DOMAIN. */
export const LEGACY_DOCKER_HUB_DOMAIN = 'index.docker.io';

/** The host that actually serves Docker Hub's registry API. */
export const DOCKER_HUB_REGISTRY_HOST = 'registry-1.docker.io';

/** Namespace of Docker Hub's official images: `ubuntu` is `library/ubuntu`. */
export const OFFICIAL_NAMESPACE = 'library';

export const DEFAULT_TAG = 'latest';

/** Longest `domain/path`, the limit many clients (and the OCI distribution spec) note. */
export const MAX_NAME_LENGTH = 255;

export const MAX_TAG_LENGTH = 128;
