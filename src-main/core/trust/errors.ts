import { StevedoreError } from '../errors.js';

export type TrustMaterialErrorCode =
  /** A key, certificate or trust root that does not parse, or is not what it claims. */
  | 'KEY_INVALID'
  | 'CERTIFICATE_INVALID'
  | 'TRUST_ROOT_INVALID'
  /** A kind of key we cannot sign or verify with. */
  | 'KEY_UNSUPPORTED'
  /** The key is encrypted and no password was given. */
  | 'KEY_PASSWORD_REQUIRED'
  | 'KEY_PASSWORD_WRONG'
  | 'KEY_NOT_FOUND'
  | 'KEY_EXISTS'
  /** Neither the system keychain nor a password is there to encrypt a private key with. */
  | 'NO_SECURE_STORAGE'
  /** The private key can no longer be decrypted (the keychain changed, the file was altered). */
  | 'KEY_UNREADABLE'
  | 'KEY_STORE_NOT_WRITABLE';

/**
 * What goes wrong with the material a user brings to trust decisions: keys, certificates, trust
 * roots, trust stores. Verification failures are not errors (they are `Signature`s with a
 * reason); these are the things that stop us before there is anything to verify.
 */
export class TrustMaterialError extends StevedoreError {
  declare readonly code: TrustMaterialErrorCode;
  constructor(
    code: TrustMaterialErrorCode,
    message: string,
    details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}
