/** Largest manifest or index we read: distribution's own limit for a manifest PUT. */
export const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;
/** Largest image config we read; real ones are a few KiB, big ones (many labels, long history) ~1 MiB. */
export const CONFIG_MAX_BYTES = 8 * 1024 * 1024;
/** Largest catalog or tag list page: 1,000 names of at most 255 characters, with room to spare. */
export const LIST_PAGE_MAX_BYTES = 4 * 1024 * 1024;
/** distribution caps `n` at 1,000 and refuses more; so do most registries. */
export const MAX_PAGE_SIZE = 1000;
/** Pages followed before a listing is called a loop (10 million names at 1,000 a page). */
export const MAX_PAGES = 10_000;
