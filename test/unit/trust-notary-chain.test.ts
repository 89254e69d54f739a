import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DctResult,
  dctSignatures,
  FileDctPinStore,
  verifyDct,
} from '../../src-main/core/trust/notary/index.js';
import { trustStatus } from '../../src-main/core/trust/status.js';
import {
  dctErrorOf,
  FAKE_NOTARY_SERVER,
  FakeMetadataSource,
  fakeKey,
  fakeRootKey,
  verifiedDct,
  verifyFakeDct,
} from '../support/fake-notary.js';
import { FakeRepository } from '../support/fake-notary-repository.js';

/**
 * The chain rules on metadata written by test code from notary's formats: what the docker CLI
 * never writes (thresholds above 1, RSA and Ed25519 keys, nested and broken delegations, root
 * rotations) but a verifier must judge.
 */

const GUN = 'registry.test:5000/app';
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;

let dir: string;
let pins: FileDctPinStore;
let repo: FakeRepository;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-dct-chain-'));
  pins = new FileDctPinStore(dir);
  repo = await FakeRepository.create(GUN);
  repo.targets = { v1: A };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function verify(now = new Date()): Promise<DctResult> {
  return verifyFakeDct(GUN, repo.files(), pins, now);
}

const verified = verifiedDct;
const errorOf = dctErrorOf;

describe('thresholds and key types', () => {
  it('needs as many valid signatures as the threshold, each key counted once', async () => {
    const second = fakeKey();
    repo.extraKeys.targets = [second];
    repo.thresholds.targets = 2;
    repo.signWith.targets = [repo.keys.targets, repo.keys.targets];
    const error = errorOf(await verify());
    expect(error.code).toBe('DCT_SIGNATURE_INVALID');
    expect(error.message).toContain(
      'targets metadata of registry.test:5000/app is not validly signed: 1 of the 2 signatures it needs verify',
    );
    repo.signWith.targets = [repo.keys.targets, second];
    expect(verified(await verify()).roles.find((role) => role.name === 'targets')?.signedBy).toHaveLength(2);
  });

  it('refuses a threshold below 1', async () => {
    repo.thresholds.snapshot = 0;
    const error = errorOf(await verify());
    expect(error.message).toContain('its threshold is below 1, so nothing can satisfy it');
  });

  it('verifies rsapss and eddsa signatures as notary allows them', async () => {
    repo.keys.targets = fakeKey('rsa');
    repo.keys.snapshot = fakeKey('ed25519');
    repo.delegations = [{ name: 'targets/releases', keys: [fakeKey('ed25519')], targets: { v2: B } }];
    const result = verified(await verify());
    expect(result.targets.map((target) => target.tag)).toEqual(['v1', 'v2']);
  });

  it('ignores a signature by a key whose id does not match its content', async () => {
    repo.keys.timestamp.tuf.keyval.public = fakeKey().tuf.keyval.public;
    const error = errorOf(await verify());
    expect(error.code).toBe('DCT_SIGNATURE_INVALID');
    expect(error.message).toContain('its id is not the hash of the key (the key was altered)');
  });
});

describe('delegations', () => {
  it('trusts nested delegations within their paths, and names signers as docker does', async () => {
    const alice = fakeKey();
    const bob = fakeKey();
    repo.delegations = [
      { name: 'targets/releases', keys: [alice], targets: { 'release-1': B } },
      { name: 'targets/alice', keys: [alice], paths: ['release-'], targets: { 'release-1': B, v9: C } },
      {
        name: 'targets/alice/bob',
        keys: [bob],
        paths: ['release-1', 'other'],
        targets: { 'release-1': B, 'other-1': C },
      },
    ];
    const result = verified(await verify());
    expect(result.targets.map((target) => [target.role, target.tag])).toEqual([
      ['targets', 'v1'],
      ['targets/releases', 'release-1'],
      ['targets/alice', 'release-1'],
      ['targets/alice/bob', 'release-1'],
    ]);
    expect(
      result.notices
        .filter((notice) => notice.code === 'DCT_TARGET_OUTSIDE_PATHS')
        .map((notice) => notice.message),
    ).toEqual([
      'targets/alice signs tag "v9", which it is not delegated to sign; ignored.',
      'targets/alice/bob signs tag "other-1", which it is not delegated to sign; ignored.',
    ]);
    expect(result.roles.find((role) => role.name === 'targets/alice/bob')?.paths).toEqual(['release-1']);
    expect(result.summary.signedTags).toEqual([
      { tag: 'release-1', digest: B, signers: ['alice', 'alice/bob'] },
      { tag: 'v1', digest: A, signers: ['Repo Admin'] },
    ]);
    expect(result.summary.signers.map((signer) => signer.name)).toEqual(['alice/bob', 'alice']);
  });

  it('ignores a delegation signed by the wrong key, and shows its tags as invalid', async () => {
    repo.delegations = [
      { name: 'targets/alice', keys: [fakeKey()], signWith: [fakeKey()], targets: { v2: B } },
    ];
    const result = verified(await verify());
    expect(result.targets.map((target) => target.tag)).toEqual(['v1']);
    const alice = result.roles.find((role) => role.name === 'targets/alice');
    expect(alice?.problem).toContain(
      'The targets/alice metadata of registry.test:5000/app is not validly signed: 0 of the 1',
    );
    expect(result.notices.map((notice) => notice.code)).toContain('DCT_DELEGATION_SKIPPED');
    const signatures = dctSignatures(result, { digest: B });
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ signer: 'alice', verified: false, invalid: true });
    expect(signatures[0]?.reason).toContain('tag v2 in targets/alice cannot be trusted');
    expect(trustStatus(dctSignatures(result, { digest: A }))).toBe('verified');
  });

  it('ignores an expired delegation, as notary does', async () => {
    repo.delegations = [
      {
        name: 'targets/releases',
        keys: [fakeKey()],
        targets: { v2: B },
        expires: new Date(Date.now() - 60_000),
      },
    ];
    const result = verified(await verify());
    expect(result.roles.find((role) => role.name === 'targets/releases')?.problem).toMatch(
      /expired on .*; its signer must sign again/,
    );
    expect(result.summary.signedTags.map((row) => row.tag)).toEqual(['v1']);
  });

  it('fails the whole chain on a delegation rolled back to an older version', async () => {
    repo.delegations = [{ name: 'targets/releases', keys: [fakeKey()], targets: { v2: B }, version: 2 }];
    verified(await verify());
    repo.delegations[0]!.version = 1;
    const error = errorOf(await verify());
    expect(error.code).toBe('DCT_ROLLBACK');
    expect(error.message).toContain('version 1 of the targets/releases metadata');
  });

  it('reads no more delegations than the limit, and says so once', async () => {
    repo.delegations = ['a', 'b', 'c'].map((name) => ({
      name: `targets/${name}`,
      keys: [fakeKey()],
      targets: { [name]: B },
    }));
    const source = new FakeMetadataSource(repo.files());
    const result = verified(
      await verifyDct({
        gun: GUN,
        server: FAKE_NOTARY_SERVER,
        source,
        pins,
        now: new Date(),
        limits: { maxDelegations: 1 },
      }),
    );
    expect(result.targets.map((target) => target.tag)).toEqual(['v1', 'a']);
    expect(
      result.notices
        .filter((notice) => notice.code === 'DCT_DELEGATION_SKIPPED')
        .map((notice) => notice.message),
    ).toEqual(['registry.test:5000/app has more than 1 delegations; the rest are not read.']);
    expect(source.requested.some((name) => name.startsWith('targets/b'))).toBe(false);
  });

  it('lists a declared delegation that has signed nothing yet', async () => {
    const carol = fakeKey();
    repo.delegations = [{ name: 'targets/carol', keys: [carol], targets: {}, unsigned: true }];
    const result = verified(await verify());
    expect(result.roles.find((role) => role.name === 'targets/carol')).toMatchObject({
      version: null,
      expires: null,
    });
    expect(result.summary.signers).toEqual([{ name: 'carol', keys: [carol.id] }]);
  });
});

describe('root rotation and expiry', () => {
  it('follows a rotation signed by the pinned root, version by version, and pins the new root', async () => {
    verified(await verify());
    const first = repo.rootKey;
    const second = await fakeRootKey(GUN);
    const third = await fakeRootKey(GUN);
    [repo.rootKey, repo.versions.root, repo.signWith.root] = [second, 2, [second, first]];
    repo.previousRoots[2] = repo.rootFile();
    // Version 3 is signed by version 2's key only: trusted through version 2.
    [repo.rootKey, repo.versions.root, repo.signWith.root] = [third, 3, [third, second]];
    const files = repo.files();
    delete files['2.root'];
    const missing = errorOf(
      await verifyDct({
        gun: GUN,
        server: FAKE_NOTARY_SERVER,
        source: new FakeMetadataSource(files),
        pins,
        now: new Date(),
      }),
    );
    expect(missing.code).toBe('DCT_ROOT_CHANGED');
    expect(missing.message).toContain('root version 2 is missing');
    const result = verified(await verify());
    expect(result.root).toMatchObject({ trust: 'rotated', version: 3, keyIds: [third.id] });
    expect(result.notices.map((notice) => notice.code)).toContain('DCT_ROOT_ROTATED');
    expect((await pins.get(GUN))?.rootKeyIds).toEqual([third.id]);
    expect(verified(await verify()).root.trust).toBe('known');
  });

  it('refuses a newer root not signed by the pinned one', async () => {
    verified(await verify());
    repo.rootKey = await fakeRootKey(GUN);
    repo.versions.root = 2;
    const error = errorOf(await verify());
    expect(error.code).toBe('DCT_ROOT_CHANGED');
    expect(error.message).toContain('root is not signed by the keys of the root trusted before it');
  });

  it('refuses an expired root and an expired root certificate', async () => {
    repo.expires.root = new Date(Date.now() - 1000);
    expect(errorOf(await verify()).code).toBe('DCT_EXPIRED');
    repo.expires.root = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const inThreeDays = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    const error = errorOf(await verify(inThreeDays));
    expect(error.code).toBe('DCT_ROOT_CERTIFICATE_INVALID');
    expect(error.message).toMatch(/its certificate expired on /);
  });

  it('refuses a snapshot signed with the targets key', async () => {
    repo.signWith.snapshot = [repo.keys.targets];
    const error = errorOf(await verify());
    expect(error.message).toContain(
      `key ${repo.keys.targets.id.slice(0, 12)}: the key is not one of the snapshot keys`,
    );
  });
});
