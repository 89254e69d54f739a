import type { TrustBadge } from '../../../../src-main/ipc/contract.js';
import type { BadgeEntry } from './trust-badges-slice.js';

const NO_ANSWER = {
  code: 'NOT_FOUND',
  message: 'No trust status came back for this reference.',
};

/**
 * The badges of one `trust.badges` call by the reference each was asked for. Main may answer with
 * references normalized (`ubuntu` → `docker.io/library/ubuntu`): an answer that matches no asked
 * reference by name is taken by its position, when the answer has one badge per reference.
 * Pure: the unit tests pin it down.
 */
export function matchBadges(
  asked: readonly string[],
  badges: readonly TrustBadge[],
): Record<string, BadgeEntry> {
  const byReference = new Map(badges.map((badge) => [badge.reference, badge]));
  const byPosition = badges.length === asked.length;
  const entries: Record<string, BadgeEntry> = {};
  asked.forEach((reference, index) => {
    const badge = byReference.get(reference) ?? (byPosition ? badges[index] : undefined);
    entries[reference] = badge ? { badge } : { error: NO_ANSWER };
  });
  return entries;
}
