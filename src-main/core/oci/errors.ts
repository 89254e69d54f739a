import { StevedoreError } from '../errors.js';

export type OciErrorCode =
  /** Bytes that claim to be a manifest but break its schema (or the media type it was served as). */
  | 'MANIFEST_INVALID'
  /** An image config blob that is not a JSON object. */
  | 'CONFIG_INVALID'
  /** Bytes whose hash is not the digest they were asked for or stored under. */
  | 'DIGEST_MISMATCH'
  /** A digest we cannot check: malformed, or an algorithm we cannot hash. */
  | 'DIGEST_INVALID'
  /** An `os/arch[/variant]` string that is not one. */
  | 'PLATFORM_INVALID';

/**
 * What the OCI data model refuses. This folder is a leaf that knows no network: the registry
 * client maps these codes to RegistryError (MANIFEST_INVALID → PROTOCOL_ERROR, DIGEST_MISMATCH
 * stays DIGEST_MISMATCH), so the UI sees one vocabulary per boundary.
 */
export class OciError extends StevedoreError {
  declare readonly code: OciErrorCode;
  constructor(code: OciErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}
