import { CancelledError } from '../../errors.js';
import { RegistryError, registryErrorFrom } from '../errors.js';
import { parseChallenges } from './challenge.js';
import { deliver } from './deliver.js';
import { isCertificateError, isNotTls } from './network-error.js';
import { schemesFor } from './policy.js';
import { discard, readCapped } from './response.js';
import type { AuthScheme, Challenge, PingResult, ResponseHeaders } from './types.js';
import type { Reply, Wire } from './wire.js';

/** How much of an error body we read to explain it. */
export const ERROR_BODY_LIMIT = 64 * 1024;

export interface PingOptions {
  wire: Wire;
  apiHost: string;
  host: string;
  insecure: boolean;
  maxRetries: number;
}

/**
 * `GET /v2/` without credentials: tells whether the host is a registry, which scheme works, and
 * how it wants us to authenticate. HTTPS first; plain HTTP only where schemesFor allows it, and
 * only if HTTPS failed for a reason other than a certificate we do not trust.
 */
export async function ping(opts: PingOptions): Promise<PingResult> {
  const schemes = schemesFor(opts.apiHost, opts.insecure);
  for (const [index, scheme] of schemes.entries()) {
    const baseUrl = new URL(`${scheme}://${opts.apiHost}/`);
    let reply: Reply;
    try {
      reply = await deliver(
        { method: 'GET', url: new URL('/v2/', baseUrl), headers: {} },
        { wire: opts.wire, origin: baseUrl, host: opts.host, maxRetries: opts.maxRetries },
      );
    } catch (error) {
      const fallback = index < schemes.length - 1;
      if (fallback && !(error instanceof CancelledError) && !isCertificateError(error)) continue;
      if (!fallback && scheme === 'https' && isNotTls(error)) {
        throw new RegistryError(
          'INSECURE_REFUSED',
          `${opts.host} answers in plain HTTP only. Registries that are not on this machine must use HTTPS; mark ${opts.host} insecure in its settings only if you trust the network.`,
          { details: { host: opts.host }, cause: error },
        );
      }
      throw error;
    }
    return interpret(reply, baseUrl, opts.host);
  }
  throw new Error('unreachable: schemesFor always returns https');
}

async function interpret(reply: Reply, baseUrl: URL, host: string): Promise<PingResult> {
  const apiVersion = single(reply.headers['docker-distribution-api-version']);
  const common = { status: reply.status, ...(apiVersion ? { apiVersion } : {}), baseUrl };
  if (reply.status >= 200 && reply.status < 300) {
    await discard(reply.body);
    return { ...common, challenges: [], scheme: 'none' };
  }
  if (reply.status === 401) {
    await discard(reply.body);
    const challenges = challengesOf(reply.headers);
    return { ...common, challenges, scheme: pickScheme(challenges) };
  }
  const body = await readCapped(reply.body, ERROR_BODY_LIMIT, reply, host).catch(() => Buffer.alloc(0));
  if (reply.status === 404) {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${host} does not serve the registry API (GET /v2/ answered 404). Check the host and port.`,
      { status: 404, details: { host } },
    );
  }
  throw registryErrorFrom(reply.status, body, host, reply.headers);
}

/** Every challenge of every `WWW-Authenticate` header. */
export function challengesOf(headers: ResponseHeaders): Challenge[] {
  const value = headers['www-authenticate'];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap(parseChallenges);
}

/** Bearer if offered (tokens scope access), else Basic; 'unknown' for schemes we do not speak. */
export function pickScheme(challenges: Challenge[]): AuthScheme {
  if (challenges.some((challenge) => challenge.scheme === 'bearer')) return 'bearer';
  if (challenges.some((challenge) => challenge.scheme === 'basic')) return 'basic';
  return 'unknown';
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
