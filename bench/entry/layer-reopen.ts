/**
 * Bench-only entry (bundled by bench/lib/bundle-entry.js): reopening a layer that was listed
 * before, in one process, as the app does it. Opens the listing cache of the environment
 * (STEVEDORE_CACHE_DIR), reads the listing of `digest` from it, then builds what each client
 * shows: the entries in archive order (`stevedore files --layer`), and the merged filesystem and
 * its tree's root (the app's file tree). Prints the timings as JSON on stdout.
 *
 * Usage: node layer-reopen.js <layer digest>
 */
import { ListingCache, layerListingCacheDir } from '../../src-main/core/layers/listing-cache.js';
import { MergedFs } from '../../src-main/core/layers/merged-fs.js';
import { TreeIndex } from '../../src-main/core/layers/tree-view.js';

const [digest] = process.argv.slice(2);
if (!digest) throw new Error('usage: node layer-reopen.js <layer digest>');

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const cache = await ListingCache.open(layerListingCacheDir(process.env));
const opening = process.hrtime.bigint();
const listing = await cache.get(digest);
if (!listing) throw new Error(`no listing of ${digest} in the cache: list the layer first`);
const openMs = ms(opening);
const listingEntries = process.hrtime.bigint();
const entries = listing.entries().length;
const entriesMs = ms(listingEntries);
const merging = process.hrtime.bigint();
const fs = new MergedFs([listing]);
const mergeMs = ms(merging);
const building = process.hrtime.bigint();
const root = TreeIndex.top(fs).list('');
const treeMs = ms(building);
process.stdout.write(
  `${JSON.stringify({ entries, rootEntries: root.length, openMs, entriesMs, mergeMs, treeMs })}\n`,
);
