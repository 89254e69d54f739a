/**
 * How trust statuses and signature kinds read in the UI: labels, colours and the sentence a badge's
 * tooltip or the Trust tab's header says. Pure functions: the unit tests pin them down.
 */
import type { Signature, SignatureKind, TrustStatus } from '../../../../src-main/core/trust/types.js';
import { formatCount } from '../../lib/format.js';

export const STATUS_LABELS: Record<TrustStatus, string> = {
  verified: 'Verified',
  signed: 'Signed',
  unsigned: 'Unsigned',
  invalid: 'Invalid',
  error: 'Unknown',
};

/** Mantine colours: green only for what verified, red for what failed, calm grey otherwise. */
export const STATUS_COLORS: Record<TrustStatus, string> = {
  verified: 'teal',
  signed: 'gray',
  unsigned: 'gray',
  invalid: 'red',
  error: 'orange',
};

export const KIND_LABELS: Record<SignatureKind, string> = {
  dct: 'Docker Content Trust',
  cosign: 'cosign',
  notation: 'Notation',
};

/** `cosign and Notation`, `DCT, cosign and Notation`: short names, in the order given. */
export function kindList(kinds: readonly SignatureKind[]): string {
  const names = kinds.map((kind) => (kind === 'dct' ? 'DCT' : KIND_LABELS[kind]));
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A badge's tooltip: the status in words, and which systems signed. */
export function badgeTooltip(status: TrustStatus, kinds: readonly SignatureKind[]): string {
  const by = kinds.length > 0 ? ` (${kindList(kinds)})` : '';
  switch (status) {
    case 'verified':
      return `Verified${by}: a signature checks out against your keys or trust roots.`;
    case 'signed':
      return `Signed${by}, but nothing in your trust settings can verify it.`;
    case 'unsigned':
      return 'Unsigned: no DCT, cosign or Notation signature found.';
    case 'invalid':
      return `Invalid${by}: a signature failed verification.`;
    case 'error':
      return 'Trust could not be checked: the registry or notary server failed.';
  }
}

/** The Trust tab's one-line summary under the status. */
export function statusSummary(status: TrustStatus, signatures: readonly Signature[]): string {
  const verified = signatures.filter((signature) => signature.verified).length;
  const count = formatCount(signatures.length, 'signature');
  switch (status) {
    case 'verified':
      return `${verified} of ${count} verified against your keys and trust roots.`;
    case 'signed':
      return `${count} found, none verifiable yet: import the signer's public key, CA or Sigstore root in Settings › Trust.`;
    case 'unsigned':
      return 'No Docker Content Trust, cosign or Notation signature was found for this digest.';
    case 'invalid':
      return 'A signature is present but fails verification, or signs another digest. Do not trust this image until you know why.';
    case 'error':
      return 'Trust could not be determined.';
  }
}

/** The distinct kinds among signatures, in a fixed order. */
export function kindsOf(signatures: readonly Signature[]): SignatureKind[] {
  const order: SignatureKind[] = ['dct', 'cosign', 'notation'];
  return order.filter((kind) => signatures.some((signature) => signature.kind === kind));
}
