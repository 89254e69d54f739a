import { StevedoreError } from '../../errors.js';

/**
 * What can go wrong with Docker Content Trust data. The first group means the trust data is there
 * and does not verify (a signature shown as `invalid`); the second that we could not get it at all
 * (status `error`).
 */
export type NotaryErrorCode =
  // The data fails verification.
  | 'DCT_SIGNATURE_INVALID'
  | 'DCT_EXPIRED'
  | 'DCT_HASH_MISMATCH'
  | 'DCT_ROLLBACK'
  | 'DCT_ROOT_CHANGED'
  | 'DCT_ROOT_CERTIFICATE_INVALID'
  | 'DCT_METADATA_INVALID'
  // The data could not be fetched, or the setup is wrong.
  | 'DCT_SERVER_ERROR'
  | 'DCT_TOO_LARGE'
  | 'DCT_CONFIG_INVALID';

const VERIFICATION_CODES: ReadonlySet<NotaryErrorCode> = new Set([
  'DCT_SIGNATURE_INVALID',
  'DCT_EXPIRED',
  'DCT_HASH_MISMATCH',
  'DCT_ROLLBACK',
  'DCT_ROOT_CHANGED',
  'DCT_ROOT_CERTIFICATE_INVALID',
  'DCT_METADATA_INVALID',
]);

export class NotaryError extends StevedoreError {
  declare readonly code: NotaryErrorCode;
  constructor(
    code: NotaryErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }

  /** True when the trust data was fetched and fails verification (tampered, stale, replaced). */
  get isVerificationFailure(): boolean {
    return VERIFICATION_CODES.has(this.code);
  }
}
