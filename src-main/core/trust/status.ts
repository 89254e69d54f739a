import type { Signature, TrustStatus } from './types.js';

/** The status of a set of signatures: any invalid one wins, then any verified one, then presence. */
export function trustStatus(signatures: readonly Signature[]): TrustStatus {
  if (signatures.length === 0) return 'unsigned';
  if (signatures.some((s) => s.invalid)) return 'invalid';
  if (signatures.some((s) => s.verified)) return 'verified';
  return 'signed';
}
