import { OciError } from './errors.js';

/** Where an image runs: OCI's `platform` object (GOOS / GOARCH names). */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

const PART = /^[a-z0-9._-]+$/;
const MAX_LENGTH = 100;

/** Names other tools use for the same architecture, as containerd normalizes them. */
const ARCHITECTURE_ALIASES: Readonly<Record<string, { architecture: string; variant?: string }>> = {
  x86_64: { architecture: 'amd64' },
  'x86-64': { architecture: 'amd64' },
  aarch64: { architecture: 'arm64' },
  armhf: { architecture: 'arm', variant: 'v7' },
  armel: { architecture: 'arm', variant: 'v6' },
  i386: { architecture: '386' },
};

/**
 * The variant an architecture means when none is written: `linux/arm64` is `linux/arm64/v8`,
 * `linux/arm` is v7, `linux/amd64` is v1 (the x86-64 baseline; v2–v4 are opt-in levels).
 */
const DEFAULT_VARIANTS: Readonly<Record<string, string>> = { arm64: 'v8', arm: 'v7', amd64: 'v1' };

/** Parses `os/arch[/variant]` (`linux/arm64/v8`, `linux/x86_64`) into a normalized Platform. */
export function parsePlatform(input: string): Platform {
  const text = input.trim().toLowerCase();
  const parts = text.split('/');
  if (text.length > MAX_LENGTH || parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
    throw new OciError(
      'PLATFORM_INVALID',
      `platform "${input.slice(0, MAX_LENGTH)}" must have the form os/arch[/variant], as in linux/arm64/v8`,
      { input: input.slice(0, MAX_LENGTH) },
    );
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return normalizePlatform(variant === undefined ? { os, architecture } : { os, architecture, variant });
}

/**
 * Canonical names (`aarch64` → `arm64`, variant `8` → `v8`). Variants stay as written: a
 * missing one is not filled in, so what we show is what the registry said.
 */
export function normalizePlatform(platform: Platform): Platform {
  const os = platform.os.toLowerCase();
  const alias = ARCHITECTURE_ALIASES[platform.architecture.toLowerCase()];
  const architecture = alias?.architecture ?? platform.architecture.toLowerCase();
  const written = platform.variant?.toLowerCase() || alias?.variant;
  const variant = written !== undefined && /^\d+$/.test(written) ? `v${written}` : written;
  return {
    os,
    architecture,
    ...(variant ? { variant } : {}),
    ...(platform.osVersion ? { osVersion: platform.osVersion } : {}),
  };
}

/** `linux/arm64/v8`: the form `--platform` takes. */
export function formatPlatform(platform: Platform): string {
  const base = `${platform.os}/${platform.architecture}`;
  return platform.variant ? `${base}/${platform.variant}` : base;
}

/**
 * Same os and architecture, and the same variant once defaults are filled in (`arm64` ≡
 * `arm64/v8`, `amd64` ≡ `amd64/v1`). The OS version counts only when `wanted` names one.
 */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  const a = normalizePlatform(wanted);
  const b = normalizePlatform(candidate);
  if (a.os !== b.os || a.architecture !== b.architecture) return false;
  if (a.osVersion !== undefined && a.osVersion !== b.osVersion) return false;
  return effectiveVariant(a) === effectiveVariant(b);
}

function effectiveVariant(platform: Platform): string | undefined {
  return platform.variant ?? DEFAULT_VARIANTS[platform.architecture];
}

/** BuildKit stores provenance and SBOM attestations in the index as `unknown/unknown` entries. */
export function isUnknownPlatform(platform: Platform | undefined): boolean {
  return platform?.os === 'unknown' && platform.architecture === 'unknown';
}
