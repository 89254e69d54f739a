import { RegistryError, registryErrorFrom } from '../errors.js';
import { deliver } from './deliver.js';
import { readCapped } from './response.js';
import type { Credential } from './types.js';
import type { Wire } from './wire.js';

/** Tokens are JWTs of a few KiB; an answer past this is not a token. */
const MAX_TOKEN_RESPONSE = 1024 * 1024;
/** The token spec's default lifetime when `expires_in` is missing. */
export const DEFAULT_TOKEN_SECONDS = 60;
/** Sent as OAuth2 `client_id`, which the refresh-token grant requires. */
const CLIENT_ID = 'stevedore';

export interface TokenGrant {
  token: string;
  /** Lifetime the service gave, in seconds (`expires_in`, default 60). */
  expiresInSeconds: number;
}

export interface TokenRequest {
  wire: Wire;
  realm: URL;
  service?: string;
  scopes: string[];
  credential?: Credential;
  /** The registry host as the user wrote it, for messages. */
  host: string;
  maxRetries: number;
  signal?: AbortSignal;
}

/**
 * Asks the token service for a bearer token covering `scopes` (docs: distribution spec/auth/token.md).
 * With an identity token: the OAuth2 refresh-token grant, a form POST (spec/auth/oauth.md). Otherwise
 * a GET with the scopes in the query and Basic credentials, if any; anonymous without.
 */
export async function fetchToken(request: TokenRequest): Promise<TokenGrant> {
  const { realm, service, scopes, credential } = request;
  const label = `${realm.host} (token service of ${request.host})`;
  const common = { wire: request.wire, origin: realm, host: label, maxRetries: request.maxRetries };
  let reply: Awaited<ReturnType<typeof deliver>>;
  if (credential?.identityToken) {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credential.identityToken,
      client_id: CLIENT_ID,
      ...(service ? { service } : {}),
      ...(scopes.length ? { scope: scopes.join(' ') } : {}),
    });
    reply = await deliver(
      {
        method: 'POST',
        url: realm,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: request.signal,
      },
      common,
    );
  } else {
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    const basic = credential?.username && credential.password !== undefined ? credential : undefined;
    if (basic?.username) url.searchParams.set('account', basic.username);
    reply = await deliver(
      { method: 'GET', url, headers: { accept: 'application/json' }, signal: request.signal },
      basic ? { ...common, authorization: basicAuthorization(basic.username!, basic.password!) } : common,
    );
  }

  const body = await readCapped(reply.body, MAX_TOKEN_RESPONSE, reply, label).catch((error: unknown) => {
    if (reply.status >= 200 && reply.status < 300) throw error;
    return Buffer.alloc(0);
  });
  if (reply.status < 200 || reply.status >= 300)
    throw registryErrorFrom(reply.status, body, label, reply.headers);
  return parseTokenResponse(body, label);
}

function parseTokenResponse(body: Buffer, label: string): TokenGrant {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new RegistryError('PROTOCOL_ERROR', `${label} answered with something that is not JSON.`, {
      details: { host: label },
      cause: error,
    });
  }
  const fields = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  // Some services answer `access_token` (OAuth2) rather than `token` (the registry spec), some both.
  const token = [fields.token, fields.access_token].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  if (token === undefined) {
    throw new RegistryError('PROTOCOL_ERROR', `${label} answered without a token.`, {
      details: { host: label },
    });
  }
  const expiresIn = fields.expires_in;
  return {
    token,
    expiresInSeconds:
      typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0
        ? expiresIn
        : DEFAULT_TOKEN_SECONDS,
  };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
