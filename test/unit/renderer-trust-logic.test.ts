/** The trust views' pure parts: words, DCT role trees and expiry, badge matching, references, migration. */
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../src-main/core/engine/types.js';
import type { DctRoleView, Signature } from '../../src-main/core/trust/types.js';
import type { DctMigrationPlan, TrustBadge } from '../../src-main/ipc/contract.js';
import { imageRows } from '../../src-renderer/src/features/images/image-rows.js';
import { matchBadges } from '../../src-renderer/src/features/trust/badge-match.js';
import { onlyDctTags, signReferences } from '../../src-renderer/src/features/trust/dct-migration.js';
import {
  expiryOf,
  expiryWords,
  roleTree,
  soonestExpiry,
} from '../../src-renderer/src/features/trust/dct-roles.js';
import { nameFromFile } from '../../src-renderer/src/features/trust/settings/name-from-file.js';
import {
  digestReferenceOf,
  referenceRepository,
} from '../../src-renderer/src/features/trust/trust-reference.js';
import {
  badgeTooltip,
  kindList,
  kindsOf,
  statusSummary,
} from '../../src-renderer/src/features/trust/trust-words.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function signature(change: Partial<Signature>): Signature {
  return {
    kind: 'cosign',
    digest: DIGEST,
    signer: 'ci',
    keyId: 'k',
    certificateChain: [],
    signedAt: null,
    verified: false,
    reason: 'no key',
    invalid: false,
    source: 'x.sig',
    ...change,
  };
}

function role(name: string, expires: string | null = null): DctRoleView {
  return { name, keyIds: ['k1'], threshold: 1, version: 1, expires };
}

describe('trust words', () => {
  it('lists kinds the way a sentence does', () => {
    expect(kindList([])).toBe('');
    expect(kindList(['cosign'])).toBe('cosign');
    expect(kindList(['dct', 'notation'])).toBe('DCT and Notation');
    expect(kindList(['dct', 'cosign', 'notation'])).toBe('DCT, cosign and Notation');
  });

  it('says in a badge tooltip what the status means and who signed', () => {
    expect(badgeTooltip('verified', ['cosign'])).toMatch(/^Verified \(cosign\)/);
    expect(badgeTooltip('signed', ['dct', 'cosign'])).toContain('DCT and cosign');
    expect(badgeTooltip('unsigned', [])).toMatch(/^Unsigned/);
    expect(badgeTooltip('invalid', ['notation'])).toContain('failed');
  });

  it('counts what verified in the summary, and points to the settings when nothing can', () => {
    const sigs = [signature({ verified: true }), signature({})];
    expect(statusSummary('verified', sigs)).toBe(
      '1 of 2 signatures verified against your keys and trust roots.',
    );
    expect(statusSummary('signed', [signature({})])).toContain('Settings › Trust');
  });

  it('names the kinds among signatures once each, in a fixed order', () => {
    expect(
      kindsOf([signature({ kind: 'notation' }), signature({}), signature({ kind: 'dct' }), signature({})]),
    ).toEqual(['dct', 'cosign', 'notation']);
  });
});

describe('DCT roles', () => {
  it('warns under 30 days, and marks what expired', () => {
    expect(expiryOf(new Date(NOW + 90 * DAY).toISOString(), NOW)).toEqual({ tone: 'ok', days: 90 });
    expect(expiryOf(new Date(NOW + 29 * DAY + 1000).toISOString(), NOW)).toEqual({ tone: 'warn', days: 29 });
    expect(expiryOf(new Date(NOW - 3 * DAY).toISOString(), NOW)).toEqual({ tone: 'bad', days: -3 });
    expect(expiryOf(null, NOW)).toEqual({ tone: 'none', days: null });
    expect(expiryWords({ tone: 'warn', days: 1 })).toBe('expires in 1 day');
    expect(expiryWords({ tone: 'warn', days: 0 })).toBe('expires today');
    expect(expiryWords({ tone: 'bad', days: -3 })).toBe('expired 3 days ago');
  });

  it('builds root → targets → delegations, with snapshot and timestamp beside targets', () => {
    const tree = roleTree([
      role('timestamp'),
      role('targets/releases'),
      role('snapshot'),
      role('targets/team/alice'),
      role('root'),
      role('targets'),
    ]);
    expect(tree.map((node) => node.role.name)).toEqual(['root']);
    const [root] = tree;
    expect(root?.children.map((node) => node.role.name)).toEqual(['targets', 'snapshot', 'timestamp']);
    // `targets/team` is not listed: alice hangs off the nearest ancestor that is.
    expect(root?.children[0]?.children.map((node) => node.role.name)).toEqual([
      'targets/releases',
      'targets/team/alice',
    ]);
  });

  it('keeps roles when root is missing, as separate trees', () => {
    expect(roleTree([role('targets/x'), role('snapshot')]).map((node) => node.role.name)).toEqual([
      'snapshot',
      'targets/x',
    ]);
  });

  it('finds the role that expires first among those near expiry', () => {
    const roles = [
      role('root', new Date(NOW + 400 * DAY).toISOString()),
      role('timestamp', new Date(NOW + 10 * DAY).toISOString()),
      role('snapshot', new Date(NOW + 5 * DAY).toISOString()),
    ];
    expect(soonestExpiry(roles, NOW)?.role.name).toBe('snapshot');
    expect(soonestExpiry([roles[0]!], NOW)).toBeUndefined();
  });
});

describe('matchBadges', () => {
  const badge = (reference: string, status: TrustBadge['status'] = 'signed'): TrustBadge => ({
    reference,
    digest: DIGEST,
    status,
    kinds: ['cosign'],
  });

  it('takes badges by reference, whatever their order', () => {
    const entries = matchBadges(['h/a:1', 'h/a:2'], [badge('h/a:2', 'verified'), badge('h/a:1')]);
    expect(entries['h/a:1']).toEqual({ badge: badge('h/a:1') });
    expect(entries['h/a:2']).toEqual({ badge: badge('h/a:2', 'verified') });
  });

  it('falls back to the position for references main normalized', () => {
    const entries = matchBadges(['ubuntu:22.04'], [badge('docker.io/library/ubuntu:22.04')]);
    expect(entries['ubuntu:22.04']).toEqual({ badge: badge('docker.io/library/ubuntu:22.04') });
  });

  it('marks a reference main did not answer for, rather than asking forever', () => {
    const entries = matchBadges(['h/a:1', 'h/a:2'], [badge('h/a:9')]);
    expect(entries['h/a:1']).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('trust references', () => {
  it('names the repository of a tag, a digest or a familiar name', () => {
    expect(referenceRepository('127.0.0.1:5000/team/app:1.0')).toBe('127.0.0.1:5000/team/app');
    expect(referenceRepository(`127.0.0.1:5000/team/app@${DIGEST}`)).toBe('127.0.0.1:5000/team/app');
    expect(referenceRepository('ubuntu')).toBe('docker.io/library/ubuntu');
    expect(referenceRepository('NOT a reference')).toBeUndefined();
  });

  it('signs by digest: the tag is replaced by what it pointed to', () => {
    expect(digestReferenceOf('127.0.0.1:5000/team/app:1.0', DIGEST)).toBe(
      `127.0.0.1:5000/team/app@${DIGEST}`,
    );
  });
});

describe('DCT migration', () => {
  const plan: DctMigrationPlan = {
    repository: 'h/app',
    gun: 'h/app',
    state: 'verified',
    tags: [
      { tag: 'v1', digest: 'sha256:1', signers: ['Repo Admin'], alsoSignedWith: [] },
      { tag: 'v1-alias', digest: 'sha256:1', signers: ['Repo Admin'], alsoSignedWith: [] },
      { tag: 'v2', digest: 'sha256:2', signers: ['releases'], alsoSignedWith: ['cosign'] },
    ],
  };

  it('offers the tags signed with DCT alone', () => {
    expect(onlyDctTags(plan).map((tag) => tag.tag)).toEqual(['v1', 'v1-alias']);
  });

  it('signs each image once, by digest', () => {
    expect(signReferences('h/app', onlyDctTags(plan))).toEqual(['h/app@sha256:1']);
  });
});

describe('nameFromFile', () => {
  it('turns a file name into a name the contract accepts', () => {
    expect(nameFromFile('cosign.pub')).toBe('cosign');
    expect(nameFromFile('Acme Root CA.crt')).toBe('Acme-Root-CA');
    expect(nameFromFile('trusted_root.json')).toBe('trusted_root');
    expect(nameFromFile('.hidden.pem')).toBe('hidden');
    expect(nameFromFile(`${'x'.repeat(80)}.pem`)).toHaveLength(64);
  });
});

describe('image rows: what a trust badge is for', () => {
  const image = (change: Partial<ImageSummary>): ImageSummary => ({
    id: `sha256:${'b'.repeat(64)}`,
    repoTags: [],
    repoDigests: [],
    size: 1,
    created: '2024-01-01T00:00:00Z',
    dangling: false,
    ...change,
  });

  it('uses the RepoDigest of the row’s repository, else the image’s first', () => {
    const rows = imageRows([
      image({
        repoTags: ['h:5000/team/app:1', 'local/app:dev'],
        repoDigests: [`h:5000/other@${DIGEST}`, `h:5000/team/app@${DIGEST}`],
      }),
    ]);
    expect(rows.map((row) => [row.ref, row.trustRef])).toEqual([
      ['h:5000/team/app:1', `h:5000/team/app@${DIGEST}`],
      ['local/app:dev', `h:5000/other@${DIGEST}`],
    ]);
  });

  it('gives no reference to an image no registry has', () => {
    const [row] = imageRows([image({ repoTags: ['local/app:dev'], repoDigests: ['<none>@<none>'] })]);
    expect(row?.trustRef).toBeUndefined();
  });
});
