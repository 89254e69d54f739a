import { describe, expect, it } from 'vitest';
import {
  type Descriptor,
  DOCKER_MANIFEST,
  DOCKER_REFERENCE_TYPE,
  defaultPlatformEntry,
  formatPlatform,
  type ImageIndex,
  OCI_INDEX,
  OciError,
  type Platform,
  parsePlatform,
  platformMatches,
  selectPlatformEntry,
} from '../../src-main/core/oci/index.js';
import type { Platform as RegistryPlatform } from '../../src-main/core/registry/types.js';

// The data model's Platform is the one UIs see: the two stay interchangeable.
const asRegistryPlatform: RegistryPlatform = {} as Platform;
const asOciPlatform: Platform = {} as RegistryPlatform;
void asRegistryPlatform;
void asOciPlatform;

describe('parsePlatform', () => {
  it.each([
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ['Linux/ARM64', { os: 'linux', architecture: 'arm64' }],
    ['linux/x86_64', { os: 'linux', architecture: 'amd64' }],
    ['linux/aarch64', { os: 'linux', architecture: 'arm64' }],
    ['linux/armhf', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/arm/7', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/i386', { os: 'linux', architecture: '386' }],
    [' windows/amd64 ', { os: 'windows', architecture: 'amd64' }],
  ])('reads %s', (input, expected) => {
    expect(parsePlatform(input)).toEqual(expected);
  });

  it.each([
    '',
    'linux',
    'linux/',
    '/amd64',
    'linux/arm/v7/extra',
    'linux/am d64',
    'linux/amd64?x',
    'a/'.repeat(60),
  ])('refuses %j with PLATFORM_INVALID', (input) => {
    expect(() => parsePlatform(input)).toThrow(OciError);
    expect(() => parsePlatform(input)).toThrow(/must have the form os\/arch\[\/variant\]/);
  });

  it('formats back to os/arch[/variant]', () => {
    expect(formatPlatform(parsePlatform('linux/arm64/v8'))).toBe('linux/arm64/v8');
    expect(formatPlatform({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
  });
});

describe('platformMatches', () => {
  const p = parsePlatform;
  it.each([
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm64/v8', 'linux/arm64', true],
    ['linux/amd64', 'linux/amd64/v1', true],
    ['linux/amd64', 'linux/amd64/v2', false],
    ['linux/amd64/v2', 'linux/amd64', false],
    ['linux/arm', 'linux/arm/v7', true],
    ['linux/arm/v6', 'linux/arm/v7', false],
    ['linux/amd64', 'windows/amd64', false],
    ['linux/amd64', 'linux/arm64', false],
  ])('%s ~ %s is %s', (wanted, candidate, expected) => {
    expect(platformMatches(p(wanted), p(candidate))).toBe(expected);
  });

  it('checks the OS version only when one is wanted', () => {
    const server = { os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.2340' };
    expect(platformMatches({ os: 'windows', architecture: 'amd64' }, server)).toBe(true);
    expect(platformMatches({ ...server, osVersion: '10.0.17763.1' }, server)).toBe(false);
  });
});

const entry = (digest: string, platform?: Platform, annotations?: Record<string, string>): Descriptor => ({
  mediaType: DOCKER_MANIFEST,
  digest: `sha256:${digest.repeat(64)}`,
  size: 1,
  ...(platform ? { platform } : {}),
  ...(annotations ? { annotations } : {}),
});
const index = (...manifests: Descriptor[]): ImageIndex => ({
  kind: 'index',
  mediaType: OCI_INDEX,
  manifests,
});

describe('defaultPlatformEntry', () => {
  it('prefers linux/amd64 wherever it is', () => {
    const amd64 = entry('b', { os: 'linux', architecture: 'amd64' });
    expect(defaultPlatformEntry(index(entry('a', { os: 'linux', architecture: 'arm64' }), amd64))).toBe(
      amd64,
    );
  });

  it('else takes the first entry that is not a BuildKit attestation', () => {
    const attestation = entry('a', { os: 'unknown', architecture: 'unknown' });
    const annotated = entry(
      'b',
      { os: 'linux', architecture: 's390x' },
      { [DOCKER_REFERENCE_TYPE]: 'attestation-manifest' },
    );
    const arm = entry('c', { os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(defaultPlatformEntry(index(attestation, annotated, arm))).toBe(arm);
  });

  it('takes an entry without a platform (a referrers index) and gives up on attestations only', () => {
    const artifact = entry('a');
    expect(defaultPlatformEntry(index(artifact))).toBe(artifact);
    expect(
      defaultPlatformEntry(index(entry('a', { os: 'unknown', architecture: 'unknown' }))),
    ).toBeUndefined();
    expect(defaultPlatformEntry(index())).toBeUndefined();
  });
});

describe('selectPlatformEntry', () => {
  const amd64 = entry('a', { os: 'linux', architecture: 'amd64' });
  const arm64 = entry('b', { os: 'linux', architecture: 'arm64', variant: 'v8' });
  const armv7 = entry('c', { os: 'linux', architecture: 'arm', variant: 'v7' });
  const multi = index(amd64, arm64, armv7);

  it('finds the entry for a platform, default variants filled in', () => {
    expect(selectPlatformEntry(multi, parsePlatform('linux/arm64'))).toBe(arm64);
    expect(selectPlatformEntry(multi, parsePlatform('linux/arm64/v8'))).toBe(arm64);
    expect(selectPlatformEntry(multi, parsePlatform('linux/arm'))).toBe(armv7);
    expect(selectPlatformEntry(multi, parsePlatform('linux/amd64'))).toBe(amd64);
  });

  it('falls back to os/arch only when no variant was asked for', () => {
    const v3 = entry('d', { os: 'linux', architecture: 'amd64', variant: 'v3' });
    expect(selectPlatformEntry(index(v3), parsePlatform('linux/amd64'))).toBe(v3);
    expect(selectPlatformEntry(index(v3), parsePlatform('linux/amd64/v2'))).toBeUndefined();
    expect(selectPlatformEntry(multi, parsePlatform('linux/arm/v6'))).toBeUndefined();
    expect(selectPlatformEntry(multi, parsePlatform('windows/amd64'))).toBeUndefined();
  });
});
