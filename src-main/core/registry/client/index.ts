export type { CatalogOptions } from './catalog.js';
export type { Transport } from './context.js';
export { decodeCatalogCursor, encodeCatalogCursor } from './cursor.js';
export { CONFIG_MAX_BYTES, MANIFEST_MAX_BYTES, MAX_PAGE_SIZE } from './limits.js';
export type { FetchedManifest, ManifestHeadResult } from './manifests.js';
export { parseRateLimit } from './rate-limit.js';
export type { ReferrersOptions } from './referrers.js';
export { RegistryClient, type RegistryClientOptions } from './registry-client.js';
export type { TagPagesOptions } from './tags.js';
