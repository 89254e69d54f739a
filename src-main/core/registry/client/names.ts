import { InvalidInputError } from '../../errors.js';
import { parseDigest, parseTag } from '../../reference/index.js';
import { validatePath } from '../../reference/path.js';

/**
 * A repository path inside a registry (`library/ubuntu`), checked against the grammar before it
 * becomes part of a URL path, so `..` or `?` can never steer a request elsewhere.
 */
export function checkRepository(repo: string): string {
  if (typeof repo !== 'string' || repo === '') throw new InvalidInputError('a repository name is required');
  validatePath(repo, repo);
  return repo;
}

/** A tag or a digest, as the last segment of a manifest URL: which one it is, checked. */
export function checkManifestReference(reference: string): { kind: 'tag' | 'digest'; value: string } {
  if (typeof reference !== 'string') throw new InvalidInputError('a tag or digest is required');
  return reference.includes(':')
    ? { kind: 'digest', value: parseDigest(reference) }
    : { kind: 'tag', value: parseTag(reference) };
}

export function pullScope(repo: string): string {
  return `repository:${repo}:pull`;
}
