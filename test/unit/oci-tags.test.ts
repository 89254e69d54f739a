import { describe, expect, it } from 'vitest';
import {
  type AttachedTag,
  classifyTag,
  compareTagNames,
  referrersTag,
  signatureTag,
  sortTags,
  splitAttachedTags,
  tagVersion,
} from '../../src-main/core/oci/index.js';
import type { AttachedTag as RegistryAttachedTag } from '../../src-main/core/registry/types.js';

const asRegistryTag: RegistryAttachedTag = {} as AttachedTag;
void asRegistryTag;

const HEX = 'e58fcf7418d4390dec8e8fb69d88c06ec07039d651fedd3aa72af9972e7d046b';
const DIGEST = `sha256:${HEX}`;

describe('classifyTag', () => {
  it.each([
    [`sha256-${HEX}.sig`, 'signature'],
    [`sha256-${HEX}.att`, 'attestation'],
    [`sha256-${HEX}.sbom`, 'sbom'],
    [`sha256-${HEX}`, 'referrers'],
  ])('%s is a %s attached to its digest', (tag, kind) => {
    expect(classifyTag(tag)).toEqual({ tag, kind, subject: DIGEST });
  });

  it.each([
    'latest',
    `sha256-${HEX.slice(1)}.sig`,
    `sha256-${HEX}.sig2`,
    `sha256-${HEX}.SIG`,
    `sha256-${HEX.toUpperCase()}.sig`,
    `sha512-${HEX}${HEX}`,
    `x-sha256-${HEX}.sig`,
  ])('%s is an ordinary tag', (tag) => {
    expect(classifyTag(tag)).toBeNull();
  });

  it('splits a list, keeping the order of both parts', () => {
    const tags = ['b', `sha256-${HEX}.sig`, 'a', `sha256-${HEX}`];
    const split = splitAttachedTags(tags);
    expect(split.tags).toEqual(['b', 'a']);
    expect(split.attached.map((t) => t.tag)).toEqual([`sha256-${HEX}.sig`, `sha256-${HEX}`]);
  });

  it('names the tags for a digest', () => {
    expect(referrersTag(DIGEST)).toBe(`sha256-${HEX}`);
    expect(signatureTag(DIGEST)).toBe(`sha256-${HEX}.sig`);
    expect(referrersTag(`sha512:${'a'.repeat(128)}`)).toBe(`sha512-${'a'.repeat(64)}`);
  });
});

describe('sortTags', () => {
  it('orders versions numerically: v1.10 after v1.9', () => {
    expect(sortTags(['v1.10', 'v1.9', 'v1.2.3', 'v2'], 'version')).toEqual(['v1.2.3', 'v1.9', 'v1.10', 'v2']);
  });

  it('puts non-version tags after versions, by name, in either direction', () => {
    const tags = ['latest', '1.0.0', 'main', '0.9', 'edge'];
    expect(sortTags(tags, 'version')).toEqual(['0.9', '1.0.0', 'edge', 'latest', 'main']);
    expect(sortTags(tags, 'version', { descending: true })).toEqual([
      '1.0.0',
      '0.9',
      'edge',
      'latest',
      'main',
    ]);
  });

  it('sorts a prerelease before its release and breaks ties by name', () => {
    expect(sortTags(['1.0.0', '1.0.0-rc.1', '1.25-alpine', '1.25', 'v1.25.0'], 'version')).toEqual([
      '1.0.0-rc.1',
      '1.0.0',
      '1.25',
      '1.25-alpine',
      'v1.25.0',
    ]);
  });

  it('coerces a numeric prefix, leading zeros included', () => {
    expect(tagVersion('20.04')?.version).toBe('20.4.0');
    expect(tagVersion('v1.10')?.version).toBe('1.10.0');
    expect(tagVersion('alpine3.18')).toBeNull();
    expect(tagVersion('latest')).toBeNull();
    expect(sortTags(['22.04', '20.04', '18.04'], 'version')).toEqual(['18.04', '20.04', '22.04']);
  });

  it('sorts by name naturally', () => {
    expect(sortTags(['tag-10', 'tag-2', 'Tag-1', 'a'], 'name')).toEqual(['a', 'Tag-1', 'tag-2', 'tag-10']);
    expect(compareTagNames('a', 'a')).toBe(0);
  });

  it('sorts by date, undated tags last', () => {
    const created: Record<string, string> = {
      old: '2020-01-01T00:00:00Z',
      new: '2024-06-01T12:00:00.123456789Z',
      bad: 'yesterday',
    };
    const tags = ['undated', 'new', 'bad', 'old'];
    expect(sortTags(tags, 'date', { created: (t) => created[t] })).toEqual(['old', 'new', 'bad', 'undated']);
    expect(sortTags(tags, 'date', { created: (t) => created[t], descending: true })).toEqual([
      'new',
      'old',
      'bad',
      'undated',
    ]);
  });

  it('returns a new array', () => {
    const tags = ['b', 'a'];
    expect(sortTags(tags, 'name')).not.toBe(tags);
    expect(tags).toEqual(['b', 'a']);
  });
});
