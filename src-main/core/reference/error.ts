import { StevedoreError } from '../errors.js';

/** Longest slice of the caller's input we echo back, so a pasted megabyte never ends up in a log line. */
const ECHO_LIMIT = 300;

/** A reference, repository name, tag or digest that does not follow the grammar. The message names the problem. */
export class InvalidReferenceError extends StevedoreError {
  constructor(message: string, input?: string) {
    super('INVALID_REFERENCE', message, input === undefined ? undefined : { input: echo(input) });
  }
}

/** The input as it may appear in a message or in details: quoted by the caller, never unbounded. */
export function echo(text: string): string {
  return text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text;
}
