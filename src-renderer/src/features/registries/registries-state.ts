/**
 * The registries area's slices as one, so the app store adds them with a single entry: the
 * registry list and probes, where the user is, catalogs, tags, manifests and Hub search.
 */
import type { SliceCreator } from '../../store/app-state.js';
import { type BrowseSlice, createBrowseSlice } from './browse-slice.js';
import { type CatalogSlice, createCatalogSlice } from './catalog-slice.js';
import { createHubSlice, type HubSlice } from './hub-slice.js';
import { createManifestsSlice, type ManifestsSlice } from './manifests-slice.js';
import { createRegistriesSlice, type RegistriesSlice } from './registries-slice.js';
import { createTagsSlice, type TagsSlice } from './tags-slice.js';

export type RegistriesState = RegistriesSlice &
  BrowseSlice &
  CatalogSlice &
  TagsSlice &
  ManifestsSlice &
  HubSlice;

export const createRegistriesState: SliceCreator<RegistriesState> = (set, get, client) => ({
  ...createRegistriesSlice(set, get, client),
  ...createBrowseSlice(set, get, client),
  ...createCatalogSlice(set, get, client),
  ...createTagsSlice(set, get, client),
  ...createManifestsSlice(set, get, client),
  ...createHubSlice(set, get, client),
});
