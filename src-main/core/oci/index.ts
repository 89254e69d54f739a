export {
  type AttachedKind,
  type AttachedTag,
  classifyTag,
  referrersTag,
  signatureTag,
  splitAttachedTags,
} from './attached-tags.js';
export { type HistoryStep, type ImageConfig, layerHistory, parseImageConfig } from './config.js';
export { type Descriptor, DOCKER_REFERENCE_DIGEST, DOCKER_REFERENCE_TYPE } from './descriptor.js';
export { type DigestAlgorithm, digestMismatch, digestOf, splitDigest, verifyDigest } from './digest.js';
export { OciError, type OciErrorCode } from './errors.js';
export {
  defaultPlatformEntry,
  isAttestationEntry,
  runnableEntries,
  selectPlatformEntry,
} from './index-platforms.js';
export type { ImageIndex, ImageManifest, Manifest, Schema1Manifest } from './manifest.js';
export { manifestDigest, verifyManifestDigest } from './manifest-digest.js';
export * from './media-types.js';
export { parseManifest } from './parse-manifest.js';
export {
  formatPlatform,
  isUnknownPlatform,
  normalizePlatform,
  type Platform,
  parsePlatform,
  platformMatches,
} from './platform.js';
export { schema1Payload } from './schema1.js';
export { compareTagNames, sortTags, type TagOrder, type TagSortOptions, tagVersion } from './tag-sort.js';
