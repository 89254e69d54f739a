export { appCacheDir, contentCacheDir } from './cache-dir.js';
export { ContentCache, type ContentCacheOptions } from './content-cache.js';
