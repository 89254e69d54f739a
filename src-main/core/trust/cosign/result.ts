import type { Signature } from '../types.js';

/** What verifying a cosign signature found, before it is named by where it was found. */
export type CosignFinding = Omit<Signature, 'kind' | 'source'>;

/** A signature checked and failed: the whole trust status becomes `invalid`. */
export function failed(
  base: Omit<CosignFinding, 'verified' | 'invalid' | 'reason'>,
  reason: string,
): CosignFinding {
  return { ...base, verified: false, invalid: true, reason };
}

/** A signature nothing the user configured can check: status `signed` at best. */
export function unverifiable(
  base: Omit<CosignFinding, 'verified' | 'invalid' | 'reason'>,
  reason: string,
): CosignFinding {
  return { ...base, verified: false, invalid: false, reason };
}

export function verified(
  base: Omit<CosignFinding, 'verified' | 'invalid' | 'reason'>,
  reason: string,
): CosignFinding {
  return { ...base, verified: true, invalid: false, reason };
}

/** The names of the keys tried, for reasons: `cosign.pub`, `a.pub and b.pub`, `3 keys`. */
export function keyNames(keys: readonly { name: string }[]): string {
  if (keys.length <= 2) return keys.map((k) => `key ${k.name}`).join(' or ');
  return `any of your ${keys.length} keys`;
}
