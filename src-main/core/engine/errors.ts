import { StevedoreError } from '../errors.js';
import type { EngineEndpoint } from './types.js';

export type EngineErrorCode =
  | 'ENGINE_UNREACHABLE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_REFERENCE'
  | 'PERMISSION_DENIED'
  // A registry refused the engine's push or pull: no or wrong credentials, or no access.
  | 'UNAUTHORIZED'
  | 'DENIED'
  // The engine could not reach the registry, or the registry failed (a full disk, a crash).
  | 'REGISTRY_UNREACHABLE'
  | 'REGISTRY_ERROR'
  | 'TLS_ERROR'
  | 'TIMEOUT'
  | 'ENGINE_ERROR';

/** Everything that goes wrong between us and a Docker Engine, with a code the UI can switch on. */
export class EngineError extends StevedoreError {
  declare readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}

/** What docker-modem attaches to an error for a non-2xx answer. */
interface ModemHttpError {
  statusCode: number;
  json?: unknown;
  message: string;
}

/** What Node's net/tls and ssh2 attach to a socket-level error. */
interface SocketError {
  code?: string;
  hostname?: string;
  level?: string;
  message: string;
}

const START_HINT = 'Start Docker, or set DOCKER_HOST.';

/**
 * Turns whatever dockerode, docker-modem, Node's sockets or ssh2 threw into an EngineError
 * whose message a user understands. `endpoint` names the engine in the message.
 */
export function toEngineError(error: unknown, endpoint?: EngineEndpoint): EngineError {
  if (error instanceof EngineError) return error;
  if (isModemHttpError(error)) return fromHttpStatus(error);
  if (error instanceof Error) return fromSocketError(error as SocketError, endpoint, error);
  return new EngineError('ENGINE_ERROR', String(error));
}

function isModemHttpError(error: unknown): error is ModemHttpError {
  return error instanceof Error && typeof (error as Partial<ModemHttpError>).statusCode === 'number';
}

function fromHttpStatus(error: ModemHttpError): EngineError {
  const message = engineMessage(error);
  const details = { statusCode: error.statusCode };
  const options = { cause: error };
  switch (error.statusCode) {
    case 400:
      // A plain-HTTP request to a TLS port is answered 400 by Go's TLS server.
      if (/HTTP request to an HTTPS server/i.test(message)) {
        return new EngineError(
          'TLS_ERROR',
          'The engine expects TLS: use tcp:// with certificates (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) or https://.',
          details,
          options,
        );
      }
      return new EngineError('INVALID_REFERENCE', message, details, options);
    case 401:
    case 403:
      return new EngineError('PERMISSION_DENIED', message, details, options);
    case 404:
      return new EngineError('NOT_FOUND', message, details, options);
    case 409:
      return new EngineError('CONFLICT', message, details, options);
    default:
      return new EngineError('ENGINE_ERROR', message, details, options);
  }
}

/** The daemon's own sentence (`{"message": "No such image: x:latest"}`), else modem's summary. */
function engineMessage(error: ModemHttpError): string {
  const json = error.json;
  if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') {
    return capitalise(withoutRepeat(json.message));
  }
  if (typeof json === 'string' && json.trim() !== '') return capitalise(json.trim());
  return error.message.trim();
}

/** Engines wrap errors in themselves: "no such image: x: No such image: x" says it once. */
function withoutRepeat(message: string): string {
  const half = message.indexOf(': ', Math.floor((message.length - 2) / 2) - 1);
  if (half === -1) return message;
  const first = message.slice(0, half);
  const second = message.slice(half + 2);
  return first.toLowerCase() === second.toLowerCase() ? second : message;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

function fromSocketError(
  error: SocketError,
  endpoint: EngineEndpoint | undefined,
  cause: Error,
): EngineError {
  const where = endpoint ? endpoint.url : 'the engine';
  const isUnix = endpoint?.url.startsWith('unix://') ?? false;
  const options = { cause };
  const details = error.code === undefined ? undefined : { code: error.code };
  const unreachable = (why: string) =>
    new EngineError(
      'ENGINE_UNREACHABLE',
      `No Docker Engine answers at ${where}: ${why}. ${START_HINT}`,
      details,
      options,
    );

  if (error.level === 'client-authentication') {
    return new EngineError(
      'PERMISSION_DENIED',
      `SSH login to ${where} failed: ${error.message}. Load your key into ssh-agent (ssh-add) and check the user name.`,
      details,
      options,
    );
  }
  if (error.level === 'client-timeout') {
    return new EngineError('TIMEOUT', `The SSH connection to ${where} timed out.`, details, options);
  }
  switch (error.code) {
    case 'ENOENT':
      return unreachable(isUnix ? 'the socket does not exist' : 'the pipe does not exist');
    case 'ECONNREFUSED':
      return unreachable(isUnix ? 'nothing listens on the socket' : 'the connection was refused');
    case 'ENOTSOCK':
      return unreachable('the path is not a socket');
    case 'EACCES':
    case 'EPERM':
      return new EngineError(
        'PERMISSION_DENIED',
        `Permission denied on ${where}. Add your user to the docker group (then log in again), or use a rootless engine.`,
        details,
        options,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return unreachable(
        error.hostname
          ? `the host name ${error.hostname} does not resolve`
          : 'the host name does not resolve',
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return unreachable('the host cannot be reached');
    case 'ECONNRESET':
    case 'EPIPE':
      return unreachable('the connection was closed before the engine answered');
    case 'ETIMEDOUT':
      return new EngineError(
        'TIMEOUT',
        `No answer from ${where} in time. Check the host and the network.`,
        details,
        options,
      );
  }
  if (error.message === 'socket hang up')
    return unreachable('the connection was closed before the engine answered');
  if (
    (error.code !== undefined && TLS_CODE.test(error.code)) ||
    /\bSSL\b|\bTLS\b|certificate/i.test(error.message)
  ) {
    const certs = endpoint?.tlsCertPath
      ? ` Check ca.pem, cert.pem and key.pem in ${endpoint.tlsCertPath}.`
      : '';
    return new EngineError(
      'TLS_ERROR',
      `TLS with ${where} failed: ${error.message}.${certs}`,
      details,
      options,
    );
  }
  return new EngineError('ENGINE_ERROR', `${where}: ${error.message}`, details, options);
}
