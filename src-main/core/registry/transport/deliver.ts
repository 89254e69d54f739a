import { RegistryError } from '../errors.js';
import { sleep } from './abort.js';
import { isConnectionReset } from './network-error.js';
import { checkRedirect, sameOrigin } from './policy.js';
import { discard } from './response.js';
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, RETRYABLE_STATUSES } from './retry.js';
import type { Exchange, Reply, Wire } from './wire.js';

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface DeliverOptions {
  wire: Wire;
  /** The origin `authorization` belongs to; redirects are judged against it too. */
  origin: URL;
  /** Names the server in messages: the registry host as the user wrote it. */
  host: string;
  /** Sent to `origin` only, never to a host a redirect leads to. */
  authorization?: string;
  maxRetries: number;
}

/**
 * Sends a request: follows redirects of GET and HEAD (at most 5), retries 429/502/503/504 and
 * dropped connections when the body can be sent again, waiting as Retry-After says (up to 60 s;
 * a longer wait is returned to the caller as the answer) or backing off exponentially.
 */
export async function deliver(exchange: Exchange, opts: DeliverOptions): Promise<Reply> {
  const replayable =
    exchange.body === undefined || typeof exchange.body === 'string' || Buffer.isBuffer(exchange.body);
  for (let attempt = 0; ; attempt += 1) {
    const canRetry = replayable && attempt < opts.maxRetries;
    let reply: Reply;
    try {
      reply = await followRedirects(exchange, opts);
    } catch (error) {
      if (!canRetry || !isConnectionReset(error)) throw error;
      await sleep(backoffDelay(attempt), exchange.signal);
      continue;
    }
    if (!canRetry || !RETRYABLE_STATUSES.has(reply.status)) return reply;
    const delay = parseRetryAfter(reply.headers['retry-after']) ?? backoffDelay(attempt);
    if (delay > MAX_RETRY_AFTER_MS) return reply;
    await discard(reply.body);
    await sleep(delay, exchange.signal);
  }
}

async function followRedirects(exchange: Exchange, opts: DeliverOptions): Promise<Reply> {
  const follows = exchange.method === 'GET' || exchange.method === 'HEAD';
  let url = exchange.url;
  for (let hop = 0; ; hop += 1) {
    const headers = withoutAuthorization(exchange.headers);
    if (opts.authorization !== undefined && sameOrigin(url, opts.origin))
      headers.authorization = opts.authorization;
    const label = url.host === opts.origin.host ? opts.host : `${url.host} (redirected from ${opts.host})`;
    const reply = await opts.wire.send({ ...exchange, url, headers }, label);
    const location = headerValue(reply.headers.location);
    if (!follows || !REDIRECT_STATUSES.has(reply.status) || location === undefined) return reply;
    await discard(reply.body);
    if (hop === MAX_REDIRECTS) {
      throw new RegistryError('PROTOCOL_ERROR', `${opts.host} redirected more than ${MAX_REDIRECTS} times.`, {
        status: reply.status,
        details: { host: opts.host, path: exchange.url.pathname },
      });
    }
    url = resolveLocation(location, url, opts.host);
    checkRedirect(url, opts.origin, opts.host);
  }
}

/** Caller headers with lower-case names and never an Authorization of theirs: that is ours to set. */
function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'authorization') clean[lower] = value;
  }
  return clean;
}

function resolveLocation(location: string, base: URL, host: string): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new RegistryError('PROTOCOL_ERROR', `${host} redirected to something that is not a URL.`, {
      details: { host, location: location.slice(0, 200) },
    });
  }
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
