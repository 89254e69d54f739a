export { type FileView, hexDump, isBinary, type OpenedFile, openFile, viewFile } from './content.js';
export {
  type ChangedField,
  type ChangedPath,
  type DirectoryChange,
  diffFilesystems,
  type ImageDiff,
} from './diff.js';
export type { Efficiency, Inefficiency } from './efficiency.js';
export { LayerError, type LayerErrorCode } from './errors.js';
export {
  type EntryOptions,
  imageFilesystem,
  type LayeredImage,
  type LayersSummary,
  layersSummary,
  selectLayer,
} from './image.js';
export { type ListOptions, listLayer } from './list-layer.js';
export { LayerListing } from './listing.js';
export { ListingCache, type ListingCacheOptions, layerListingCacheDir } from './listing-cache.js';
export { type LocalImageOptions, openLocalImage } from './local-image.js';
export { type ChangeKind, type MergedEntry, MergedFs, type RemovedPath } from './merged-fs.js';
export { openRemoteImage, type RemoteImageOptions } from './remote-image.js';
export {
  DEFAULT_LIMITS,
  type EntryType,
  type FileEntry,
  type HistoryRecord,
  type LayerInfo,
  type LayerLimits,
  type ReadOptions,
} from './types.js';
