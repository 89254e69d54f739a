import semver from 'semver';

export type TagOrder = 'name' | 'version' | 'date';

export interface TagSortOptions {
  /** Newest (or last by name) first; tags without a version or date stay last, by name, either way. */
  descending?: boolean;
  /** The creation time (ISO 8601) of a tag's image, for `date`; missing or unparsable sorts last. */
  created?: (tag: string) => string | null | undefined;
}

/** Natural order: `tag-2` before `tag-10`; code points break what the collator calls equal. */
const collator = new Intl.Collator('en', { numeric: true });

export function compareTagNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A leading `[v]major[.minor[.patch]]`, the part of a tag like `1.25-alpine` or `v2` that is a version. */
const VERSION_PREFIX = /^v?(\d{1,15})(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?/i;

/**
 * The version a tag names, or null. A full semantic version is read as such (loosely: `v1.2.3`,
 * `1.2.3-rc.1`, whose prerelease sorts before `1.2.3`). Otherwise a leading numeric prefix is
 * coerced (`v1.10` → 1.10.0, `20.04` → 20.4.0, `1.25-alpine` → 1.25.0); ties fall back to names.
 */
export function tagVersion(tag: string): semver.SemVer | null {
  const parsed = semver.parse(tag, { loose: true });
  if (parsed) return parsed;
  const match = VERSION_PREFIX.exec(tag);
  if (!match) return null;
  const [, major, minor = '0', patch = '0'] = match;
  return semver.parse(`${Number(major)}.${Number(minor)}.${Number(patch)}`);
}

/**
 * Sorts tags by `name` (natural order), `version` (semantic versions first, `v1.10` after `v1.9`,
 * then the rest — `latest`, `main`, hashes — by name) or `date` (dated first, then by name).
 * Returns a new array.
 */
export function sortTags(tags: readonly string[], order: TagOrder, opts: TagSortOptions = {}): string[] {
  const direction = opts.descending ? -1 : 1;
  if (order === 'name') return [...tags].sort((a, b) => direction * compareTagNames(a, b));
  const keyOf = order === 'version' ? versionKey : dateKey(opts.created);
  const keyed = tags.map((tag) => ({ tag, key: keyOf(tag) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
      return compareTagNames(a.tag, b.tag);
    }
    return direction * (compareKeys(a.key, b.key) || compareTagNames(a.tag, b.tag));
  });
  return keyed.map(({ tag }) => tag);
}

type SortKey = semver.SemVer | number;

function versionKey(tag: string): SortKey | null {
  return tagVersion(tag);
}

function dateKey(created: TagSortOptions['created']): (tag: string) => SortKey | null {
  return (tag) => {
    const text = created?.(tag);
    if (!text) return null;
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : time;
  };
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return semver.compare(a as semver.SemVer, b as semver.SemVer);
}
