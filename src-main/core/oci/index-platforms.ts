import { type Descriptor, DOCKER_REFERENCE_TYPE } from './descriptor.js';
import type { ImageIndex } from './manifest.js';
import { isUnknownPlatform, normalizePlatform, type Platform, platformMatches } from './platform.js';

const LINUX_AMD64: Platform = { os: 'linux', architecture: 'amd64' };

/** BuildKit's provenance/SBOM manifests: in the index, but not an image anyone runs. */
export function isAttestationEntry(entry: Descriptor): boolean {
  return (
    isUnknownPlatform(entry.platform) || entry.annotations?.[DOCKER_REFERENCE_TYPE] === 'attestation-manifest'
  );
}

/** The entries of an index that are images for a platform, in the index's order. */
export function runnableEntries(index: ImageIndex): Descriptor[] {
  return index.manifests.filter((entry) => !isAttestationEntry(entry));
}

/**
 * The entry to show when no platform was asked for: linux/amd64 when present (what most users
 * pull), else the first that is not an attestation. Undefined for an index of attestations only.
 */
export function defaultPlatformEntry(index: ImageIndex): Descriptor | undefined {
  const entries = runnableEntries(index);
  return (
    entries.find((entry) => entry.platform && platformMatches(LINUX_AMD64, entry.platform)) ?? entries[0]
  );
}

/**
 * The entry for `wanted`: an exact match once default variants are filled in (`linux/arm64`
 * finds `linux/arm64/v8`); when `wanted` names no variant, else the first entry with its os and
 * architecture (`linux/amd64` finds an index that only has `amd64/v2`). Undefined when none fits.
 */
export function selectPlatformEntry(index: ImageIndex, wanted: Platform): Descriptor | undefined {
  const entries = runnableEntries(index).filter((entry) => entry.platform !== undefined);
  const exact = entries.find((entry) => platformMatches(wanted, entry.platform!));
  if (exact || wanted.variant) return exact;
  const target = normalizePlatform(wanted);
  return entries.find((entry) => {
    const candidate = normalizePlatform(entry.platform!);
    return candidate.os === target.os && candidate.architecture === target.architecture;
  });
}
