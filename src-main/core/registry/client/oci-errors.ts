import { OciError } from '../../oci/errors.js';
import { RegistryError } from '../errors.js';

/**
 * The data model's refusals as the registry boundary states them: content a registry served that
 * breaks its schema is a PROTOCOL_ERROR; bytes that do not hash to their digest, DIGEST_MISMATCH.
 * Other errors pass through unchanged.
 */
export function fromOciError(error: unknown, host: string, what: string): unknown {
  if (!(error instanceof OciError)) return error;
  const details = { host, ...(isRecord(error.details) ? error.details : {}), cause: error.code };
  if (error.code === 'DIGEST_MISMATCH') {
    return new RegistryError(
      'DIGEST_MISMATCH',
      `${host} served ${what} that does not match its digest: ${error.message}.`,
      {
        details,
        cause: error,
      },
    );
  }
  return new RegistryError('PROTOCOL_ERROR', `${host} served ${what} we cannot read: ${error.message}.`, {
    details,
    cause: error,
  });
}

/** Runs `read` over content from `host`, restating OciErrors with fromOciError. */
export function readServed<T>(host: string, what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw fromOciError(error, host, what);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
