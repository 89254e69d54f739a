import { StevedoreError } from '../errors.js';

export type CredentialErrorCode =
  /** config.json is not JSON, or a field has the wrong shape (an `auth` that is not base64 `user:pass`). */
  | 'DOCKER_CONFIG_INVALID'
  /** credsStore or credHelpers names a docker-credential-* program that is not on PATH. */
  | 'CREDENTIAL_HELPER_MISSING'
  /** The helper ran and failed, or answered something that is not the protocol. */
  | 'CREDENTIAL_HELPER_FAILED'
  | 'CREDENTIAL_HELPER_TIMEOUT'
  /** config.json or accounts.json could not be written (permissions, full disk). */
  | 'CONFIG_NOT_WRITABLE'
  /** No OS-backed encryption (CLI, browser mode, Linux without a keyring): the app will not keep secrets. */
  | 'NO_SECURE_STORAGE'
  /** A saved app account whose secret no longer decrypts (the keychain was reset). */
  | 'ACCOUNT_UNREADABLE';

/** Everything that goes wrong reading or writing credentials, with a code the UI can switch on. */
export class CredentialError extends StevedoreError {
  declare readonly code: CredentialErrorCode;
  constructor(code: CredentialErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}
