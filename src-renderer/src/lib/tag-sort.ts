/**
 * Orders image tags the way people read them. Tags that look like versions (`1.2.3`, `v1.10`,
 * `2.0.0-rc.1`, `3.12-slim`) compare as semantic versions, so `v1.10` comes after `v1.9`; other
 * tags (`latest`, `main`, `edge`) come after every version, in natural order.
 * Pure functions: the unit tests pin them down.
 */

export type SortDirection = 'asc' | 'desc';

export interface TagVersion {
  /** Numeric parts without leading zeros (`1.02` is `['1', '2']`): compared exactly, however long. */
  numbers: string[];
  /** Dot-separated identifiers after the first `-`, or null for a release. */
  prerelease: string[] | null;
}

// Tags cannot hold `+` (the tag grammar is [A-Za-z0-9_.-]), so there is no build metadata to strip.
const VERSION = /^[vV]?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z.-]+))?$/;
const DIGITS = /^\d+$/;

/** The version a tag spells, or null when it is not one. */
export function parseTagVersion(tag: string): TagVersion | null {
  const match = VERSION.exec(tag);
  if (!match) return null;
  const numbers = match[1]!.split('.').map(stripZeros);
  const prerelease = match[2] === undefined ? null : match[2].split('.');
  return { numbers, prerelease };
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Decimal strings without leading zeros: the longer is larger, equal lengths compare as text. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Semver's rule: numeric identifiers compare as numbers and sort before alphanumeric ones. */
function compareIdentifiers(a: string, b: string): number {
  const aNumeric = DIGITS.test(a);
  const bNumeric = DIGITS.test(b);
  if (aNumeric && bNumeric) return compareDigits(stripZeros(a), stripZeros(b));
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Missing parts count as 0 (`1.2` = `1.2.0`); a pre-release comes before its release. */
export function compareVersions(a: TagVersion, b: TagVersion): number {
  const parts = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < parts; i += 1) {
    const order = compareDigits(a.numbers[i] ?? '0', b.numbers[i] ?? '0');
    if (order !== 0) return order;
  }
  if (a.prerelease === null || b.prerelease === null) {
    if (a.prerelease === b.prerelease) return 0;
    return a.prerelease === null ? 1 : -1;
  }
  const identifiers = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < identifiers; i += 1) {
    const order = compareIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Plain code-point order: what registries list, and exact for tags that differ only in case. */
export function compareTagNames(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * Versions first, in `direction`; then the other tags by natural order whatever the direction,
 * since `latest` or `main` has no place among versions. Ties (`1.2` and `1.2.0`) fall back to
 * the name, so the order is total.
 */
export function compareTagVersions(a: string, b: string, direction: SortDirection = 'asc'): number {
  return compareParsed(a, parseTagVersion(a), b, parseTagVersion(b), direction);
}

function compareParsed(
  a: string,
  aVersion: TagVersion | null,
  b: string,
  bVersion: TagVersion | null,
  direction: SortDirection,
): number {
  if (aVersion && bVersion) {
    const order = compareVersions(aVersion, bVersion) || compareTagNames(a, b);
    return direction === 'asc' ? order : -order;
  }
  if (aVersion || bVersion) return aVersion ? -1 : 1;
  return natural.compare(a, b) || compareTagNames(a, b);
}

/** A sorted copy by version; each tag is parsed once, not once per comparison. */
export function sortTagsByVersion(tags: readonly string[], direction: SortDirection = 'asc'): string[] {
  const parsed = new Map<string, TagVersion | null>();
  for (const tag of tags) parsed.set(tag, parseTagVersion(tag));
  return [...tags].sort((a, b) =>
    compareParsed(a, parsed.get(a) ?? null, b, parsed.get(b) ?? null, direction),
  );
}
