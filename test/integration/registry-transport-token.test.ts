import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryError } from '../../src-main/core/registry/errors.js';
import { type Credential, RegistryTransport } from '../../src-main/core/registry/transport/index.js';
import { failure } from '../support/failure.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { type Access, startTokenIssuer, type TokenIssuer } from '../support/token-issuer.js';
import { pushImage } from '../support/transport-upload.js';

const USERS = { alice: 'alice-password', reader: 'reader-password' };
const REPO = 'token/app';
const PULL = [`repository:${REPO}:pull`];
const CATALOG = ['registry:catalog:*'];

/** alice may do anything; reader may pull and list, never push. */
function access(user: string | undefined, requested: Access[]): Access[] {
  if (user === 'alice') return requested;
  const allowed = user === 'reader' ? ['pull', '*'] : ['pull'];
  return requested
    .filter((entry) => user === 'reader' || entry.type === 'repository')
    .map((entry) => ({ ...entry, actions: entry.actions.filter((action) => allowed.includes(action)) }))
    .filter((entry) => entry.actions.length > 0);
}

async function withTokenRegistry(expiresInSeconds?: number) {
  const issuer = await startTokenIssuer({
    users: USERS,
    access,
    ...(expiresInSeconds ? { expiresInSeconds } : {}),
  });
  try {
    const registry = await startRegistry({
      token: {
        realm: issuer.realm,
        service: issuer.service,
        issuer: issuer.issuer,
        rootCertBundle: issuer.rootCertBundlePath,
      },
    });
    return { issuer, registry };
  } catch (error) {
    await issuer.stop();
    throw error;
  }
}

describe('RegistryTransport against a registry with token auth (our issuer, verified by the real registry)', () => {
  let issuer: TokenIssuer;
  let registry: Registry;
  const transports: RegistryTransport[] = [];
  const transportFor = (credential?: Credential) => {
    const transport = new RegistryTransport({
      host: registry.host,
      ...(credential ? { credentials: async () => credential } : {}),
    });
    transports.push(transport);
    return transport;
  };
  const alice = { username: 'alice', password: USERS.alice };
  const issued = () => issuer.requests.filter((request) => request.status === 200).length;

  beforeAll(async () => {
    ({ issuer, registry } = await withTokenRegistry());
    await pushImage(transportFor(alice), REPO, 'v1');
  });
  afterAll(async () => {
    await Promise.all(transports.map((transport) => transport.close()));
    await registry?.stop();
    await issuer?.stop();
  });

  it('pings: Bearer challenge naming our realm and service', async () => {
    const ping = await transportFor().ping();
    expect(ping.scheme).toBe('bearer');
    expect(ping.challenges[0]?.params).toMatchObject({ realm: issuer.realm, service: issuer.service });
  });

  it('pushed with a token for push scope, sending Basic credentials to the realm', () => {
    const push = issuer.requests.find((request) =>
      request.scopes.some((scope) => scope.endsWith(':pull,push')),
    );
    expect(push).toMatchObject({ method: 'GET', user: 'alice', status: 200, authorization: true });
    expect(push?.granted).toEqual([{ type: 'repository', name: REPO, actions: ['pull', 'push'] }]);
  });

  it('lists the catalog with a catalog-scoped token', async () => {
    const catalog = await transportFor(alice).request({
      method: 'GET',
      path: '/v2/_catalog',
      scopes: CATALOG,
    });
    expect((await catalog.json<{ repositories: string[] }>(65536)).repositories).toContain(REPO);
  });

  it('reuses one token for requests within its lifetime', async () => {
    const transport = transportFor(alice);
    const before = issued();
    for (let i = 0; i < 3; i += 1) {
      const tags = await transport.request({ method: 'GET', path: `/v2/${REPO}/tags/list`, scopes: PULL });
      await tags.dump();
    }
    expect(issued() - before).toBe(1);
  });

  it('accumulates scopes: one token then covers the catalog and the repository', async () => {
    const transport = transportFor(alice);
    const before = issuer.requests.length;
    await (await transport.request({ method: 'GET', path: '/v2/_catalog', scopes: CATALOG })).dump();
    await (await transport.request({ method: 'GET', path: `/v2/${REPO}/tags/list`, scopes: PULL })).dump();
    await (await transport.request({ method: 'GET', path: '/v2/_catalog', scopes: CATALOG })).dump();
    await (await transport.request({ method: 'GET', path: `/v2/${REPO}/tags/list`, scopes: PULL })).dump();
    const requests = issuer.requests.slice(before);
    expect(requests.map((request) => request.scopes)).toEqual([CATALOG, [...CATALOG, ...PULL]]);
  });

  it('pulls anonymously where the issuer allows it, and refuses the catalog with UNAUTHORIZED', async () => {
    const transport = transportFor();
    const tags = await transport.request({ method: 'GET', path: `/v2/${REPO}/tags/list`, scopes: PULL });
    expect(await tags.json(65536)).toEqual({ name: REPO, tags: ['v1'] });
    expect(issuer.requests.at(-1)).toMatchObject({ user: undefined, authorization: false });

    const error = await failure<RegistryError>(
      transport.request({ method: 'GET', path: '/v2/_catalog', scopes: CATALOG }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain(registry.host);
  });

  it('reports DENIED when a logged-in user lacks the scope', async () => {
    const transport = transportFor({ username: 'reader', password: USERS.reader });
    const error = await failure<RegistryError>(
      transport.request({
        method: 'POST',
        path: `/v2/${REPO}/blobs/uploads/`,
        scopes: [`repository:${REPO}:pull,push`],
      }),
    );
    expect(error.code).toBe('DENIED');
    expect(error.message).toContain(`repository:${REPO}:pull,push`);
  });

  it('refuses a wrong password with UNAUTHORIZED from the token service', async () => {
    const error = await failure<RegistryError>(
      transportFor({ username: 'alice', password: 'nope' }).request({
        method: 'GET',
        path: `/v2/${REPO}/tags/list`,
        scopes: PULL,
      }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('incorrect username or password');
    expect(error.message).toContain(new URL(issuer.realm).host);
  });

  it('uses an identity token with the OAuth2 refresh-token grant', async () => {
    const transport = transportFor({ identityToken: issuer.refreshTokenFor('alice') });
    const catalog = await transport.request({ method: 'GET', path: '/v2/_catalog', scopes: CATALOG });
    expect((await catalog.json<{ repositories: string[] }>(65536)).repositories).toContain(REPO);
    expect(issuer.requests.at(-1)).toMatchObject({
      method: 'POST',
      grantType: 'refresh_token',
      user: 'alice',
      scopes: CATALOG,
      service: issuer.service,
    });

    const error = await failure<RegistryError>(
      transportFor({ identityToken: 'revoked' }).request({
        method: 'GET',
        path: '/v2/_catalog',
        scopes: CATALOG,
      }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it('verifies credentials for login against the catalog scope or a given one', async () => {
    const transport = transportFor();
    await expect(transport.verifyCredential(alice)).resolves.toBeUndefined();
    expect(issuer.requests.at(-1)).toMatchObject({ user: 'alice', scopes: CATALOG });
    await expect(transport.verifyCredential(alice, PULL[0])).resolves.toBeUndefined();
    expect(issuer.requests.at(-1)?.scopes).toEqual(PULL);
    await expect(
      transport.verifyCredential({ identityToken: issuer.refreshTokenFor('reader') }),
    ).resolves.toBeUndefined();
    expect(
      (await failure<RegistryError>(transport.verifyCredential({ username: 'alice', password: 'nope' })))
        .code,
    ).toBe('UNAUTHORIZED');
  });
});

describe('RegistryTransport with short-lived tokens', () => {
  it('fetches a new token once the old one is about to expire', async () => {
    const { issuer, registry } = await withTokenRegistry(2);
    const transport = new RegistryTransport({
      host: registry.host,
      credentials: async () => ({ username: 'alice', password: USERS.alice }),
    });
    try {
      const catalog = () => transport.request({ method: 'GET', path: '/v2/_catalog', scopes: CATALOG });
      await (await catalog()).dump();
      await (await catalog()).dump();
      expect(issuer.requests).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await (await catalog()).dump();
      expect(issuer.requests).toHaveLength(2);
    } finally {
      await transport.close();
      await registry.stop();
      await issuer.stop();
    }
  });
});
