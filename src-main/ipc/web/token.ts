import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A per-run secret: whoever knows it is the user who started `stevedore serve`. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares in constant time. Both sides are hashed first so that neither the length nor the
 * position of the first wrong character shows in the timing.
 */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
