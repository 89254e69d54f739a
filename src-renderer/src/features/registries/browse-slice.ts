/**
 * Where the user is in the registries area (registry → repository → tag) and which registry
 * dialog is open. Pure UI state: names only, the data lives in the cache slices.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { SortDirection } from '../../lib/tag-sort.js';
import type { SliceCreator } from '../../store/app-state.js';
import { DOCKER_HUB_DOMAIN } from './registry-ref.js';
import type { TagSortMode } from './tag-rows.js';

export interface RegistryRoute {
  host: string;
  /** Path inside the registry (`library/ubuntu`). */
  repository?: string;
  tag?: string;
}

export type RegistryDialog =
  | { kind: 'add' }
  | { kind: 'edit'; host: string }
  | { kind: 'login'; host: string }
  | { kind: 'remove'; host: string }
  | { kind: 'delete-tag'; host: string; repository: string; tag: string };

/** A registry action without a dialog of its own (log out) that failed. */
export interface RegistryNotice extends ErrorShape {
  action: string;
}

/** How the tag table is shown: the same in every repository, kept while the user looks at a tag. */
export interface TagView {
  sort: TagSortMode;
  direction: SortDirection;
  showAttached: boolean;
}

export interface BrowseSlice {
  registryRoute: RegistryRoute;
  /** The filter boxes: kept while the user goes into a repository or tag and back, reset elsewhere. */
  catalogQuery: string;
  tagQuery: string;
  tagView: TagView;
  registryDialog: RegistryDialog | undefined;
  registryNotice: RegistryNotice | undefined;
  openRegistry: (host: string) => void;
  openRepository: (host: string, repository: string) => void;
  openTag: (host: string, repository: string, tag: string) => void;
  /** One level up: tag → repository → registry. */
  goUp: () => void;
  /** The registry is gone: if the user was in it, back to Docker Hub. */
  leaveRegistry: (host: string) => void;
  openRegistryDialog: (dialog: RegistryDialog) => void;
  closeRegistryDialog: () => void;
  setRegistryNotice: (notice: RegistryNotice | undefined) => void;
  setCatalogQuery: (query: string) => void;
  setTagQuery: (query: string) => void;
  setTagView: (change: Partial<TagView>) => void;
}

/** Newest versions first: what people look for in a tag list. */
export const defaultTagView: TagView = { sort: 'version', direction: 'desc', showAttached: false };

export const createBrowseSlice: SliceCreator<BrowseSlice> = (set, get) => {
  /** Moves to `route`; a filter only survives inside the registry (or repository) it was typed in. */
  const go = (route: RegistryRoute) => {
    const before = get().registryRoute;
    set({
      registryRoute: route,
      ...(before.host === route.host ? {} : { catalogQuery: '' }),
      ...(before.host === route.host && before.repository === route.repository ? {} : { tagQuery: '' }),
    });
  };

  return {
    registryRoute: { host: DOCKER_HUB_DOMAIN },
    catalogQuery: '',
    tagQuery: '',
    tagView: defaultTagView,
    registryDialog: undefined,
    registryNotice: undefined,

    openRegistry: (host) => go({ host }),
    openRepository: (host, repository) => go({ host, repository }),
    openTag: (host, repository, tag) => go({ host, repository, tag }),
    goUp: () => {
      const { host, repository, tag } = get().registryRoute;
      if (tag !== undefined && repository !== undefined) go({ host, repository });
      else if (repository !== undefined) go({ host });
    },
    leaveRegistry: (host) => {
      if (get().registryRoute.host === host) go({ host: DOCKER_HUB_DOMAIN });
    },
    openRegistryDialog: (registryDialog) => set({ registryDialog }),
    closeRegistryDialog: () => set({ registryDialog: undefined }),
    setRegistryNotice: (registryNotice) => set({ registryNotice }),
    setCatalogQuery: (catalogQuery) => set({ catalogQuery }),
    setTagQuery: (tagQuery) => set({ tagQuery }),
    setTagView: (change) => set((state) => ({ tagView: { ...state.tagView, ...change } })),
  };
};
