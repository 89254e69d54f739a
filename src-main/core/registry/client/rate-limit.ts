import type { ResponseHeaders } from '../transport/types.js';
import type { RegistryCapabilities } from '../types.js';

/**
 * Docker Hub's pull limit from `ratelimit-limit: 100;w=21600` and `ratelimit-remaining: 76;w=21600`
 * (count; window in seconds). Undefined when the headers are absent or not in that form.
 */
export function parseRateLimit(headers: ResponseHeaders): RegistryCapabilities['rateLimit'] {
  const limit = parseCounter(headers['ratelimit-limit']);
  const remaining = parseCounter(headers['ratelimit-remaining']);
  if (!limit || !remaining) return undefined;
  return {
    limit: limit.count,
    remaining: remaining.count,
    windowSeconds: limit.window ?? remaining.window ?? 0,
  };
}

function parseCounter(header: string | string[] | undefined): { count: number; window?: number } | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : /^\s*(\d+)\s*(?:;\s*w\s*=\s*(\d+))?/i.exec(value);
  if (!match) return undefined;
  return { count: Number(match[1]), ...(match[2] === undefined ? {} : { window: Number(match[2]) }) };
}
