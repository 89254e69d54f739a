import type { CatalogPage } from '../types.js';
import type { ClientContext } from './context.js';
import { decodeCatalogCursor, encodeCatalogCursor } from './cursor.js';
import { LIST_PAGE_MAX_BYTES, MAX_PAGE_SIZE } from './limits.js';
import { fetchPage, followPages, type PageRequest, stringList } from './pagination.js';

const CATALOG_SCOPE = 'registry:catalog:*';

export interface CatalogOptions {
  /** Names per page, 1–1000 (distribution's cap); default 1000. */
  pageSize?: number;
  signal?: AbortSignal;
}

/** One page of `/v2/_catalog`; `cursor` is a previous page's `next`. */
export async function catalogPage(
  ctx: ClientContext,
  cursor?: string,
  pageSize?: number,
  signal?: AbortSignal,
): Promise<CatalogPage> {
  const request = catalogRequest(cursor, pageSize);
  const page = await fetchPage(ctx, request, [CATALOG_SCOPE], readRepositories(ctx), signal);
  return { repositories: page.items, next: page.next ? encodeCatalogCursor(page.next) : null };
}

/** Every page of the catalog, in the registry's order (distribution's is lexical). */
export function catalogPages(ctx: ClientContext, opts: CatalogOptions = {}): AsyncGenerator<string[]> {
  return followPages(
    ctx,
    catalogRequest(undefined, opts.pageSize),
    [CATALOG_SCOPE],
    readRepositories(ctx),
    opts.signal,
  );
}

function catalogRequest(cursor: string | undefined, pageSize: number | undefined): PageRequest {
  const request = cursor ? decodeCatalogCursor(cursor) : { path: '/v2/_catalog', query: {} };
  const n = pageSize ?? (cursor ? undefined : MAX_PAGE_SIZE);
  return n === undefined ? request : { ...request, query: { ...request.query, n: String(clampPageSize(n)) } };
}

export function clampPageSize(n: number): number {
  return Number.isFinite(n) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(n))) : MAX_PAGE_SIZE;
}

function readRepositories(ctx: ClientContext) {
  return async (response: { json<T>(max: number): Promise<T> }) =>
    stringList(await response.json<unknown>(LIST_PAGE_MAX_BYTES), 'repositories', ctx.host, 'catalog');
}
