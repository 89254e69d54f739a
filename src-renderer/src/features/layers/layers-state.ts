/**
 * The Layers view's slices as one, so the app store adds them with a single entry: images and
 * scans, the file tree, file content and saving, and comparisons.
 */
import type { SliceCreator } from '../../store/app-state.js';
import { createLayerDiffSlice, type LayerDiffSlice } from './layer-diff-slice.js';
import { createLayerFileSlice, type LayerFileSlice } from './layer-file-slice.js';
import { createLayerTreeSlice, type LayerTreeSlice } from './layer-tree-slice.js';
import { createLayersSlice, type LayersSlice } from './layers-slice.js';

export type LayersState = LayersSlice & LayerTreeSlice & LayerFileSlice & LayerDiffSlice;

export const createLayersState: SliceCreator<LayersState> = (set, get, client) => ({
  ...createLayersSlice(set, get, client),
  ...createLayerTreeSlice(set, get, client),
  ...createLayerFileSlice(set, get, client),
  ...createLayerDiffSlice(set, get, client),
});
