/**
 * Trust badges for the rows in sight (tag tables, local images), fetched in batches of at most
 * BADGE_BATCH references once scrolling pauses, and kept in a small cache by reference that
 * trust settings changes and finished signatures invalidate. Never one call per row.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { TrustBadge } from '../../../../src-main/ipc/contract.js';
import { debounce } from '../../lib/debounce.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import { createBatchQueue } from '../registries/batch-queue.js';
import { matchBadges } from './badge-match.js';
import { referenceRepository } from './trust-reference.js';

export const BADGE_BATCH = 50;
const BADGES_IN_FLIGHT = 2;
/** Scrolling through 100 000 rows asks once it stops, and at least this often while it goes on. */
export const BADGE_WAIT_MS = 120;
const BADGE_MAX_WAIT_MS = 400;
/** How many badges are remembered; the oldest the views do not want go first. */
export const BADGE_CACHE_SIZE = 5000;

export type BadgeEntry = { badge: TrustBadge } | { error: ErrorShape };

export interface TrustBadgesSlice {
  trustBadges: Readonly<Record<string, BadgeEntry>>;
  /** The references a view (`consumer`) shows now; an empty list when it goes away. */
  wantTrustBadges: (consumer: string, references: readonly string[]) => void;
  /** Forgets the badges of one repository (`host/path`), or all: the views in sight ask again. */
  forgetTrustBadges: (repository?: string) => void;
}

export const createTrustBadgesSlice: SliceCreator<TrustBadgesSlice> = (set, get, client) => {
  const wanted = new Map<string, readonly string[]>();
  // Answers to a request made before the cache was invalidated are stale: they are dropped.
  let generation = 0;

  const wantedNow = (): string[] => [...new Set([...wanted.values()].flat())];

  const store = (entries: Record<string, BadgeEntry>) =>
    set((state) => {
      const next = { ...state.trustBadges, ...entries };
      const keys = Object.keys(next);
      if (keys.length <= BADGE_CACHE_SIZE) return { trustBadges: next };
      const keep = new Set(wantedNow());
      let excess = keys.length - BADGE_CACHE_SIZE;
      for (const key of keys) {
        if (excess === 0) break;
        if (keep.has(key)) continue;
        delete next[key];
        excess -= 1;
      }
      return { trustBadges: next };
    });

  const queue = createBatchQueue({
    batchSize: BADGE_BATCH,
    concurrency: BADGES_IN_FLIGHT,
    isSettled: (reference) => reference in get().trustBadges,
    fetchBatch: async (references) => {
      const asked = generation;
      let entries: Record<string, BadgeEntry>;
      try {
        const badges = await client.call('trust.badges', { references });
        entries = matchBadges(references, badges);
      } catch (error) {
        const shape = errorShape(error);
        entries = Object.fromEntries(references.map((reference) => [reference, { error: shape }]));
      }
      if (asked === generation) store(entries);
      else askSoon();
    },
  });

  const askSoon = debounce(() => queue.setUrgent(wantedNow()), BADGE_WAIT_MS, BADGE_MAX_WAIT_MS);

  return {
    trustBadges: {},

    wantTrustBadges: (consumer, references) => {
      if (references.length === 0) wanted.delete(consumer);
      else wanted.set(consumer, references);
      askSoon();
    },

    forgetTrustBadges: (repository) => {
      generation += 1;
      set((state) => ({
        trustBadges:
          repository === undefined
            ? {}
            : Object.fromEntries(
                Object.entries(state.trustBadges).filter(
                  ([reference]) => referenceRepository(reference) !== repository,
                ),
              ),
      }));
      askSoon();
    },
  };
};
