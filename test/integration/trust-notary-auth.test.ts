import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';
import { parseRepository } from '../../src-main/core/reference/index.js';
import type { Credential } from '../../src-main/core/registry/transport/index.js';
import { FileDctPinStore, NotaryClient, type NotaryError } from '../../src-main/core/trust/notary/index.js';
import { failure } from '../support/failure.js';
import { buildScratchImage } from '../support/images.js';
import { docker, dockerTrustEnv, type NotaryServers, startNotary } from '../support/notary.js';
import { startTokenIssuer, type TokenIssuer } from '../support/token-issuer.js';

/**
 * A notary server behind bearer tokens, as Docker Hub's is: the docker CLI signs with the
 * registry's login, and so must we read. Only `signer` gets anything from the token service.
 */

const endpoint: EngineEndpoint = { id: 'env', name: 'DOCKER_HOST', url: inject('dockerHost'), source: 'env' };
const engine = connect(endpoint);
const registryHost = inject('registryHost');
const repository = `${registryHost}/dct-auth-${randomUUID().slice(0, 8)}`;
const SIGNER = { username: 'signer', password: 'signer-password' };

let issuer: TokenIssuer;
let notary: NotaryServers;
let work: string;
let imageId: string | undefined;

function client(credential: Credential | undefined): NotaryClient {
  return new NotaryClient({
    env: { HOME: work, DOCKER_CONFIG: join(work, 'docker-config'), DOCKER_CONTENT_TRUST_SERVER: notary.url },
    pins: new FileDctPinStore(join(work, `pins-${randomUUID()}`)),
    credentials: async (host) => (host === registryHost ? credential : undefined),
  });
}

beforeAll(async () => {
  issuer = await startTokenIssuer({
    users: { [SIGNER.username]: SIGNER.password },
    access: (user, requested) => (user === SIGNER.username ? requested : []),
  });
  notary = await startNotary({
    token: {
      realm: issuer.realm,
      service: issuer.service,
      issuer: issuer.issuer,
      rootCertBundle: issuer.rootCertBundlePath,
    },
  });
  work = await mkdtemp(join(tmpdir(), 'stevedore-dct-auth-'));
  const env = await dockerTrustEnv(work, endpoint.url, notary);
  // What `docker login` writes: the docker CLI sends this login to the notary server's token service.
  const auth = Buffer.from(`${SIGNER.username}:${SIGNER.password}`).toString('base64');
  await writeFile(
    join(env.DOCKER_CONFIG!, 'config.json'),
    JSON.stringify({ auths: { [registryHost]: { auth } } }),
  );
  imageId = await buildScratchImage(engine, `${repository}:v1`, { 'auth.txt': randomUUID() });
  await docker(['push', `${repository}:v1`], env);
}, 180_000);

afterAll(async () => {
  if (imageId) await imageRemove(engine, imageId, { force: true }).catch(() => undefined);
  await notary?.stop();
  await issuer?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a notary server that wants tokens', () => {
  it("reads the trust data with the registry's login, asking for pull on the GUN", async () => {
    const dct = client(SIGNER);
    const result = await dct.lookup(parseRepository(repository));
    await dct.close();
    expect(result.state).toBe('verified');
    const ours = issuer.requests.filter(
      (request) =>
        request.user === SIGNER.username && request.scopes.includes(`repository:${repository}:pull`),
    );
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.at(-1)?.granted).toEqual([{ type: 'repository', name: repository, actions: ['pull'] }]);
  });

  it('without a login, says whose login it needs', async () => {
    const dct = client(undefined);
    const error = await failure<NotaryError>(dct.lookup(parseRepository(repository)));
    await dct.close();
    expect(error.code).toBe('DCT_SERVER_ERROR');
    expect(error.message).toContain(
      `The notary server ${notary.url} refused access to the trust data of ${repository}`,
    );
    expect(error.message).toContain(`log in there (stevedore login ${registryHost})`);
  });
});
