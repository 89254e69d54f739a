import { RegistryError } from './errors.js';

/** The two registries of a copy, as references name them. */
export interface CopySides {
  source: string;
  destination: string;
}

/**
 * A copy's failure with the next step in its message: log in, ask for access, bring the registry
 * back or free space on it, then copy again (blobs already there are not sent twice). The code,
 * status and details stay the registry error's: only the words change. Anything else passes as is.
 */
export function copyFailure(error: unknown, sides: CopySides): unknown {
  if (!(error instanceof RegistryError)) return error;
  const host = hostOf(error) ?? sides.destination;
  const writing = host === sides.destination;
  const message = reworded(error, host, writing);
  if (message === undefined) return error;
  return new RegistryError(error.code, message, {
    ...(error.status === undefined ? {} : { status: error.status }),
    specCodes: error.specCodes,
    details: (error.details ?? {}) as Record<string, unknown>,
    cause: error,
  });
}

function reworded(error: RegistryError, host: string, writing: boolean): string | undefined {
  const words = registryWords(error);
  const said = words ? ` (${words})` : '';
  switch (error.code) {
    case 'UNAUTHORIZED':
      return `${host} refused the copy without a valid login${said}. Log in, or log in again if the stored login is wrong (stevedore login ${host}), then copy again.`;
    case 'DENIED':
      return `${host} denied the copy${said}: this login may not ${writing ? 'push there' : 'read the image'}. Ask for access, or log in as someone who has it (stevedore login ${host}).`;
    case 'REGISTRY_UNREACHABLE':
    case 'TIMEOUT':
      return `${error.message} Nothing was tagged; once ${host} answers again, copy again${writing ? ': blobs it already has are not sent twice' : ''}.`;
    case 'REGISTRY_ERROR': {
      if (!writing || (error.status ?? 0) < 500) return undefined;
      const full = outOfSpace(error, words);
      return full
        ? `${host} ran out of storage space (${full}). Free space on the registry, then copy again: blobs it already has are not sent twice.`
        : `${host} failed to store the copy (HTTP ${error.status}${words ? `: ${words}` : ''}); a full disk is the usual cause. Its log says more; once it is fixed, copy again.`;
    }
    default:
      return undefined;
  }
}

function hostOf(error: RegistryError): string | undefined {
  const details = error.details as { host?: unknown } | undefined;
  return typeof details?.host === 'string' ? details.host : undefined;
}

interface KeptError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

function keptErrors(error: RegistryError): KeptError[] {
  return (error.details as { errors?: KeptError[] } | undefined)?.errors ?? [];
}

/** The registry's own words: its spec errors' messages and string details (distribution puts the cause there). */
function registryWords(error: RegistryError): string | undefined {
  const words = keptErrors(error).flatMap((entry) =>
    [entry.message, entry.detail].filter((text): text is string => typeof text === 'string' && text !== ''),
  );
  const text = [...new Set(words)].join(': ');
  return text === '' ? undefined : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

const OUT_OF_SPACE = /no space left on device|disk quota exceeded|insufficient storage/i;
/** Linux's errno for a full disk, as distribution's storage driver errors carry it. */
const ENOSPC = 28;

/** How the registry said its storage is full, else undefined. */
function outOfSpace(error: RegistryError, words: string | undefined): string | undefined {
  const phrase = OUT_OF_SPACE.exec(words ?? '')?.[0];
  if (phrase !== undefined) return phrase;
  if (keptErrors(error).some((entry) => driverErrno(entry.detail) === ENOSPC))
    return 'no space left on device';
  return error.status === 507 ? 'HTTP 507 Insufficient Storage' : undefined;
}

/**
 * distribution words some storage failures only as `{"DriverName":"filesystem","Enclosed":
 * {"Op":"write","Path":…,"Err":28}}`: Go's error, with its errno.
 */
function driverErrno(detail: unknown): number | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const enclosed = (detail as { Enclosed?: { Err?: unknown } }).Enclosed;
  return typeof enclosed?.Err === 'number' ? enclosed.Err : undefined;
}
