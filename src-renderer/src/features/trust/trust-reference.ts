/**
 * References as the trust views key them. A badge, report or signature belongs to a repository
 * (`host/path`): signing a tag or changing what verifies invalidates by repository.
 */
import { parseReference, refName } from '../../../../src-main/core/reference/index.js';

/** `ubuntu@sha256:…` → `docker.io/library/ubuntu`; undefined for what does not parse. */
export function referenceRepository(reference: string): string | undefined {
  try {
    return refName(parseReference(reference));
  } catch {
    return undefined;
  }
}

/** `host/path@digest`: what a signature is written for, so a tag that moves meanwhile cannot mislead. */
export function digestReferenceOf(reference: string, digest: string): string {
  const repository = referenceRepository(reference);
  return repository ? `${repository}@${digest}` : reference;
}
