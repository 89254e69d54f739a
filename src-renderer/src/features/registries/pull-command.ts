import { parseRepository, refFamiliar } from '../../../../src-main/core/reference/index.js';

/**
 * The repository as `docker pull` wants it typed: Docker Hub's domain and `library/` dropped
 * (`ubuntu`, `user/app`), other registries with their host (`127.0.0.1:5000/demo`).
 */
export function pullName(repository: string): string {
  try {
    return refFamiliar(parseRepository(repository));
  } catch {
    // Whatever main resolved is shown as is rather than not at all.
    return repository;
  }
}

export interface PullCommands {
  /** `docker pull name:tag`: follows the tag when it moves. */
  byTag?: string;
  /** `docker pull name@sha256:…`: always this exact image. */
  byDigest?: string;
}

/** The pull commands for a tag and/or digest of a repository (`host/path`). */
export function pullCommands(repository: string, tag: string | null, digest: string | null): PullCommands {
  const name = pullName(repository);
  return {
    ...(tag ? { byTag: `docker pull ${name}:${tag}` } : {}),
    ...(digest ? { byDigest: `docker pull ${name}@${digest}` } : {}),
  };
}
