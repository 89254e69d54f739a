import { CancelledError, StevedoreError } from '../../errors.js';
import { RegistryError } from '../errors.js';

/** Certificate problems: the server speaks TLS, we do not trust what it showed. */
const CERTIFICATE_CODE =
  /^(ERR_TLS_CERT_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;
/** What OpenSSL says when the other side answered our TLS hello in plain HTTP. */
const NOT_TLS_CODE = /^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST)$/;
const OTHER_TLS_CODE = /^(ERR_SSL_|ERR_OSSL_|ERR_TLS_|EPROTO$)/;
const TIMEOUT_CODE = /^(UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT)$/;
const RESET_CODE = /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED)$/;

interface SystemError {
  code?: string;
  message: string;
}

function codeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as SystemError).code;
  if (typeof code === 'string') return code;
  return error.cause === undefined ? undefined : codeOf(error.cause);
}

/** The original error's code, through our wrapping: `ECONNRESET`, `ERR_SSL_WRONG_VERSION_NUMBER`… */
export function networkCode(error: unknown): string | undefined {
  if (error instanceof RegistryError) return codeOf(error.cause);
  return codeOf(error);
}

/** True if the server answered plain HTTP where we spoke TLS. */
export function isNotTls(error: unknown): boolean {
  return NOT_TLS_CODE.test(networkCode(error) ?? '');
}

/** True if the certificate was refused (as opposed to the server not speaking TLS at all). */
export function isCertificateError(error: unknown): boolean {
  return CERTIFICATE_CODE.test(networkCode(error) ?? '');
}

/** A dropped connection: worth another try on an idempotent request. */
export function isConnectionReset(error: unknown): boolean {
  return RESET_CODE.test(networkCode(error) ?? '');
}

/**
 * Whatever undici or Node's sockets threw, as a RegistryError naming `host` (or CancelledError
 * if `signal` aborted). Errors that are already ours pass through.
 */
export function toNetworkError(
  error: unknown,
  host: string,
  timeoutMs: number,
  signal?: AbortSignal,
): StevedoreError {
  if (error instanceof StevedoreError) return error;
  if (signal?.aborted) return new CancelledError();
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const opts = { cause: error, details: { host, ...(code ? { code } : {}) } };
  const unreachable = (why: string) =>
    new RegistryError('REGISTRY_UNREACHABLE', `Cannot reach ${host}: ${why}.`, opts);

  if (code === undefined && error instanceof Error && error.name === 'AbortError')
    return new CancelledError();
  if (code !== undefined && TIMEOUT_CODE.test(code)) {
    return new RegistryError(
      'TIMEOUT',
      `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      opts,
    );
  }
  if (code !== undefined && CERTIFICATE_CODE.test(code)) {
    return new RegistryError(
      'TLS_ERROR',
      `The TLS certificate of ${host} is not trusted (${code}). Add the CA that signed it to the registry's settings, or mark the registry insecure if you trust the network.`,
      opts,
    );
  }
  if (code !== undefined && NOT_TLS_CODE.test(code)) {
    return new RegistryError('TLS_ERROR', `${host} does not speak TLS on this port.`, opts);
  }
  if (code !== undefined && OTHER_TLS_CODE.test(code)) {
    return new RegistryError('TLS_ERROR', `The TLS handshake with ${host} failed (${code}).`, opts);
  }
  switch (code) {
    case 'ECONNREFUSED':
      return unreachable('the connection was refused (is the registry running, and on this port?)');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return unreachable('the host name does not resolve');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return unreachable('no route to the host');
    case undefined:
      break;
    default:
      if (RESET_CODE.test(code)) return unreachable('the connection was closed unexpectedly');
  }
  return new RegistryError('REGISTRY_ERROR', `Talking to ${host} failed: ${message}`, opts);
}
