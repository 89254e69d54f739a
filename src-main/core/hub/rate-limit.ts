/** Docker Hub's pull allowance, as its registry reports it on every manifest request. */
export interface HubRateLimit {
  limit: number;
  remaining: number;
  windowSeconds: number;
}

/** `100;w=21600`: a count, then the window in seconds (the IETF RateLimit header draft's syntax). */
const QUOTA = /^\s*(\d+)\s*(?:;\s*w\s*=\s*(\d+)\s*)?(?:;.*)?$/;

/**
 * Reads `ratelimit-limit: 100;w=21600` and `ratelimit-remaining: 76;w=21600`. Undefined when either
 * is missing or unreadable, or no window is given: registries other than Hub send neither, and
 * Hub sends neither to accounts without a limit.
 */
export function parseHubRateLimit(headers: { get(name: string): string | null }): HubRateLimit | undefined {
  const limit = QUOTA.exec(headers.get('ratelimit-limit') ?? '');
  const remaining = QUOTA.exec(headers.get('ratelimit-remaining') ?? '');
  if (!limit?.[1] || !remaining?.[1]) return undefined;
  const window = limit[2] ?? remaining[2];
  if (window === undefined) return undefined;
  return { limit: Number(limit[1]), remaining: Number(remaining[1]), windowSeconds: Number(window) };
}
