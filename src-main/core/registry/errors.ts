import { StevedoreError } from '../errors.js';

export type RegistryErrorCode =
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'NOT_FOUND'
  | 'UNSUPPORTED'
  | 'TOO_MANY_REQUESTS'
  | 'REGISTRY_UNREACHABLE'
  | 'TLS_ERROR'
  | 'TIMEOUT'
  | 'INSECURE_REFUSED'
  | 'CROSS_HOST_REFUSED'
  | 'DIGEST_MISMATCH'
  | 'TOO_LARGE'
  | 'PROTOCOL_ERROR'
  | 'REGISTRY_ERROR';

/** One entry of the spec's error body: `{"errors":[{"code","message","detail"}]}`. */
export interface SpecError {
  code: string;
  message?: string;
  detail?: unknown;
}

export interface RegistryErrorOptions {
  status?: number;
  specCodes?: string[];
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Everything that goes wrong between us and a registry. `code` is ours and stable (the UI switches
 * on it); `specCodes` are the registry's own (`MANIFEST_UNKNOWN`, `DENIED`, ...), `status` its HTTP status.
 */
export class RegistryError extends StevedoreError {
  declare readonly code: RegistryErrorCode;
  readonly status?: number;
  readonly specCodes: string[];
  constructor(code: RegistryErrorCode, message: string, opts: RegistryErrorOptions = {}) {
    const details = {
      ...(opts.status === undefined ? {} : { status: opts.status }),
      ...(opts.specCodes?.length ? { specCodes: opts.specCodes } : {}),
      ...opts.details,
    };
    super(code, message, Object.keys(details).length ? details : undefined, { cause: opts.cause });
    if (opts.status !== undefined) this.status = opts.status;
    this.specCodes = opts.specCodes ?? [];
  }
}

/** At most this many characters of a registry's own words go into a message. */
const SERVER_TEXT_LIMIT = 200;
/** At most this many spec errors are kept in details. */
const KEPT_ERRORS = 5;

const NOT_FOUND_CODES: Record<string, string> = {
  MANIFEST_UNKNOWN: 'Manifest',
  NAME_UNKNOWN: 'Repository',
  BLOB_UNKNOWN: 'Blob',
  BLOB_UPLOAD_UNKNOWN: 'Upload',
};

/**
 * Turns a registry's non-2xx answer into a RegistryError. `body` is what the caller read of it
 * (capped by the caller); `headers` add Retry-After and Docker Hub's rate-limit counters to details.
 */
export function registryErrorFrom(
  status: number,
  body: Buffer | string | undefined,
  host: string,
  headers: Record<string, string | string[] | undefined> = {},
): RegistryError {
  const { errors, text } = parseErrorBody(body);
  const specCodes = errors.map((error) => error.code);
  const serverText = clip(errors.find((error) => error.message)?.message ?? text);
  const reason = serverText ? `: ${serverText}` : '';
  const details: Record<string, unknown> = { host };
  if (errors.length) details.errors = errors.slice(0, KEPT_ERRORS);
  const retryAfter = firstHeader(headers, 'retry-after');
  if (retryAfter !== undefined) details.retryAfter = retryAfter;
  const rateLimit = firstHeader(headers, 'ratelimit-remaining');
  if (rateLimit !== undefined) {
    details.rateLimit = { limit: firstHeader(headers, 'ratelimit-limit'), remaining: rateLimit };
  }
  const opts = { status, specCodes, details };
  const has = (code: string) => specCodes.includes(code);

  if (has('TOOMANYREQUESTS') || status === 429) {
    const when =
      retryAfter === undefined ? 'later' : `after ${retryAfter}${/^\d+$/.test(retryAfter) ? ' s' : ''}`;
    return new RegistryError(
      'TOO_MANY_REQUESTS',
      `${host} is limiting requests (HTTP 429)${reason}. Try again ${when}.`,
      opts,
    );
  }
  if (has('DENIED') || status === 403) {
    return new RegistryError('DENIED', `${host} denied access${reason}.`, opts);
  }
  if (has('UNAUTHORIZED') || status === 401) {
    return new RegistryError(
      'UNAUTHORIZED',
      `${host} requires you to log in, or refused the credentials${reason}.`,
      opts,
    );
  }
  const missing = specCodes.find((code) => code in NOT_FOUND_CODES);
  if (missing !== undefined || status === 404) {
    const what = missing === undefined ? 'Not found' : `${NOT_FOUND_CODES[missing]} not found`;
    return new RegistryError('NOT_FOUND', `${what} on ${host}${reason}.`, opts);
  }
  if (has('UNSUPPORTED') || status === 405) {
    return new RegistryError(
      'UNSUPPORTED',
      `${host} does not allow this operation (HTTP ${status}${reason}); it may be turned off on the registry, as deletion often is.`,
      opts,
    );
  }
  return new RegistryError('REGISTRY_ERROR', `${host} answered HTTP ${status}${reason}.`, opts);
}

/**
 * The spec's `{"errors":[…]}`, or a token service's `{"details": "…"}` / `{"message": "…"}`,
 * or the first line of a plain-text body. HTML error pages say nothing useful: ignored.
 */
function parseErrorBody(body: Buffer | string | undefined): { errors: SpecError[]; text?: string } {
  if (body === undefined || body.length === 0) return { errors: [] };
  const raw = typeof body === 'string' ? body : body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    const line = raw.trim().split('\n', 1)[0]?.trim();
    return { errors: [], text: line && !line.startsWith('<') ? line : undefined };
  }
  if (!isObject(json)) return { errors: [] };
  const errors = Array.isArray(json.errors) ? json.errors.flatMap(toSpecError) : [];
  const text = [json.details, json.message, json.error_description, json.error].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  return { errors, text };
}

function toSpecError(entry: unknown): SpecError[] {
  if (!isObject(entry) || typeof entry.code !== 'string') return [];
  const error: SpecError = { code: entry.code.toUpperCase() };
  if (typeof entry.message === 'string') error.message = entry.message;
  if (entry.detail !== undefined) error.detail = entry.detail;
  return [error];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  return flat.length > SERVER_TEXT_LIMIT ? `${flat.slice(0, SERVER_TEXT_LIMIT)}…` : flat;
}

function firstHeader(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
