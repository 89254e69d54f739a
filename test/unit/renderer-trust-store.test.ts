/**
 * The trust slices where timing and bookkeeping matter: badges asked only for the rows in view,
 * once scrolling pauses, in batches of at most 50 with two in flight; the cache invalidated by a
 * settings change or a finished signature, with answers from before dropped; reports kept on
 * screen while asked again; pushes remembered for Local Images' badges. A fake held client stands
 * in for main, since no real server can hold its answers back on demand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskSnapshot } from '../../src-main/core/tasks/types.js';
import type { TrustBadge, TrustReport, TrustSettingsView } from '../../src-main/ipc/contract.js';
import { BADGE_BATCH, BADGE_WAIT_MS } from '../../src-renderer/src/features/trust/trust-badges-slice.js';
import { createAppStore } from '../../src-renderer/src/store/create-app-store.js';
import { createFakeHeldClient, type HeldCall } from '../support/fake-held-client.js';

const HOST = '127.0.0.1:5000';
const DIGEST = `sha256:${'d'.repeat(64)}`;
const tags = (repo: string, n: number) => Array.from({ length: n }, (_, i) => `${HOST}/${repo}:t${i}`);

const answer = (call: HeldCall, status: TrustBadge['status'] = 'unsigned') =>
  call.resolve(
    (call.input.references as string[]).map((reference) => ({
      reference,
      digest: DIGEST,
      status,
      kinds: [],
    })),
  );

const view: TrustSettingsView = {
  publicKeys: [{ name: 'ci', keyId: 'k', algorithm: 'ecdsa-p256' }],
  trustStores: [],
  sigstoreRoot: null,
  notaryServers: [],
  pinnedRoots: [],
  signingKeys: [],
};

const report = (status: TrustReport['status']): TrustReport => ({
  reference: `${HOST}/team/app:1`,
  digest: DIGEST,
  status,
  signatures: [],
  dct: null,
  dctRoles: [],
  notices: [],
});

const signed = (reference: string): TaskSnapshot => ({
  id: 'sign-1',
  procedure: 'trust.sign',
  title: `Sign ${reference}`,
  state: 'succeeded',
  progress: { current: 3, total: 3, unit: 'items' },
  startedAt: '2024-01-01T00:00:00.000Z',
  result: { reference, digest: DIGEST, tag: 'sha256-d.sig', manifestDigest: DIGEST, added: true },
});

/** Lets the badge wait pass and the promise callbacks run. */
const settle = () => vi.advanceTimersByTimeAsync(BADGE_WAIT_MS + 10);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('trust badges', () => {
  it('asks once scrolling pauses, only for the rows in view', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    const visible = tags('team/app', 200);
    // Scrolling through: the view reports new rows faster than the wait.
    for (let from = 0; from < 150; from += 30) {
      store.getState().wantTrustBadges('tags', visible.slice(from, from + 30));
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(count('trust.badges')).toBe(0);
    await settle();
    expect(count('trust.badges')).toBe(1);
    expect(take('trust.badges').input.references).toEqual(visible.slice(120, 150));
  });

  it('batches at most 50 references, two requests at a time, and caches what came back', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    const visible = tags('team/app', 120);
    store.getState().wantTrustBadges('tags', visible);
    await settle();
    expect(count('trust.badges')).toBe(2);
    const first = take('trust.badges');
    expect(first.input.references).toEqual(visible.slice(0, BADGE_BATCH));
    answer(first, 'verified');
    await settle();
    // The first answer frees a slot: the last 20 go.
    const second = take('trust.badges');
    const third = take('trust.badges');
    expect(third.input.references).toEqual(visible.slice(100));
    answer(second);
    answer(third);
    await settle();
    expect(store.getState().trustBadges[visible[0]!]).toMatchObject({ badge: { status: 'verified' } });
    expect(Object.keys(store.getState().trustBadges)).toHaveLength(120);

    // Scrolling back asks nothing: the cache has them.
    store.getState().wantTrustBadges('tags', visible.slice(0, 30));
    await settle();
    expect(count('trust.badges')).toBe(0);
  });

  it('merges what two views show, and forgets a view that went away', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().wantTrustBadges('tags', [`${HOST}/a:1`]);
    store.getState().wantTrustBadges('images', [`${HOST}/b@${DIGEST}`, `${HOST}/a:1`]);
    store.getState().wantTrustBadges('tags', []);
    await settle();
    expect(take('trust.badges').input.references).toEqual([`${HOST}/b@${DIGEST}`, `${HOST}/a:1`]);
  });

  it('shows a failed batch as errors, not asked again until invalidated', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().wantTrustBadges('tags', [`${HOST}/a:1`]);
    await settle();
    take('trust.badges').reject(new Error('registry down'));
    await settle();
    expect(store.getState().trustBadges[`${HOST}/a:1`]).toMatchObject({
      error: { message: 'registry down' },
    });
    store.getState().wantTrustBadges('tags', [`${HOST}/a:1`]);
    await settle();
    expect(count('trust.badges')).toBe(0);
  });

  it('asks again for every badge in view after a settings change, dropping answers from before', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const visible = tags('team/app', 3);
    store.getState().wantTrustBadges('tags', visible);
    await settle();
    const before = take('trust.badges');

    const changing = store.getState().changeTrustSettings('trust.publicKeys.add', { name: 'ci', pem: 'PEM' });
    const change = take('trust.publicKeys.add');
    expect(change.input).toEqual({ name: 'ci', pem: 'PEM' });
    change.resolve(view);
    await changing;
    expect(store.getState().trustSettings).toEqual({ state: 'ready', value: view });

    // The answer to the question asked before the change is stale: it must not land.
    answer(before, 'signed');
    await settle();
    expect(store.getState().trustBadges[visible[0]!]).toBeUndefined();
    const after = take('trust.badges');
    expect(after.input.references).toEqual(visible);
    answer(after, 'verified');
    await settle();
    expect(store.getState().trustBadges[visible[0]!]).toMatchObject({ badge: { status: 'verified' } });
  });

  it('forgets the badges and reports of the signed repository only, when a signature is written', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const mine = `${HOST}/team/app:1`;
    const other = `${HOST}/team/other:1`;
    store.getState().wantTrustBadges('tags', [mine, other]);
    await settle();
    answer(take('trust.badges'));
    const loading = store.getState().loadTrustReport(mine);
    take('trust.inspect').resolve(report('unsigned'));
    await loading;

    store.getState().trustTaskEnded(signed(`${HOST}/team/app@${DIGEST}`));
    expect(store.getState().trustBadges[mine]).toBeUndefined();
    expect(store.getState().trustBadges[other]).toBeDefined();
    expect(store.getState().trustReports[mine]).toMatchObject({ state: 'ready', stale: true });
    await settle();
    expect(take('trust.badges').input.references).toEqual([mine]);
  });

  it('leaves the cache alone when a sign task failed', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    store.getState().wantTrustBadges('tags', [`${HOST}/team/app:1`]);
    await settle();
    answer(take('trust.badges'));
    await settle();
    store.getState().trustTaskEnded({ ...signed(`${HOST}/team/app:1`), state: 'failed', result: undefined });
    expect(store.getState().trustBadges[`${HOST}/team/app:1`]).toBeDefined();
  });
});

describe('trust reports', () => {
  it('loads once, and keeps a stale report on screen while asking again', async () => {
    const { client, take, count } = createFakeHeldClient();
    const store = createAppStore(client);
    const reference = `${HOST}/team/app:1`;
    const first = store.getState().loadTrustReport(reference);
    take('trust.inspect').resolve(report('signed'));
    await first;
    await store.getState().loadTrustReport(reference);
    expect(count('trust.inspect')).toBe(0);

    store.getState().forgetTrustReports();
    const again = store.getState().loadTrustReport(reference);
    expect(store.getState().trustReports[reference]).toEqual({ state: 'loading', value: report('signed') });
    take('trust.inspect').resolve(report('verified'));
    await again;
    expect(store.getState().trustReports[reference]).toEqual({ state: 'ready', value: report('verified') });
  });

  it('drops an answer that arrives after the report was made stale', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const reference = `${HOST}/team/app:1`;
    const loading = store.getState().loadTrustReport(reference);
    const inFlight = take('trust.inspect');
    store.getState().forgetTrustReports('127.0.0.1:5000/team/app');
    inFlight.resolve(report('unsigned'));
    await loading;
    expect(store.getState().trustReports[reference]).toMatchObject({ state: 'loading', stale: true });
  });
});

describe('signing', () => {
  it('starts a sign task with the password only when one is given', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const starting = store.getState().startSign(`${HOST}/team/app@${DIGEST}`, 'ci');
    const call = take('trust.sign');
    expect(call.input).toEqual({ reference: `${HOST}/team/app@${DIGEST}`, key: 'ci' });
    call.resolve({ taskId: 'sign-1' });
    expect(await starting).toBe('sign-1');
  });
});

describe('pushed images', () => {
  it('remembers which local image a push wrote, by digest, for its badge', async () => {
    const { client, take } = createFakeHeldClient();
    const store = createAppStore(client);
    const starting = store.getState().startPush('sha256:local', `${HOST}/team/app:1.0`, HOST);
    take('images.push').resolve({ taskId: 'push-1' });
    await starting;
    store.getState().transferEnded({
      ...signed('x'),
      id: 'push-1',
      procedure: 'images.push',
      result: { target: `${HOST}/team/app:1.0`, digest: DIGEST, size: 1 },
    });
    expect(store.getState().pushedImages).toEqual({ 'sha256:local': [`${HOST}/team/app@${DIGEST}`] });
  });
});
