import type { ImageRef } from './types.js';
import { DEFAULT_TAG, DOCKER_HUB_DOMAIN, DOCKER_HUB_REGISTRY_HOST, OFFICIAL_NAMESPACE } from './types.js';

/** The fully qualified repository: `docker.io/library/ubuntu`. */
export function refName(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

/** The canonical string: `docker.io/library/ubuntu:20.04@sha256:…`, tag and digest as parsed. */
export function refString(ref: ImageRef): string {
  return refName(ref) + suffix(ref);
}

/**
 * The repository as Docker shows it: Docker Hub's domain dropped, and `library/` dropped from
 * official images (`ubuntu`, `user/app`, `localhost:5000/x`). No tag or digest.
 */
export function refFamiliar(ref: ImageRef): string {
  if (ref.domain !== DOCKER_HUB_DOMAIN) return refName(ref);
  const official = `${OFFICIAL_NAMESPACE}/`;
  if (ref.path.startsWith(official)) {
    const rest = ref.path.slice(official.length);
    // `library/foo/bar` is not an official image: only one level sits under library/.
    if (!rest.includes('/')) return rest;
  }
  return ref.path;
}

/** refFamiliar with the tag and digest: `ubuntu:20.04`, `user/app@sha256:…`. */
export function refFamiliarString(ref: ImageRef): string {
  return refFamiliar(ref) + suffix(ref);
}

/** Adds `latest` when the reference names neither tag nor digest; callers that pull ask for it. */
export function withDefaultTag(ref: ImageRef): ImageRef {
  return ref.tag === null && ref.digest === null ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** The host that serves the registry API: Docker Hub's is registry-1.docker.io, others are the domain. */
export function registryHost(ref: Pick<ImageRef, 'domain'>): string {
  return ref.domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_REGISTRY_HOST : ref.domain;
}

function suffix(ref: ImageRef): string {
  return (ref.tag === null ? '' : `:${ref.tag}`) + (ref.digest === null ? '' : `@${ref.digest}`);
}
