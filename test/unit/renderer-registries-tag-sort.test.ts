import { describe, expect, it } from 'vitest';
import {
  compareTagVersions,
  parseTagVersion,
  sortTagsByVersion,
} from '../../src-renderer/src/lib/tag-sort.js';

describe('parseTagVersion', () => {
  it('reads versions with an optional v, up to four parts and a pre-release', () => {
    expect(parseTagVersion('1.2.3')).toEqual({ numbers: ['1', '2', '3'], prerelease: null });
    expect(parseTagVersion('v1.10')).toEqual({ numbers: ['1', '10'], prerelease: null });
    expect(parseTagVersion('2.0.0-rc.1')).toEqual({ numbers: ['2', '0', '0'], prerelease: ['rc', '1'] });
    expect(parseTagVersion('3.12-slim-bookworm')).toEqual({
      numbers: ['3', '12'],
      prerelease: ['slim-bookworm'],
    });
    expect(parseTagVersion('7')).toEqual({ numbers: ['7'], prerelease: null });
    expect(parseTagVersion('01.002')).toEqual({ numbers: ['1', '2'], prerelease: null });
  });

  it('refuses what is not a version', () => {
    for (const tag of ['latest', 'main', 'v', 'sha256-abc.sig', '1.2.3.4.5', 'release-1.2', '1..2', '.1'])
      expect(parseTagVersion(tag), tag).toBeNull();
  });
});

describe('compareTagVersions', () => {
  it('puts v1.10 after v1.9, and 10 after 9 in any part', () => {
    expect(compareTagVersions('v1.10', 'v1.9')).toBeGreaterThan(0);
    expect(compareTagVersions('1.2.10', '1.2.9')).toBeGreaterThan(0);
    expect(compareTagVersions('10.0', '9.9.9')).toBeGreaterThan(0);
  });

  it('puts a pre-release before its release, and orders pre-releases as semver does', () => {
    expect(compareTagVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(compareTagVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBeLessThan(0);
    expect(compareTagVersions('1.0.0-alpha.beta', '1.0.0-beta')).toBeLessThan(0);
    expect(compareTagVersions('1.0.0-beta.2', '1.0.0-beta.11')).toBeLessThan(0);
    expect(compareTagVersions('1.0.0-rc.1', '1.0.0-rc.a')).toBeLessThan(0);
  });

  it('compares numbers of any length exactly', () => {
    expect(compareTagVersions('1.99999999999999999999', '1.99999999999999999998')).toBeGreaterThan(0);
  });

  it('puts every non-version after every version, in either direction', () => {
    expect(compareTagVersions('latest', '0.1')).toBeGreaterThan(0);
    expect(compareTagVersions('latest', '0.1', 'desc')).toBeGreaterThan(0);
  });

  it('is total: equal versions fall back to the name', () => {
    expect(compareTagVersions('1.2', '1.2.0')).not.toBe(0);
    expect(compareTagVersions('1.2', '1.2')).toBe(0);
  });
});

describe('sortTagsByVersion', () => {
  const tags = ['latest', 'v1.9', '1.10.0', 'v1.10', '1.0.0-rc.1', '1.0.0', 'main', 'edge', '2'];

  it('sorts versions up, then the rest naturally', () => {
    expect(sortTagsByVersion(tags)).toEqual([
      '1.0.0-rc.1',
      '1.0.0',
      'v1.9',
      '1.10.0',
      'v1.10',
      '2',
      'edge',
      'latest',
      'main',
    ]);
  });

  it('sorts newest first when descending, keeping the rest after', () => {
    expect(sortTagsByVersion(tags, 'desc')).toEqual([
      '2',
      'v1.10',
      '1.10.0',
      'v1.9',
      '1.0.0',
      '1.0.0-rc.1',
      'edge',
      'latest',
      'main',
    ]);
  });

  it('orders non-versions naturally (build-9 before build-10)', () => {
    expect(sortTagsByVersion(['build-10', 'build-9', 'alpha'])).toEqual(['alpha', 'build-9', 'build-10']);
  });

  it('leaves its input alone', () => {
    const input = ['b', 'a'];
    sortTagsByVersion(input);
    expect(input).toEqual(['b', 'a']);
  });
});
