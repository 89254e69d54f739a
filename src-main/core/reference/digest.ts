import { echo, InvalidReferenceError } from './error.js';
import { DIGEST_ALGORITHM, LOWERCASE_HEX } from './grammar.js';

/** Hex length of each algorithm we can verify; the same set go-digest registers. */
export const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/**
 * Validates `algorithm:hex` and returns it unchanged. An algorithm that fits the grammar but
 * that we cannot hash is refused too: a digest we cannot verify is no better than a tag.
 */
export function parseDigest(input: string): string {
  validateDigest(input, input);
  return input;
}

/** Checks the digest of a reference; `input` is the whole reference, kept for the error's details. */
export function validateDigest(digest: string, input: string): void {
  if (digest === '') throw new InvalidReferenceError('digest is empty', input);
  const colon = digest.indexOf(':');
  if (colon <= 0)
    throw new InvalidReferenceError(`digest "${echo(digest)}" must have the form algorithm:hex`, input);
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  if (!DIGEST_ALGORITHM.test(algorithm)) {
    throw new InvalidReferenceError(`invalid digest algorithm "${echo(algorithm)}"`, input);
  }
  const length = DIGEST_HEX_LENGTHS[algorithm];
  if (length === undefined) {
    const supported = Object.keys(DIGEST_HEX_LENGTHS).join(', ');
    throw new InvalidReferenceError(
      `unsupported digest algorithm "${algorithm}" (supported: ${supported})`,
      input,
    );
  }
  if (hex.length !== length) {
    throw new InvalidReferenceError(
      `${algorithm} digest must have ${length} hex characters (it has ${hex.length})`,
      input,
    );
  }
  if (!LOWERCASE_HEX.test(hex)) {
    throw new InvalidReferenceError(`${algorithm} digest must be lowercase hex (0-9, a-f)`, input);
  }
}
