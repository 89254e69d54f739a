import { createPrivateKey, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCertificate } from './certificates.js';

/** One entry of a token's `access` claim. */
export interface Access {
  type: string;
  name: string;
  actions: string[];
}

/** A token request as the issuer saw it. */
export interface RecordedTokenRequest {
  method: 'GET' | 'POST';
  /** The authenticated user; undefined for anonymous requests. */
  user?: string;
  /** POST only: `refresh_token` or `password`. */
  grantType?: string;
  service?: string;
  /** The scopes asked for, one per entry (`repository:demo:pull,push`). */
  scopes: string[];
  /** What the issued token grants; empty if refused. */
  granted: Access[];
  status: number;
  /** Whether the request carried an Authorization header at all. */
  authorization: boolean;
}

export interface TokenIssuerOptions {
  /** Who may log in: name → password. */
  users: Record<string, string>;
  /**
   * What a token grants. Default: a user gets everything asked for; anonymous gets `pull` on
   * repositories and nothing else (no catalog, no push).
   */
  access?: (user: string | undefined, requested: Access[]) => Access[];
  /** `expires_in` of issued tokens. Default 300. */
  expiresInSeconds?: number;
}

export interface TokenIssuer {
  /** `http://127.0.0.1:PORT/token`. */
  realm: string;
  service: string;
  /** The `iss` claim, which the registry's `auth.token.issuer` must equal. */
  issuer: string;
  certPem: string;
  keyPem: string;
  /** A file holding certPem, for the registry's `auth.token.rootcertbundle`. */
  rootCertBundlePath: string;
  requests: RecordedTokenRequest[];
  /** A refresh token (identity token) for `user`, as a previous `docker login` would have stored. */
  refreshTokenFor(user: string): string;
  stop(): Promise<void>;
}

export const TEST_SERVICE = 'stevedore-test';
const TEST_ISSUER = 'stevedore-test-issuer';

/**
 * The tests' token service (distribution spec/auth/token.md and oauth.md): issues ES256 JWTs signed
 * by a self-signed P-256 certificate that the real registry trusts through its rootcertbundle.
 * GET with optional Basic credentials; POST with `grant_type=refresh_token` or `password`.
 */
export async function startTokenIssuer(opts: TokenIssuerOptions): Promise<TokenIssuer> {
  const dir = await mkdtemp(join(tmpdir(), 'stevedore-issuer-'));
  const cert = await selfSignedCertificate({ commonName: 'stevedore-test-token-signer' });
  const rootCertBundlePath = join(dir, 'root.pem');
  await writeFile(rootCertBundlePath, cert.certPem);
  const key = createPrivateKey(cert.keyPem);
  const expiresIn = opts.expiresInSeconds ?? 300;
  const access = opts.access ?? defaultAccess;
  const refreshTokens = new Map<string, string>();
  const requests: RecordedTokenRequest[] = [];

  const jwt = (user: string | undefined, granted: Access[]): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'ES256', typ: 'JWT', x5c: [cert.certDer.toString('base64')] };
    const claims = {
      iss: TEST_ISSUER,
      sub: user ?? '',
      aud: TEST_SERVICE,
      exp: now + expiresIn,
      nbf: now - 1,
      iat: now,
      jti: randomUUID(),
      access: granted,
    };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    // JWS wants ECDSA signatures as raw r||s, not DER.
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    if (url.pathname !== '/token' || (req.method !== 'GET' && req.method !== 'POST')) {
      return reply(res, 404, { details: 'not found' });
    }
    const record: RecordedTokenRequest = {
      method: req.method,
      scopes: [],
      granted: [],
      status: 0,
      authorization: req.headers.authorization !== undefined,
    };
    requests.push(record);
    const finish = (status: number, body: object) => {
      record.status = status;
      reply(res, status, body);
    };

    let user: string | undefined;
    let offline = false;
    if (req.method === 'GET') {
      record.scopes = url.searchParams.getAll('scope').flatMap(splitScopes);
      record.service = url.searchParams.get('service') ?? undefined;
      offline = url.searchParams.get('offline_token') === 'true';
      const basic = parseBasic(req.headers.authorization);
      if (basic) {
        if (opts.users[basic.user] !== basic.password) {
          return finish(401, { details: 'incorrect username or password' });
        }
        user = basic.user;
      }
    } else {
      const form = new URLSearchParams(await readBody(req));
      record.grantType = form.get('grant_type') ?? undefined;
      record.scopes = splitScopes(form.get('scope') ?? '');
      record.service = form.get('service') ?? undefined;
      if (!form.get('client_id'))
        return finish(400, { error: 'invalid_request', error_description: 'client_id' });
      if (record.grantType === 'refresh_token') {
        user = refreshTokens.get(form.get('refresh_token') ?? '');
        if (user === undefined) return finish(401, { error: 'invalid_grant' });
      } else if (record.grantType === 'password') {
        const name = form.get('username') ?? '';
        if (opts.users[name] === undefined || opts.users[name] !== form.get('password')) {
          return finish(401, { error: 'invalid_grant' });
        }
        user = name;
        offline = form.get('access_type') === 'offline';
      } else {
        return finish(400, { error: 'unsupported_grant_type' });
      }
    }
    record.user = user;
    if (record.service !== TEST_SERVICE)
      return finish(400, { details: `unknown service "${record.service}"` });

    record.granted = access(user, record.scopes.map(parseScope));
    const token = jwt(user, record.granted);
    const issuedAt = new Date().toISOString();
    const refresh = offline && user !== undefined ? { refresh_token: issueRefreshToken(user) } : {};
    if (req.method === 'GET') {
      return finish(200, {
        token,
        access_token: token,
        expires_in: expiresIn,
        issued_at: issuedAt,
        ...refresh,
      });
    }
    return finish(200, {
      access_token: token,
      expires_in: expiresIn,
      issued_at: issuedAt,
      scope: record.scopes.join(' '),
      ...refresh,
    });
  };

  const issueRefreshToken = (user: string): string => {
    const token = randomBytes(24).toString('base64url');
    refreshTokens.set(token, user);
    return token;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { details: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    realm: `http://127.0.0.1:${port}/token`,
    service: TEST_SERVICE,
    issuer: TEST_ISSUER,
    certPem: cert.certPem,
    keyPem: cert.keyPem,
    rootCertBundlePath,
    requests,
    refreshTokenFor(user: string) {
      if (opts.users[user] === undefined) throw new Error(`unknown user ${user}`);
      return issueRefreshToken(user);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function defaultAccess(user: string | undefined, requested: Access[]): Access[] {
  if (user !== undefined) return requested;
  return requested
    .filter((entry) => entry.type === 'repository' && entry.actions.includes('pull'))
    .map((entry) => ({ ...entry, actions: ['pull'] }));
}

/** A `scope` parameter may hold several scopes separated by spaces (OAuth2 style). */
function splitScopes(value: string): string[] {
  return value.split(' ').filter((scope) => scope !== '');
}

/** `repository:host:5000/name:pull,push`: type to the first colon, actions after the last. */
function parseScope(scope: string): Access {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
