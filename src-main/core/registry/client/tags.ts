import { splitAttachedTags } from '../../oci/attached-tags.js';
import type { TagList } from '../types.js';
import { clampPageSize } from './catalog.js';
import type { ClientContext } from './context.js';
import { LIST_PAGE_MAX_BYTES, MAX_PAGE_SIZE } from './limits.js';
import { checkRepository, pullScope } from './names.js';
import { followPages, stringList } from './pagination.js';

export interface TagPagesOptions {
  /** Tags per page, 1–1000; default 1000. */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Every page of `/v2/<repo>/tags/list`, in the registry's order. A repository whose tags were
 * all deleted answers `"tags": null`: an empty page.
 */
export function tagPages(
  ctx: ClientContext,
  repo: string,
  opts: TagPagesOptions = {},
): AsyncGenerator<string[]> {
  checkRepository(repo);
  const first = {
    path: `/v2/${repo}/tags/list`,
    query: { n: String(clampPageSize(opts.pageSize ?? MAX_PAGE_SIZE)) },
  };
  return followPages(
    ctx,
    first,
    [pullScope(repo)],
    async (response) =>
      stringList(await response.json<unknown>(LIST_PAGE_MAX_BYTES), 'tags', ctx.host, 'tag list'),
    opts.signal,
  );
}

/**
 * All tags of a repository, every page, with signature and referrer tags (`sha256-<hex>.sig`, …)
 * split off and attached to their subject. Both lists keep the registry's order. `repository`
 * is the fully qualified name (`127.0.0.1:5000/app`).
 */
export async function tagList(
  ctx: ClientContext,
  repo: string,
  opts: TagPagesOptions = {},
): Promise<TagList> {
  const all: string[] = [];
  for await (const page of tagPages(ctx, repo, opts)) all.push(...page);
  return { repository: `${ctx.host}/${repo}`, ...splitAttachedTags(all) };
}
