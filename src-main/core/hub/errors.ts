import { StevedoreError } from '../errors.js';

export type HubErrorCode =
  /** No answer: no network, DNS, a proxy in the way, or no answer in time. */
  | 'HUB_UNREACHABLE'
  /** 429: Hub limits searches per address; `details.retryAfterSeconds` when it says how long. */
  | 'TOO_MANY_REQUESTS'
  /** Any other non-2xx answer; `details.status`. */
  | 'HUB_ERROR'
  /** A 2xx answer that is not the search API's JSON, or larger than we read. */
  | 'HUB_BAD_RESPONSE';

/** What goes wrong talking to Docker Hub's own API (hub.docker.com, not the registry). */
export class HubError extends StevedoreError {
  declare readonly code: HubErrorCode;
  constructor(code: HubErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}
