import type { ImageRef } from '../reference/index.js';
import type { SignatureKind, TrustBadge, TrustReport } from './types.js';

export interface BadgeCacheOptions {
  /** How long a digest's badge is believed: signatures can be added (or removed) by others. */
  badgeTtlMs?: number;
  /** How long a tag is believed to name the same digest: tags move. */
  tagTtlMs?: number;
  /** Entries kept of each kind; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

type Verdict = Omit<TrustBadge, 'reference'>;

const DEFAULTS = { badgeTtlMs: 10 * 60_000, tagTtlMs: 60_000, maxEntries: 10_000 };

/**
 * Trust badges remembered in memory, so scrolling a tag list asks the registry nothing twice:
 * by repository and manifest digest under the trust settings' version (a new key or trust store
 * makes every badge stale), and which digest a tag named, for a minute. Badges that are `error`
 * are never kept: the next look tries again.
 */
export class BadgeCache {
  private readonly badges = new Map<string, { verdict: Verdict; at: number }>();
  private readonly tags = new Map<string, { digest: string; at: number }>();
  private readonly opts: Required<Omit<BadgeCacheOptions, 'now'>> & { now: () => number };

  constructor(opts: BadgeCacheOptions = {}) {
    this.opts = { ...DEFAULTS, now: Date.now, ...opts };
  }

  /** The badge of a tag or digest reference, when one is known and fresh. */
  get(ref: ImageRef, version: string): Verdict | undefined {
    const digest = ref.digest ?? this.tagDigest(ref);
    if (!digest) return undefined;
    const key = badgeKey(ref, digest, version);
    const entry = this.badges.get(key);
    if (!entry) return undefined;
    if (this.opts.now() - entry.at > this.opts.badgeTtlMs) {
      this.badges.delete(key);
      return undefined;
    }
    return entry.verdict;
  }

  put(ref: ImageRef, version: string, verdict: Verdict): void {
    if (verdict.status === 'error' || !verdict.digest) return;
    const at = this.opts.now();
    if (ref.tag !== null && ref.digest === null)
      remember(this.tags, tagKey(ref), { digest: verdict.digest, at }, this.opts.maxEntries);
    remember(this.badges, badgeKey(ref, verdict.digest, version), { verdict, at }, this.opts.maxEntries);
  }

  /** Drops what is known of `digest` in the repository (it was just signed), under every version. */
  forget(ref: Pick<ImageRef, 'domain' | 'path'>, digest: string): void {
    const suffix = ` ${repositoryOf(ref)}@${digest}`;
    for (const key of [...this.badges.keys()]) if (key.endsWith(suffix)) this.badges.delete(key);
  }

  private tagDigest(ref: ImageRef): string | undefined {
    if (ref.tag === null) return undefined;
    const key = tagKey(ref);
    const entry = this.tags.get(key);
    if (!entry) return undefined;
    if (this.opts.now() - entry.at > this.opts.tagTtlMs) {
      this.tags.delete(key);
      return undefined;
    }
    return entry.digest;
  }
}

/** A report reduced to its badge. */
export function badgeOf(report: TrustReport): Verdict {
  const kinds = [...new Set<SignatureKind>(report.signatures.map((signature) => signature.kind))];
  return { digest: report.digest || null, status: report.status, kinds };
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  // Maps iterate in insertion order: the first key is the oldest.
  while (map.size > max) map.delete(map.keys().next().value as string);
}

function repositoryOf(ref: Pick<ImageRef, 'domain' | 'path'>): string {
  return `${ref.domain}/${ref.path}`;
}

function badgeKey(ref: ImageRef, digest: string, version: string): string {
  return `${version} ${repositoryOf(ref)}@${digest}`;
}

function tagKey(ref: ImageRef): string {
  return `${repositoryOf(ref)}:${ref.tag}`;
}
