import { type ImageRef, refString } from '../reference/index.js';

/** What a copy reports to a user: both references, fully qualified, and the digest now at the destination. */
export interface CopiedImage {
  source: string;
  target: string;
  digest: string;
}

/** The destination as it will be written: its own tag or digest, else the source's tag. */
export function copyDestination(target: ImageRef, source: ImageRef): ImageRef {
  if (target.tag !== null || target.digest !== null) return target;
  return { ...target, tag: source.tag };
}

/** The references of a finished copy; a destination named by neither tag nor digest is named by the digest. */
export function copiedImage(source: ImageRef, target: ImageRef, digest: string): CopiedImage {
  const written = target.tag === null && target.digest === null ? { ...target, digest } : target;
  return { source: refString(source), target: refString(written), digest };
}
