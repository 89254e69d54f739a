import { echo, InvalidReferenceError } from './error.js';
import { TAG_CHARACTERS } from './grammar.js';
import { MAX_TAG_LENGTH } from './types.js';

/** Validates a tag (`[\w][\w.-]{0,127}`) and returns it unchanged. */
export function parseTag(input: string): string {
  validateTag(input, input);
  return input;
}

/** Checks the tag of a reference; `input` is the whole reference, kept for the error's details. */
export function validateTag(tag: string, input: string): void {
  if (tag === '') throw new InvalidReferenceError('tag is empty', input);
  if (tag.length > MAX_TAG_LENGTH) {
    throw new InvalidReferenceError(`tag is longer than ${MAX_TAG_LENGTH} characters (${tag.length})`, input);
  }
  if (TAG_CHARACTERS.test(tag)) return;
  if (tag.startsWith('.') || tag.startsWith('-')) {
    throw new InvalidReferenceError(`tag "${echo(tag)}" must start with a letter, a digit or "_"`, input);
  }
  const bad = [...tag].find((c) => !/[\w.-]/.test(c));
  throw new InvalidReferenceError(
    `tag "${echo(tag)}" contains invalid character "${bad}" (allowed: letters, digits, "_", "." and "-")`,
    input,
  );
}
