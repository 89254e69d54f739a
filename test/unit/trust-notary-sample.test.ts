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
  sampleDockerTrustInspect,
  sampleFiles,
  verifiedDct,
  verifyFakeDct,
} from '../support/fake-notary.js';
import { FakeRepository } from '../support/fake-notary-repository.js';

/** The sample: real metadata the docker CLI and notary-server 0.7.0 wrote for this GUN. */
const GUN = '127.0.0.1:5001/demo';
/** An hour after the sample was signed: everything in it is valid then. */
const SIGNED = new Date('2026-11-27T02:07:00Z');
/** The day after its timestamp expired (2026-12-11T01:07:46Z). */
const AFTER_TIMESTAMP = new Date('2026-12-12T00:00:00Z');
const V1 = 'sha256:e4e3c4c488fabdbd0c2e5150e5f9fb313804f5f4560d9529762860c1d79fbcc8';
const V2 = 'sha256:d03f5b978220d47f569165175c2804251498c55528738d80efff96d5f7e8b3eb';

let dir: string;
let pins: FileDctPinStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-dct-sample-'));
  pins = new FileDctPinStore(join(dir, 'pins'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function verify(files: Record<string, Buffer>, now = SIGNED): Promise<DctResult> {
  return verifyFakeDct(GUN, files, pins, now);
}

const verified = verifiedDct;
const errorOf = dctErrorOf;

/** The sample with one file's text edited. */
function edited(name: string, edit: (text: string) => string): Record<string, Buffer> {
  const files = sampleFiles();
  files[name] = Buffer.from(edit((files[name] as Buffer).toString('utf8')), 'utf8');
  return files;
}

describe('the real sample', () => {
  it('verifies, and says what docker trust inspect said, field by field', async () => {
    const result = verified(await verify(sampleFiles()));
    const [docker] = sampleDockerTrustInspect() as Array<{
      SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
      Signers: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
      AdministrativeKeys: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
    }>;
    const { summary } = result;
    expect(summary.signedTags).toHaveLength(docker!.SignedTags.length);
    docker!.SignedTags.forEach((row, index) => {
      expect(summary.signedTags[index]?.tag).toBe(row.SignedTag);
      expect(summary.signedTags[index]?.digest).toBe(`sha256:${row.Digest}`);
      expect(summary.signedTags[index]?.signers).toEqual(row.Signers);
    });
    expect(summary.signers).toEqual(
      docker!.Signers.map((signer) => ({ name: signer.Name, keys: signer.Keys.map((key) => key.ID) })),
    );
    const admin = Object.fromEntries(
      docker!.AdministrativeKeys.map((role) => [role.Name, role.Keys.map((key) => key.ID)]),
    );
    expect(summary.rootKeyIds).toEqual(admin.Root);
    expect(summary.repositoryKeyIds).toEqual(admin.Repository);
  });

  it('lists every signed tag of every role, with roles, versions and expiry', async () => {
    const result = verified(await verify(sampleFiles()));
    expect(result.targets.map((target) => [target.tag, target.role, target.signer, target.digest])).toEqual([
      ['v1', 'targets', 'Repo Admin', V1],
      ['v2', 'targets/alice', 'alice', V2],
      ['v2', 'targets/releases', 'Repo Admin', V2],
    ]);
    expect(result.roles.map((role) => [role.name, role.version, role.expires?.slice(0, 10)])).toEqual([
      ['root', 1, '2036-11-24'],
      ['timestamp', 3, '2026-12-11'],
      ['snapshot', 3, '2029-11-26'],
      ['targets', 3, '2029-11-26'],
      ['targets/alice', 1, '2029-11-26'],
      ['targets/releases', 1, '2029-11-26'],
    ]);
    expect(result.roles.every((role) => role.signedBy.length === 1)).toBe(true);
  });

  it('gives verified DCT signatures for a signed digest, and none for another', async () => {
    const result = await verify(sampleFiles());
    const v1 = dctSignatures(result, { digest: V1, tag: 'v1' });
    expect(v1).toHaveLength(1);
    expect(v1[0]).toMatchObject({
      kind: 'dct',
      digest: V1,
      signer: 'Repo Admin',
      keyId: 'bad60e09f63fdc262d04639f2442a41ab3af9c6af9dfc29efae756b431dcabe1',
      verified: true,
      invalid: false,
      source: GUN,
    });
    expect(v1[0]?.reason).toContain('tag v1 signed in targets');
    const v2 = dctSignatures(result, { digest: V2 });
    expect(v2.map((signature) => [signature.signer, signature.keyId?.slice(0, 12)])).toEqual([
      ['alice', '03462de7d934'],
      ['Repo Admin', '03462de7d934'],
    ]);
    expect(trustStatus(v2)).toBe('verified');
    expect(dctSignatures(result, { digest: `sha256:${'0'.repeat(64)}` })).toEqual([]);
  });

  it('reports a tag the registry serves at another digest than the signed one', async () => {
    const result = await verify(sampleFiles());
    const moved = dctSignatures(result, { digest: V2, tag: 'v1' });
    const invalid = moved.filter((signature) => signature.invalid);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.reason).toContain(`signs tag v1 as ${V1}, but the registry serves ${V2}`);
    expect(trustStatus(moved)).toBe('invalid');
  });
});

describe('trust on first use', () => {
  it('pins the root and the versions seen, then trusts the same root again', async () => {
    const first = verified(await verify(sampleFiles()));
    expect(first.root.trust).toBe('first-use');
    expect(first.notices.map((notice) => notice.code)).toContain('DCT_ROOT_FIRST_USE');
    const pin = await pins.get(GUN);
    expect(pin?.rootKeyIds).toEqual(['1f210eb2af48f8dd40afe95efa2e83a15af6168fda4dd7151afc60b278644e11']);
    expect(pin?.versions).toEqual({
      timestamp: 3,
      snapshot: 3,
      targets: 3,
      'targets/alice': 1,
      'targets/releases': 1,
    });
    const second = verified(await verify(sampleFiles()));
    expect(second.root.trust).toBe('known');
    expect(second.root.pinnedAt).toBe(first.root.pinnedAt);
  });

  it('refuses another root for the same GUN, loudly, and keeps the pinned one', async () => {
    const impostor = await FakeRepository.create(GUN);
    impostor.targets = { v1: `sha256:${'1'.repeat(64)}` };
    const pinnedAt = new Date();
    verified(
      await verifyDct({
        gun: GUN,
        server: FAKE_NOTARY_SERVER,
        source: new FakeMetadataSource(impostor.files()),
        pins,
        now: pinnedAt,
      }),
    );
    const result = await verify(sampleFiles(), pinnedAt);
    const error = errorOf(result);
    expect(error.code).toBe('DCT_ROOT_CHANGED');
    expect(error.message).toMatch(/^WARNING: the root of trust of 127\.0\.0\.1:5001\/demo has changed/);
    expect(error.message).toContain(`root key ${impostor.rootKey.id.slice(0, 12)} → 1f210eb2af48`);
    expect(error.message).toContain('Settings → Trust → Pinned roots');
    expect((await pins.get(GUN))?.rootKeyIds).toEqual([impostor.rootKey.id]);
    const [signature] = dctSignatures(result, { digest: V1 });
    expect(signature).toMatchObject({ verified: false, invalid: true });
    expect(signature?.reason).toContain('failed verification: WARNING: the root of trust');
  });
});

describe('tampering with real metadata', () => {
  it('rejects an expired timestamp', async () => {
    const result = await verify(sampleFiles(), AFTER_TIMESTAMP);
    const error = errorOf(result);
    expect(error.code).toBe('DCT_EXPIRED');
    expect(error.message).toContain(
      'The timestamp metadata of 127.0.0.1:5001/demo expired on 2026-12-11 01:07 UTC',
    );
    const signatures = dctSignatures(result, { digest: V1 });
    expect(trustStatus(signatures)).toBe('invalid');
  });

  it('rejects targets modified after signing (another digest for v1)', async () => {
    const files = edited('targets', (text) =>
      text.replace(
        '5OPExIj6vb0MLlFQ5fn7MTgE9fRWDZUpdihgwdefvMg=',
        'AOPExIj6vb0MLlFQ5fn7MTgE9fRWDZUpdihgwdefvMg=',
      ),
    );
    const error = errorOf(await verify(files));
    expect(error.code).toBe('DCT_HASH_MISMATCH');
    expect(error.message).toBe(
      'The targets metadata of 127.0.0.1:5001/demo is not the one the snapshot metadata vouches for (its sha256 differs): it was modified or replaced after signing.',
    );
  });

  it('rejects targets grown after signing', async () => {
    const error = errorOf(await verify(edited('targets', (text) => `${text} `)));
    expect(error.code).toBe('DCT_HASH_MISMATCH');
    expect(error.message).toContain('is longer than the 937 bytes the snapshot metadata vouches for');
  });

  it('rejects a delegation modified after signing', async () => {
    const error = errorOf(await verify(edited('targets/alice', (text) => text.replace('"v2"', '"v3"'))));
    expect(error.code).toBe('DCT_HASH_MISMATCH');
    expect(error.message).toContain('targets/alice metadata');
  });

  it('rejects a timestamp whose signature was altered', async () => {
    const error = errorOf(
      await verify(edited('timestamp', (text) => text.replace('"sig":"BeW3', '"sig":"AeW3'))),
    );
    expect(error.code).toBe('DCT_SIGNATURE_INVALID');
    expect(error.message).toBe(
      'The timestamp metadata of 127.0.0.1:5001/demo is not validly signed: 0 of the 1 signatures it needs verify (key 099f4e49eb5b: the signature does not match).',
    );
  });

  it('rejects a timestamp signed by a key that is not the timestamp key', async () => {
    const files = edited('timestamp', (text) =>
      text.replace(
        '099f4e49eb5b50194e26de242233b2f3576a3d1f895e9b796fe8ec9c74d3915d',
        'e55e02c2e5a84400ad2b871b305321feda084889b4c420c48fe2ed458d59af87',
      ),
    );
    const error = errorOf(await verify(files));
    expect(error.code).toBe('DCT_SIGNATURE_INVALID');
    expect(error.message).toContain('key e55e02c2e5a8: the key is not one of the timestamp keys');
  });

  it('rejects a rollback to versions older than seen before', async () => {
    verified(await verify(sampleFiles()));
    const pin = await pins.get(GUN);
    await pins.put({ ...pin!, versions: { ...pin!.versions, snapshot: 4 } });
    const error = errorOf(await verify(sampleFiles()));
    expect(error.code).toBe('DCT_ROLLBACK');
    expect(error.message).toBe(
      'The notary server sent version 3 of the snapshot metadata of 127.0.0.1:5001/demo, older than version 4 seen before: someone may be replaying old trust data to hide newer signatures (a rollback attack).',
    );
  });

  it('rejects a root whose certificate is not for the GUN', async () => {
    const result = await verifyDct({
      gun: '127.0.0.1:5001/other',
      server: FAKE_NOTARY_SERVER,
      source: new FakeMetadataSource(sampleFiles()),
      pins,
      now: SIGNED,
    });
    const error = errorOf(result);
    expect(error.code).toBe('DCT_ROOT_CERTIFICATE_INVALID');
    expect(error.message).toContain('its certificate is for "127.0.0.1:5001/demo", not 127.0.0.1:5001/other');
  });

  it('rejects trust data that lacks the snapshot the timestamp names', async () => {
    const files = sampleFiles();
    delete files.snapshot;
    const error = errorOf(await verify(files));
    expect(error.code).toBe('DCT_METADATA_INVALID');
    expect(error.message).toContain(
      'the timestamp metadata lists snapshot, but the notary server does not have it',
    );
  });
});

describe('no trust data', () => {
  it('is "none", and says so when a root had been trusted before', async () => {
    const none = await verify({});
    expect(none).toMatchObject({ state: 'none', gun: GUN, notices: [] });
    expect(dctSignatures(none, { digest: V1 })).toEqual([]);
    verified(await verify(sampleFiles()));
    const removed = await verify({});
    expect(removed.state).toBe('none');
    expect(removed.notices.map((notice) => notice.code)).toEqual(['DCT_DATA_REMOVED']);
  });
});
