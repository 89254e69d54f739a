/**
 * Docker Hub search (`hub.search`): the last query, its page and the answer, kept so that going
 * into a repository and back shows the same results.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { HubSearchPage } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';

export interface HubSearch {
  query: string;
  page: number;
  state: 'loading' | 'ready' | 'failed';
  result?: HubSearchPage;
  error?: ErrorShape;
}

export interface HubSlice {
  hubSearch: HubSearch | undefined;
  searchHub: (query: string, page?: number) => Promise<void>;
}

export const createHubSlice: SliceCreator<HubSlice> = (set, get, client) => {
  let request = 0;
  return {
    hubSearch: undefined,
    searchHub: async (query, page = 1) => {
      const mine = ++request;
      const before = get().hubSearch;
      // The old results stay in view while the next page comes, so the table does not jump.
      set({
        hubSearch: { query, page, state: 'loading', ...(before?.result ? { result: before.result } : {}) },
      });
      try {
        const result = await client.call('hub.search', { query, page });
        if (mine === request) set({ hubSearch: { query, page, state: 'ready', result } });
      } catch (error) {
        if (mine === request) set({ hubSearch: { query, page, state: 'failed', error: errorShape(error) } });
      }
    },
  };
};
