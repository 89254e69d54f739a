/**
 * The rows of the tag table, derived from a cached TagList (and, for sorting by date, the tag
 * details fetched so far). Row objects are made once per list; filtering and sorting only
 * reorder or pick them.
 */
import type { AttachedTag, TagDetails, TagList } from '../../../../src-main/core/registry/types.js';
import { formatCount } from '../../lib/format.js';
import { compareTagNames, type SortDirection, sortTagsByVersion } from '../../lib/tag-sort.js';

export type TagSortMode = 'name' | 'version' | 'created';

export interface TagRow {
  tag: string;
  /** Set for a signature/attestation/referrers tag, shown only with "show signature tags". */
  attached?: AttachedTag;
  /** Lower-case tag: what the filter box searches. */
  haystack: string;
}

export interface TagRowSet {
  plain: TagRow[];
  attached: TagRow[];
}

export function tagRowsOf(list: TagList): TagRowSet {
  return {
    plain: list.tags.map((tag) => ({ tag, haystack: tag.toLowerCase() })),
    attached: list.attached.map((attached) => ({
      tag: attached.tag,
      attached,
      haystack: attached.tag.toLowerCase(),
    })),
  };
}

/** The rows shown: ordinary tags, plus attached ones when asked, that contain the query. */
export function shownTagRows(set: TagRowSet, showAttached: boolean, query: string): TagRow[] {
  const rows = showAttached ? [...set.plain, ...set.attached] : set.plain;
  const needle = query.trim().toLowerCase();
  return needle === '' ? rows : rows.filter((row) => row.haystack.includes(needle));
}

/** Epoch ms of a tag's image, or NaN while unknown (not fetched yet, or no date in the config). */
function createdMs(details: TagDetails | undefined): number {
  const ms = details?.created ? Date.parse(details.created) : Number.NaN;
  return Number.isFinite(ms) ? ms : Number.NaN;
}

/**
 * A sorted copy. By name: code-point order. By version: see lib/tag-sort. By date: undated tags
 * last, whatever the direction; ties by name.
 */
export function sortTagRows(
  rows: readonly TagRow[],
  mode: TagSortMode,
  direction: SortDirection,
  details: Readonly<Record<string, TagDetails>>,
): TagRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  if (mode === 'name') return [...rows].sort((a, b) => sign * compareTagNames(a.tag, b.tag));
  if (mode === 'version') {
    const byTag = new Map(rows.map((row) => [row.tag, row]));
    return sortTagsByVersion(
      rows.map((row) => row.tag),
      direction,
    ).map((tag) => byTag.get(tag)!);
  }
  const dates = new Map(rows.map((row) => [row.tag, createdMs(details[row.tag])]));
  return [...rows].sort((a, b) => {
    const x = dates.get(a.tag)!;
    const y = dates.get(b.tag)!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    } else if (x !== y) return sign * (x - y);
    return compareTagNames(a.tag, b.tag);
  });
}

/** sortTagRows, with attached tags (when shown) after the ordinary ones rather than among them. */
export function sortShownRows(
  rows: readonly TagRow[],
  mode: TagSortMode,
  direction: SortDirection,
  details: Readonly<Record<string, TagDetails>>,
): TagRow[] {
  const plain = rows.filter((row) => !row.attached);
  if (plain.length === rows.length) return sortTagRows(rows, mode, direction, details);
  const attached = rows.filter((row) => row.attached);
  return [...sortTagRows(plain, mode, direction, details), ...sortTagRows(attached, 'name', 'asc', {})];
}

/** Signature, attestation and referrer tags by the digest they are attached to. */
export function attachedBySubject(list: TagList): Map<string, AttachedTag[]> {
  const bySubject = new Map<string, AttachedTag[]>();
  for (const attached of list.attached) {
    const known = bySubject.get(attached.subject);
    if (known) known.push(attached);
    else bySubject.set(attached.subject, [attached]);
  }
  return bySubject;
}

const KIND_NOUNS: Record<AttachedTag['kind'], string> = {
  signature: 'signature',
  attestation: 'attestation',
  sbom: 'SBOM',
  referrers: 'referrers index',
};

/** `2 signatures, 1 attestation`. */
export function describeAttached(attached: readonly AttachedTag[]): string {
  const counts = new Map<AttachedTag['kind'], number>();
  for (const { kind } of attached) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, count]) =>
      formatCount(count, KIND_NOUNS[kind], kind === 'referrers' ? 'referrers indexes' : undefined),
    )
    .join(', ');
}

export function kindLabel(kind: AttachedTag['kind']): string {
  return KIND_NOUNS[kind];
}
