import { validateDigest } from './digest.js';
import { validateDomain } from './domain.js';
import { echo, InvalidReferenceError } from './error.js';
import { IMAGE_ID } from './grammar.js';
import { splitDomain } from './normalize.js';
import { validatePath } from './path.js';
import { validateTag } from './tag.js';
import type { ImageRef, RepositoryRef } from './types.js';
import { MAX_NAME_LENGTH } from './types.js';

/**
 * Parses what a user types after `docker pull` into a normalized reference
 * (ParseNormalizedNamed): `ubuntu` is docker.io/library/ubuntu, `index.docker.io/x` is
 * docker.io/library/x. The tag and digest are kept as written; no `latest` is invented
 * (see withDefaultTag).
 */
export function parseReference(input: string): ImageRef {
  checkWhole(input);
  // "@" and ":" inside an IPv6 host's brackets are not separators, so search after the "]".
  const at = input.indexOf('@', input.lastIndexOf(']') + 1);
  const beforeDigest = at === -1 ? input : input.slice(0, at);
  const digestText = at === -1 ? null : input.slice(at + 1);
  // A tag's ":" is the last one after the last "/": earlier ones belong to a registry port.
  const colon = beforeDigest.lastIndexOf(':');
  const hasTag = colon > Math.max(beforeDigest.lastIndexOf('/'), beforeDigest.lastIndexOf(']'));
  const name = hasTag ? beforeDigest.slice(0, colon) : beforeDigest;
  const tagText = hasTag ? beforeDigest.slice(colon + 1) : null;

  const { domain, path } = parseName(name, input);
  if (tagText !== null) validateTag(tagText, input);
  if (digestText !== null) validateDigest(digestText, input);
  return { domain, path, tag: tagText, digest: digestText };
}

/** A repository name alone, normalized like parseReference; a tag or digest is an error. */
export function parseRepository(input: string): RepositoryRef {
  const ref = parseReference(input);
  if (ref.digest !== null) {
    throw new InvalidReferenceError(`a repository name cannot have a digest ("@${ref.digest}")`, input);
  }
  if (ref.tag !== null) {
    const hint =
      !input.includes('/') && /^\d+$/.test(ref.tag)
        ? '; a registry host needs a repository after it, as in localhost:5000/app'
        : '';
    throw new InvalidReferenceError(`a repository name cannot have a tag (":${ref.tag}")${hint}`, input);
  }
  return { ...ref, tag: null, digest: null };
}

function checkWhole(input: string): void {
  if (typeof input !== 'string') throw new InvalidReferenceError('reference must be a string');
  if (input === '') throw new InvalidReferenceError('reference is empty', input);
  if (/\s/.test(input)) throw new InvalidReferenceError('reference must not contain whitespace', input);
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(input);
  if (scheme !== null) {
    throw new InvalidReferenceError(
      `reference must not start with a URL scheme ("${scheme[0]}"); write host/repository, as in example.com/app`,
      input,
    );
  }
  if (IMAGE_ID.test(input)) {
    throw new InvalidReferenceError(
      'a 64-character hex string is read as an image ID, not a repository name (prefix a domain, as in docker.io/…)',
      input,
    );
  }
}

function parseName(name: string, input: string): { domain: string; path: string } {
  if (name === '') throw new InvalidReferenceError(`repository name is empty in "${echo(input)}"`, input);
  // Without a "/" the name is a Docker Hub repository, which a bracketed IPv6 host can never be.
  if (name.startsWith('[') && !name.includes('/')) {
    throw new InvalidReferenceError(
      `registry host "${echo(name)}" needs a repository after it, as in ${echo(name)}:5000/app`,
      input,
    );
  }
  const { domain, path } = splitDomain(name);
  validateDomain(domain, input);
  validatePath(path, input);
  const length = domain.length + 1 + path.length;
  if (length > MAX_NAME_LENGTH) {
    throw new InvalidReferenceError(
      `repository name is longer than ${MAX_NAME_LENGTH} characters (it has ${length})`,
      input,
    );
  }
  return { domain, path };
}
