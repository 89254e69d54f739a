import { InvalidInputError } from '../../errors.js';
import { RegistryError, registryErrorFrom } from '../errors.js';
import { raceSignal } from './abort.js';
import { deliver } from './deliver.js';
import { parseNextLink } from './link.js';
import { challengesOf, ERROR_BODY_LIMIT, ping } from './ping.js';
import { apiHostFor, checkLink, checkRealm } from './policy.js';
import { discard, readCapped, toRegistryResponse } from './response.js';
import { ScopeSet } from './scopes.js';
import { basicAuthorization, fetchToken } from './token.js';
import { TokenCache } from './token-cache.js';
import type {
  Challenge,
  Credential,
  PingResult,
  RegistryRequest,
  RegistryResponse,
  TransportOptions,
} from './types.js';
import { type Reply, Wire } from './wire.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_USER_AGENT = 'stevedore';
const CATALOG_SCOPE = 'registry:catalog:*';

/** How we authenticate to the registry, as its latest challenge told us. */
type AuthPlan =
  | { kind: 'none' }
  | { kind: 'basic' }
  | { kind: 'bearer'; realm: URL; service?: string }
  | { kind: 'unknown'; schemes: string[] };

/** What was sent with a request, so a 401 can be judged: retry with a new token, or give up. */
interface SentAuth {
  authorization?: string;
  tokenKey?: string;
  freshToken: boolean;
  hadCredential: boolean;
}

/**
 * The HTTP side of one registry: scheme, authentication (Basic, or Bearer tokens from the realm the
 * registry names, for scopes that accumulate), retries, redirects and errors. One per registry
 * host; it keeps connections, the ping and tokens for its lifetime.
 */
export class RegistryTransport {
  readonly host: string;
  /** The host the API is served from: `registry-1.docker.io` for `docker.io`. */
  readonly apiHost: string;
  private readonly wire: Wire;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly scopes = new ScopeSet();
  private readonly tokens = new TokenCache();
  private pinged?: Promise<PingResult>;
  private baseUrl?: URL;
  private plan: AuthPlan = { kind: 'none' };

  constructor(private readonly opts: TransportOptions) {
    this.host = opts.host;
    this.apiHost = apiHostFor(opts.host);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = Math.max(0, opts.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.wire = new Wire({
      apiHost: this.apiHost,
      insecure: opts.insecure ?? false,
      ...(opts.caPem ? { caPem: opts.caPem } : {}),
      timeoutMs: this.timeoutMs,
      userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
    });
  }

  /** `GET /v2/` once per transport (again after a failure). */
  ping(signal?: AbortSignal): Promise<PingResult> {
    if (!this.pinged) {
      const running = ping({
        wire: this.wire,
        apiHost: this.apiHost,
        host: this.host,
        insecure: this.opts.insecure ?? false,
        maxRetries: this.maxRetries,
      }).then((result) => {
        this.baseUrl = result.baseUrl;
        if (this.plan.kind === 'none') this.plan = this.planFrom(result.challenges, result.baseUrl);
        return result;
      });
      running.catch(() => {
        if (this.pinged === running) this.pinged = undefined;
      });
      this.pinged = running;
    }
    return raceSignal(this.pinged, signal);
  }

  async request(req: RegistryRequest): Promise<RegistryResponse> {
    if (!req.path.startsWith('/v2/')) {
      throw new InvalidInputError(`registry request path must start with /v2/ ("${req.path.slice(0, 100)}")`);
    }
    const { baseUrl } = await this.ping(req.signal);
    this.scopes.add(req.scopes);
    const url = new URL(req.path, baseUrl);
    if (!url.pathname.startsWith('/v2/')) {
      throw new InvalidInputError(`registry request path must stay under /v2/ ("${req.path.slice(0, 100)}")`);
    }
    for (const [name, value] of Object.entries(req.query ?? {})) url.searchParams.append(name, value);
    const replayable = req.body === undefined || Buffer.isBuffer(req.body);

    let reply: Reply;
    let sent: SentAuth;
    for (let round = 0; ; round += 1) {
      sent = await this.authorize(req.signal);
      reply = await deliver(
        { method: req.method, url, headers: req.headers ?? {}, body: req.body, signal: req.signal },
        {
          wire: this.wire,
          origin: baseUrl,
          host: this.host,
          maxRetries: this.maxRetries,
          ...(sent.authorization ? { authorization: sent.authorization } : {}),
        },
      );
      if (reply.status !== 401 || round > 0 || !replayable) break;
      let again: boolean;
      try {
        again = this.learn(reply, sent);
      } catch (error) {
        await discard(reply.body);
        throw error;
      }
      if (!again) break;
      await discard(reply.body);
    }

    const ok = (reply.status >= 200 && reply.status < 300) || (req.allowStatus ?? []).includes(reply.status);
    if (ok) return toRegistryResponse(reply, this.host, this.timeoutMs, req.signal);
    throw await this.failure(reply, sent, req.scopes);
  }

  nextLink(response: RegistryResponse): { path: string; query: Record<string, string> } | null {
    const target = parseNextLink(response.headers.link);
    if (target === null) return null;
    return checkLink(target, response.url, this.baseUrl ?? response.url, this.host);
  }

  async verifyCredential(credential: Credential, scope = CATALOG_SCOPE): Promise<void> {
    if (!credential.identityToken && !(credential.username && credential.password)) {
      throw new InvalidInputError('Enter a user name and a password (or an access token).');
    }
    const { baseUrl } = await this.ping();
    const plan = this.plan;
    if (plan.kind === 'none') return;
    if (plan.kind === 'unknown') throw this.unsupportedScheme(plan.schemes);
    let authorization: string;
    if (plan.kind === 'basic') {
      if (!credential.username || credential.password === undefined) {
        throw new InvalidInputError(`${this.host} accepts a user name and a password, not a token.`);
      }
      authorization = basicAuthorization(credential.username, credential.password);
    } else {
      const grant = await fetchToken({
        wire: this.wire,
        realm: plan.realm,
        ...(plan.service ? { service: plan.service } : {}),
        scopes: [scope],
        credential,
        host: this.host,
        maxRetries: this.maxRetries,
      });
      authorization = `Bearer ${grant.token}`;
    }
    const reply = await deliver(
      { method: 'GET', url: new URL('/v2/', baseUrl), headers: {} },
      { wire: this.wire, origin: baseUrl, host: this.host, maxRetries: this.maxRetries, authorization },
    );
    if (reply.status >= 200 && reply.status < 300) {
      await discard(reply.body);
      return;
    }
    throw await this.failure(reply, { authorization, freshToken: true, hadCredential: true }, [scope]);
  }

  async close(): Promise<void> {
    await this.wire.close();
  }

  /** The Authorization header for the next request, per the current plan. */
  private async authorize(signal?: AbortSignal): Promise<SentAuth> {
    const plan = this.plan;
    if (plan.kind === 'none' || plan.kind === 'unknown') return { freshToken: false, hadCredential: false };
    const credential = await this.lookupCredential();
    const hadCredential = credential !== undefined;
    if (plan.kind === 'basic') {
      if (!credential?.username || credential.password === undefined)
        return { freshToken: false, hadCredential };
      return {
        authorization: basicAuthorization(credential.username, credential.password),
        freshToken: false,
        hadCredential,
      };
    }
    const scopes = this.scopes.list();
    const tokenKey = JSON.stringify([plan.realm.href, plan.service ?? '', scopes]);
    this.tokens.prune();
    const { token, fresh } = await raceSignal(
      this.tokens.get(tokenKey, () =>
        fetchToken({
          wire: this.wire,
          realm: plan.realm,
          ...(plan.service ? { service: plan.service } : {}),
          scopes,
          ...(credential ? { credential } : {}),
          host: this.host,
          maxRetries: this.maxRetries,
        }),
      ),
      signal,
    );
    return { authorization: `Bearer ${token}`, tokenKey, freshToken: fresh, hadCredential };
  }

  private async lookupCredential(): Promise<Credential | undefined> {
    const credential = await this.opts.credentials?.(this.host);
    if (!credential) return undefined;
    const usable = credential.identityToken || (credential.username && credential.password !== undefined);
    return usable ? credential : undefined;
  }

  /**
   * Takes in a 401's challenge. True if another try may succeed: the scheme or realm changed, the
   * challenge asks for scopes we did not request, or the token we sent came from the cache (it may
   * have been revoked or expired early).
   */
  private learn(reply: Reply, sent: SentAuth): boolean {
    const challenges = challengesOf(reply.headers);
    const next = this.planFrom(challenges, this.baseUrl as URL);
    const previous = this.plan;
    // A 401 without a challenge we speak does not undo what earlier challenges taught us.
    if (next.kind === 'none' || next.kind === 'unknown') {
      if (previous.kind === 'none') this.plan = next;
      return false;
    }
    this.plan = next;
    if (next.kind === 'basic') return previous.kind !== 'basic';
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
    const wanted = bearer?.params.scope?.split(' ').filter((scope) => scope !== '') ?? [];
    const newScopes = !this.scopes.covers(wanted);
    this.scopes.add(wanted);
    if (sent.tokenKey) this.tokens.delete(sent.tokenKey);
    const samePlan = previous.kind === 'bearer' && previous.realm.href === next.realm.href;
    return !samePlan || newScopes || !sent.freshToken;
  }

  private planFrom(challenges: Challenge[], baseUrl: URL): AuthPlan {
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
    if (bearer) {
      const realm = bearer.params.realm;
      if (realm === undefined) {
        throw new RegistryError(
          'PROTOCOL_ERROR',
          `${this.host} asked for a bearer token without naming a realm.`,
          {
            details: { host: this.host },
          },
        );
      }
      const service = bearer.params.service;
      return {
        kind: 'bearer',
        realm: checkRealm(realm, baseUrl, this.host),
        ...(service ? { service } : {}),
      };
    }
    if (challenges.some((challenge) => challenge.scheme === 'basic')) return { kind: 'basic' };
    if (challenges.length)
      return { kind: 'unknown', schemes: challenges.map((challenge) => challenge.scheme) };
    return { kind: 'none' };
  }

  /** A refused answer as a RegistryError; a token that lacks a scope the user asked for is DENIED. */
  private async failure(reply: Reply, sent: SentAuth, scopes: string[]): Promise<RegistryError> {
    const body = await readCapped(reply.body, ERROR_BODY_LIMIT, reply, this.host).catch(() =>
      Buffer.alloc(0),
    );
    const error = registryErrorFrom(reply.status, body, this.host, reply.headers);
    if (reply.status !== 401) return error;
    const challenges = challengesOf(reply.headers);
    if (this.plan.kind === 'unknown') return this.unsupportedScheme(this.plan.schemes);
    const insufficient = challenges.some((challenge) => challenge.params.error === 'insufficient_scope');
    if (insufficient && sent.hadCredential && sent.authorization?.startsWith('Bearer ')) {
      return new RegistryError(
        'DENIED',
        `${this.host} did not grant access to ${scopes.join(', ') || 'this resource'} for your account.`,
        { status: 401, specCodes: error.specCodes, details: { host: this.host, scopes } },
      );
    }
    return error;
  }

  private unsupportedScheme(schemes: string[]): RegistryError {
    return new RegistryError(
      'UNSUPPORTED',
      `${this.host} asks for authentication Stevedore does not support (${schemes.join(', ')}).`,
      { status: 401, details: { host: this.host, schemes } },
    );
  }
}
