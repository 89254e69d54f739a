/**
 * The engine actions the settings page uses, through the store, against Stevedore's real main
 * side (createApp, in process) with a settings file in a temp folder. No engine needs to answer:
 * the engines here point at sockets that do not exist, which is itself what the page must show.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src-main/ipc/app.js';
import type { Bridge, BridgeProcedures } from '../../src-main/ipc/bridge.js';
import { type Client, ContractError, createClient } from '../../src-main/ipc/client.js';
import { procedureNames } from '../../src-main/ipc/contract.js';
import { errorShape } from '../../src-renderer/src/lib/errors.js';
import type { AppStore } from '../../src-renderer/src/store/app-state.js';
import { createAppStore } from '../../src-renderer/src/store/create-app-store.js';
import { createFakeHeldClient } from '../support/fake-held-client.js';

let work: string;
let app: App;
let store: AppStore;

/** The client over the same dispatch and event hub both real transports use. */
function inProcessClient(app: App): Client {
  const procedures = Object.fromEntries(
    procedureNames.map((name) => [name, (input: unknown) => app.dispatch(name, input)]),
  ) as unknown as BridgeProcedures;
  const bridge: Bridge = {
    procedures,
    on: (event, listener) =>
      app.hub.subscribe((name, payload) => {
        if ((name as string) === event) listener(payload as never);
      }),
  };
  return createClient(bridge);
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ContractError);
  return errorShape(error);
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-settings-'));
  await mkdir(join(work, 'docker-config'));
  const env = {
    HOME: work,
    DOCKER_CONFIG: join(work, 'docker-config'),
    DOCKER_HOST: `unix://${join(work, 'env.sock')}`,
  };
  app = await createApp({ env, configDir: join(work, 'config'), transport: 'websocket' });
  store = createAppStore(inProcessClient(app));
  await store.getState().loadEngines();
});

afterEach(async () => {
  await app.close();
  await rm(work, { recursive: true, force: true });
});

describe('adding an engine', () => {
  it('lists it at once, with its source, for the header switcher too', async () => {
    const url = `unix://${join(work, 'added.sock')}`;
    const added = await store.getState().addEngine({ name: 'second', url });
    expect(added).toMatchObject({ name: 'second', url, source: 'user' });
    expect(store.getState().engines.map((e) => [e.source, e.name])).toEqual([
      ['env', 'DOCKER_HOST'],
      ['default', 'default'],
      ['user', 'second'],
    ]);
  });

  it('refuses a name that is taken, in any case, with CONFLICT', async () => {
    await store.getState().addEngine({ name: 'build', url: 'tcp://127.0.0.1:1' });
    const error = await rejection(store.getState().addEngine({ name: 'BUILD', url: 'tcp://127.0.0.1:2' }));
    expect(error.code).toBe('CONFLICT');
    expect(store.getState().engines.filter((e) => e.source === 'user')).toHaveLength(1);
  });

  it('refuses a URL without a known scheme, a relative socket and a missing certificate folder', async () => {
    const scheme = await rejection(store.getState().addEngine({ name: 'a', url: 'docker.example.com' }));
    expect(scheme.code).toBe('INVALID_INPUT');
    expect(scheme.details).toMatchObject([{ path: ['url'] }]);

    const relative = await rejection(
      store.getState().addEngine({ name: 'a', url: 'unix://run/docker.sock' }),
    );
    expect(relative).toMatchObject({ code: 'INVALID_INPUT', details: { url: 'unix://run/docker.sock' } });

    const certs = join(work, 'no-certs');
    const folder = await rejection(
      store.getState().addEngine({ name: 'a', url: 'tcp://127.0.0.1:2376', tlsCertPath: certs }),
    );
    expect(folder).toMatchObject({ code: 'INVALID_INPUT', details: { tlsCertPath: certs } });
  });
});

describe('checking an engine', () => {
  it('keeps an engine that does not answer, with the error, what was tried and a hint', async () => {
    const url = `unix://${join(work, 'nope.sock')}`;
    const added = await store.getState().addEngine({ name: 'nope', url });
    await store.getState().checkEndpoint(added.id);
    const check = store.getState().endpointChecks[added.id];
    expect(check?.state).toBe('known');
    if (check?.state !== 'known') return;
    expect(check.status.reachable).toBe(false);
    expect(check.status.error?.code).toBe('ENGINE_UNREACHABLE');
    expect(check.status.endpoint.url).toBe(url);
    expect(check.status.error?.message).toContain(url);
    expect(check.status.error?.hint).toBe('Start that engine, or correct its URL in Stevedore.');
    // Checking another engine leaves the active one and the header alone.
    expect(store.getState().activeEngineId).toBe('env');
    expect(store.getState().engineStatus).toBeUndefined();
  });

  it('reports the active engine’s check to the header as well', async () => {
    await store.getState().checkEndpoint('env');
    expect(store.getState().engineStatus?.endpoint.id).toBe('env');
    expect(store.getState().endpointChecks.env).toMatchObject({ state: 'known' });
  });

  it('says why when the check itself fails', async () => {
    await store.getState().checkEndpoint('user:gone');
    expect(store.getState().endpointChecks['user:gone']).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('using and removing engines', () => {
  it('switches to an added engine and, when it is removed, back to the one Docker would pick', async () => {
    const added = await store.getState().addEngine({ name: 'other', url: `unix://${join(work, 'o.sock')}` });
    await store.getState().selectEngine(added.id);
    expect(store.getState().activeEngineId).toBe(added.id);
    expect(store.getState().engineStatus?.endpoint.id).toBe(added.id);

    await store.getState().removeEngine(added.id);
    expect(store.getState().engines.map((e) => e.id)).toEqual(['env', 'default']);
    expect(store.getState().activeEngineId).toBe('env');
    expect(store.getState().engineStatus?.endpoint.id).toBe('env');
  });

  it('refuses to remove an engine Docker’s own configuration defines', async () => {
    const error = await rejection(store.getState().removeEngine('env'));
    expect(error.code).toBe('NOT_FOUND');
    expect(store.getState().engines.map((e) => e.id)).toEqual(['env', 'default']);
  });
});

describe('checks that answer out of order', () => {
  // No real engine answers out of order on demand: a fake client whose replies the test releases.
  it('keeps the newer answer when an older check of the same engine returns last', async () => {
    const { client: fakeClient, take } = createFakeHeldClient();
    const fakeStore = createAppStore(fakeClient);
    const endpoint = { id: 'user:1', name: 'a', url: 'unix:///a.sock', source: 'user' } as const;
    const older = fakeStore.getState().checkEndpoint('user:1');
    const newer = fakeStore.getState().checkEndpoint('user:1');
    const [olderCall, newerCall] = [take('engines.status'), take('engines.status')];
    newerCall.resolve({ endpoint, reachable: true, version: 'new' });
    await newer;
    olderCall.resolve({ endpoint, reachable: false });
    await older;
    expect(fakeStore.getState().endpointChecks['user:1']).toMatchObject({
      state: 'known',
      status: { reachable: true, version: 'new' },
    });
  });
});
