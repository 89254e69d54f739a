import { RegistryError } from '../errors.js';
import type { RegistryResponse } from '../transport/types.js';
import type { ClientContext } from './context.js';
import { MAX_PAGES } from './limits.js';

export interface PageRequest {
  path: string;
  query: Record<string, string>;
}

export interface Page<T> {
  items: T;
  /** Where the registry's `Link: <…>; rel="next"` points, or null on the last page. */
  next: PageRequest | null;
}

/**
 * Fetches one page and reads where the next one is. The next link must stay on the same path
 * (the transport already refused other hosts): a listing that points elsewhere is a protocol error.
 */
export async function fetchPage<T>(
  ctx: ClientContext,
  request: PageRequest,
  scopes: string[],
  read: (response: RegistryResponse) => Promise<T>,
  signal?: AbortSignal,
): Promise<Page<T>> {
  const response = await ctx.transport.request({
    method: 'GET',
    path: request.path,
    query: request.query,
    scopes,
    ...(signal ? { signal } : {}),
  });
  const items = await read(response);
  const next = ctx.transport.nextLink(response);
  if (next && next.path !== request.path) {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${ctx.host} pointed the next page of ${request.path} at another path (${next.path.slice(0, 200)}).`,
      { details: { host: ctx.host, path: request.path } },
    );
  }
  return { items, next };
}

/** Follows next links from `first` to the end, refusing to go round in circles. */
export async function* followPages<T>(
  ctx: ClientContext,
  first: PageRequest,
  scopes: string[],
  read: (response: RegistryResponse) => Promise<T>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const seen = new Set<string>();
  let request: PageRequest | null = first;
  while (request) {
    const key = pageKey(request);
    if (seen.has(key) || seen.size >= MAX_PAGES) {
      throw new RegistryError(
        'PROTOCOL_ERROR',
        `${ctx.host} keeps listing pages of ${first.path} without end.`,
        {
          details: { host: ctx.host, path: first.path, pages: seen.size },
        },
      );
    }
    seen.add(key);
    const page: Page<T> = await fetchPage(ctx, request, scopes, read, signal);
    yield page.items;
    request = page.next;
  }
}

function pageKey(request: PageRequest): string {
  const query = Object.entries(request.query)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${request.path}?${query}`;
}

/** A `{ key: string[] }` body (catalog's repositories, tag list's tags), checked; null counts as empty. */
export function stringList(body: unknown, key: string, host: string, what: string): string[] {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${host} sent a ${what} whose "${key}" is not a list of names.`,
      {
        details: { host },
      },
    );
  }
  return value;
}
