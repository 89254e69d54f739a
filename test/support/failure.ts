import type { StevedoreError } from '../../src-main/core/errors.js';

/** The error `promise` rejects with; fails the test if it resolves instead. */
export async function failure<E extends StevedoreError = StevedoreError>(
  promise: Promise<unknown>,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the operation to fail');
}
