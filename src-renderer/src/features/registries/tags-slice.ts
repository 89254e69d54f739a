/**
 * Tag lists per repository and the details of single tags (digest, platforms, size, date),
 * fetched lazily: the rows in view first, every tag only when sorting by date needs it. Keyed by
 * repository reference (`host/path`); a cache of what main said, never edited locally.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { TagDetails, TagList } from '../../../../src-main/core/registry/types.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import { type BatchQueue, createBatchQueue } from './batch-queue.js';

/** At most this many tags per `tags.details` call, and this many calls at once. */
export const DETAILS_BATCH = 50;
export const DETAILS_IN_FLIGHT = 2;

export type TagListEntry =
  | { state: 'loading'; list?: TagList }
  | { state: 'ready'; list: TagList }
  | { state: 'failed'; error: ErrorShape; list?: TagList };

export interface TagDetailsEntry {
  byTag: Readonly<Record<string, TagDetails>>;
  /** Tags whose details could not be had, and why: not asked for again until a reload. */
  failed: Readonly<Record<string, ErrorShape>>;
}

const noDetails: TagDetailsEntry = { byTag: {}, failed: {} };

export interface TagsSlice {
  tagLists: Readonly<Record<string, TagListEntry>>;
  tagDetails: Readonly<Record<string, TagDetailsEntry>>;
  /** Fetches the list unless cached (or `force`: a reload also forgets the details). */
  loadTags: (repository: string, force?: boolean) => Promise<void>;
  /** The tags in view now: fetched first. */
  wantVisibleDetails: (repository: string, tags: readonly string[]) => void;
  /** Every tag (to sort by date), or none. */
  wantAllDetails: (repository: string, tags: readonly string[]) => void;
  /** Drops what is cached for every repository of a host (after a login, say). */
  forgetTags: (host: string) => void;
}

const NO_ANSWER: ErrorShape = { code: 'NOT_FOUND', message: 'The registry gave no details for this tag.' };

function withoutKeys<T>(record: Readonly<Record<string, T>>, drop: (key: string) => boolean) {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !drop(key)));
}

export const createTagsSlice: SliceCreator<TagsSlice> = (set, get, client) => {
  const listRequests = new Map<string, number>();
  const queues = new Map<string, BatchQueue>();

  const settle = (repository: string, found: TagDetails[], failed: Record<string, ErrorShape>) =>
    set((state) => {
      const before = state.tagDetails[repository] ?? noDetails;
      const byTag = { ...before.byTag };
      for (const details of found) byTag[details.tag] = details;
      return {
        tagDetails: {
          ...state.tagDetails,
          [repository]: { byTag, failed: { ...before.failed, ...failed } },
        },
      };
    });

  const fetchBatch = (repository: string) => async (tags: string[]) => {
    try {
      const found = await client.call('tags.details', { repository, tags });
      const answered = new Set(found.map((details) => details.tag));
      const missing = Object.fromEntries(
        tags.filter((tag) => !answered.has(tag)).map((tag) => [tag, NO_ANSWER]),
      );
      settle(repository, found, missing);
    } catch (error) {
      const shape = errorShape(error);
      settle(repository, [], Object.fromEntries(tags.map((tag) => [tag, shape])));
    }
  };

  const queueOf = (repository: string): BatchQueue => {
    let queue = queues.get(repository);
    if (!queue) {
      queue = createBatchQueue({
        batchSize: DETAILS_BATCH,
        concurrency: DETAILS_IN_FLIGHT,
        isSettled: (tag) => {
          const entry = get().tagDetails[repository];
          return entry !== undefined && (tag in entry.byTag || tag in entry.failed);
        },
        fetchBatch: fetchBatch(repository),
      });
      queues.set(repository, queue);
    }
    return queue;
  };

  return {
    tagLists: {},
    tagDetails: {},

    loadTags: async (repository, force = false) => {
      const before = get().tagLists[repository];
      if (!force && before && before.state !== 'failed') return;
      const request = (listRequests.get(repository) ?? 0) + 1;
      listRequests.set(repository, request);
      if (force) {
        queues.get(repository)?.clear();
        set((state) => ({ tagDetails: withoutKeys(state.tagDetails, (key) => key === repository) }));
      }
      const loading: TagListEntry = { state: 'loading', ...(before?.list ? { list: before.list } : {}) };
      set((state) => ({ tagLists: { ...state.tagLists, [repository]: loading } }));
      try {
        const list = await client.call('tags.list', { repository });
        if (listRequests.get(repository) === request)
          set((state) => ({ tagLists: { ...state.tagLists, [repository]: { state: 'ready', list } } }));
      } catch (error) {
        if (listRequests.get(repository) !== request) return;
        const failed: TagListEntry = { state: 'failed', error: errorShape(error) };
        set((state) => ({ tagLists: { ...state.tagLists, [repository]: failed } }));
      }
    },

    wantVisibleDetails: (repository, tags) => queueOf(repository).setUrgent(tags),
    wantAllDetails: (repository, tags) => queueOf(repository).setBacklog(tags),

    forgetTags: (host) => {
      const ofHost = (repository: string) => repository.startsWith(`${host}/`);
      for (const [repository, queue] of queues) if (ofHost(repository)) queue.clear();
      set((state) => ({
        tagLists: withoutKeys(state.tagLists, ofHost),
        tagDetails: withoutKeys(state.tagDetails, ofHost),
      }));
    },
  };
};
