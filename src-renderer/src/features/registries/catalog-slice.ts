/**
 * Each registry's repository list (`/v2/_catalog`), streamed page by page: the first page shows
 * at once, the rest append. Leaving the view pauses the stream (it resumes from its cursor on
 * return); Stop ends it until the user continues. Server data: a cache, never edited locally.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { CatalogPage } from '../../../../src-main/core/registry/types.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import { lowerCaseHaystack } from './catalog-filter.js';

/** The most `/v2/_catalog` gives per page on distribution, and what the contract allows. */
export const CATALOG_PAGE_SIZE = 1000;

export type CatalogState =
  /** Before the first page. */
  | 'loading'
  | 'streaming'
  | 'complete'
  /** The view closed mid-way; opening it again resumes. */
  | 'paused'
  /** The user pressed Stop; Continue resumes. */
  | 'stopped'
  | 'failed';

export interface CatalogCache {
  repositories: readonly string[];
  /** Lower-case twins of `repositories`, index for index, for the filter box. */
  haystack: readonly string[];
  state: CatalogState;
  /** Cursor of the page to fetch next; null once the last page came. */
  next: string | null;
  error?: ErrorShape;
}

/**
 * Codes that mean "this registry will not list its repositories (to you)", not "it broke".
 * NOT_FOUND too: a registry without `/v2/_catalog` answers 404 there.
 */
export const CATALOG_REFUSED = new Set(['UNSUPPORTED', 'UNAUTHORIZED', 'DENIED', 'NOT_FOUND']);

export interface CatalogSlice {
  catalogs: Readonly<Record<string, CatalogCache>>;
  /** Starts the stream, or resumes a paused one; a complete, stopped or failed catalog stays as it is. */
  openCatalog: (host: string) => void;
  /** The view is gone: stop asking, remember where we were. */
  pauseCatalog: (host: string) => void;
  stopCatalog: (host: string) => void;
  /** After Stop or a failed page: go on from the cursor. */
  continueCatalog: (host: string) => void;
  /** Start over from the first page. */
  reloadCatalog: (host: string) => void;
  forgetCatalog: (host: string) => void;
}

const emptyCatalog: CatalogCache = { repositories: [], haystack: [], state: 'loading', next: null };

export const createCatalogSlice: SliceCreator<CatalogSlice> = (set, get, client) => {
  // One stream per host; a newer run makes every answer of an older one moot.
  const runs = new Map<string, number>();

  const update = (host: string, change: Partial<CatalogCache>) =>
    set((state) => ({
      catalogs: { ...state.catalogs, [host]: { ...(state.catalogs[host] ?? emptyCatalog), ...change } },
    }));

  const stream = async (host: string, from: CatalogCache) => {
    const run = (runs.get(host) ?? 0) + 1;
    runs.set(host, run);
    let cursor = from.next;
    update(host, { state: from.repositories.length === 0 ? 'loading' : 'streaming', error: undefined });
    do {
      let page: CatalogPage;
      try {
        page = await client.call('catalog.page', {
          host,
          pageSize: CATALOG_PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        });
      } catch (error) {
        if (runs.get(host) === run) update(host, { state: 'failed', error: errorShape(error) });
        return;
      }
      if (runs.get(host) !== run) return;
      const before = get().catalogs[host] ?? emptyCatalog;
      cursor = page.next;
      update(host, {
        repositories: before.repositories.concat(page.repositories),
        haystack: before.haystack.concat(lowerCaseHaystack(page.repositories)),
        next: cursor,
        state: cursor ? 'streaming' : 'complete',
      });
    } while (cursor);
  };

  const halt = (host: string, state: CatalogState) => {
    const current = get().catalogs[host];
    if (!current || (current.state !== 'loading' && current.state !== 'streaming')) return;
    runs.set(host, (runs.get(host) ?? 0) + 1);
    // Paused before the first page came: nothing to resume from, so start afresh next time.
    if (current.repositories.length === 0) {
      set((s) => {
        const { [host]: _gone, ...catalogs } = s.catalogs;
        return { catalogs };
      });
    } else update(host, { state });
  };

  return {
    catalogs: {},

    openCatalog: (host) => {
      const current = get().catalogs[host];
      if (!current) void stream(host, emptyCatalog);
      else if (current.state === 'paused') void stream(host, current);
    },
    pauseCatalog: (host) => halt(host, 'paused'),
    stopCatalog: (host) => halt(host, 'stopped'),
    continueCatalog: (host) => {
      const current = get().catalogs[host];
      if (
        current &&
        (current.state === 'stopped' || current.state === 'failed' || current.state === 'paused')
      )
        void stream(host, current);
    },
    reloadCatalog: (host) => {
      runs.set(host, (runs.get(host) ?? 0) + 1);
      update(host, emptyCatalog);
      void stream(host, emptyCatalog);
    },
    forgetCatalog: (host) => {
      runs.set(host, (runs.get(host) ?? 0) + 1);
      set((state) => {
        const { [host]: _gone, ...catalogs } = state.catalogs;
        return { catalogs };
      });
    },
  };
};
