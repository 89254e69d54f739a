import type { Readable } from 'node:stream';
import { type WalkOptions, walkLayer } from './layer-stream.js';
import { type LayerListing, ListingBuilder } from './listing.js';
import { DEFAULT_LIMITS, type LayerLimits } from './types.js';

export type ListOptions = Omit<WalkOptions, 'limits' | 'what'> & {
  limits?: Partial<LayerLimits>;
  /** Names the layer in messages; default `the layer <digest>`. */
  what?: string;
};

/**
 * Lists the layer in `input` (gzip, zstd or plain tar) without keeping any of its contents: the
 * entries in archive order, stored under `digest` (the blob's, or a local layer's diff id).
 */
export async function listLayer(
  input: Readable,
  digest: string,
  opts: ListOptions = {},
): Promise<LayerListing> {
  const builder = new ListingBuilder();
  const result = await walkLayer(
    input,
    (entry) => {
      builder.add(entry);
      return undefined;
    },
    { ...opts, limits: withDefaults(opts.limits), what: opts.what ?? `the layer ${shortDigest(digest)}` },
  );
  return builder.finish(digest, result.uncompressedSize);
}

export function withDefaults(limits: Partial<LayerLimits> | undefined): LayerLimits {
  return limits ? { ...DEFAULT_LIMITS, ...limits } : DEFAULT_LIMITS;
}

/** `sha256:0123456789ab` — enough to recognise a layer in a message. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return colon === -1 ? digest.slice(0, 19) : digest.slice(0, colon + 13);
}
