import { z } from 'zod';
import { CancelledError, InvalidInputError } from '../errors.js';
import type { HubSearchResult } from '../registry/types.js';
import { HubError } from './errors.js';

/** Docker Hub's web API (not the registry, which has no search). */
export const HUB_API_URL = 'https://hub.docker.com';
export const HUB_PAGE_SIZE = 25;
export const HUB_SEARCH_TIMEOUT_MS = 15_000;
/** A page of 25 hits is a few kilobytes; anything near this is not a search answer. */
export const HUB_BODY_LIMIT = 2 * 1024 * 1024;
const MAX_QUERY_LENGTH = 256;
/** Longest piece of an error body quoted in a message. */
const QUOTE_LIMIT = 300;

export interface HubSearchPage {
  results: HubSearchResult[];
  /** Hits in all pages, as Hub counts them (Hub stops counting at 10 000). */
  total: number;
  /** The next page number, or null at the end. */
  next: number | null;
}

export interface HubSearchOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Where Docker Hub's API lives; tests point it at a local server. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** `GET /v2/search/repositories/`: only the fields we show are checked; Hub sends more. */
const pageSchema = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullish(),
  results: z.array(z.unknown()).nullish(),
});

const hitSchema = z.object({
  repo_name: z.string().min(1),
  short_description: z.string().nullish(),
  star_count: z.number().nonnegative().nullish(),
  pull_count: z.number().nonnegative().nullish(),
  is_official: z.boolean().nullish(),
});

/** Searches Docker Hub's public repositories, one page of 25 at a time (pages count from 1). */
export async function hubSearch(
  query: string,
  page: number,
  opts: HubSearchOptions = {},
): Promise<HubSearchPage> {
  const text = query.trim();
  if (!text) throw new InvalidInputError('type something to search');
  if (text.length > MAX_QUERY_LENGTH) {
    throw new InvalidInputError(`a search is at most ${MAX_QUERY_LENGTH} characters`);
  }
  if (!Number.isInteger(page) || page < 1) throw new InvalidInputError('page numbers start at 1');

  const url = new URL('/v2/search/repositories/', opts.baseUrl ?? HUB_API_URL);
  url.searchParams.set('query', text);
  url.searchParams.set('page', String(page));
  url.searchParams.set('page_size', String(HUB_PAGE_SIZE));

  const timeoutMs = opts.timeoutMs ?? HUB_SEARCH_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const failed = (error: unknown): Error => {
    if (opts.signal?.aborted) return new CancelledError('Search cancelled');
    if (timeout.aborted) {
      return new HubError('HUB_UNREACHABLE', `Docker Hub did not answer within ${timeoutMs / 1000} s`, {
        url: url.origin,
      });
    }
    return error instanceof HubError ? error : unreachable(url, error);
  };

  try {
    const response = await (opts.fetch ?? fetch)(url, { headers: { accept: 'application/json' }, signal });
    if (response.status === 429) {
      await response.body?.cancel();
      throw tooManyRequests(response.headers);
    }
    if (!response.ok) {
      const body = await readCapped(response, QUOTE_LIMIT * 4).catch(() => '');
      throw new HubError(
        'HUB_ERROR',
        `Docker Hub answered the search with ${response.status}${errorText(body)}`,
        { status: response.status },
      );
    }
    return toPage(await readCapped(response, HUB_BODY_LIMIT, true), page);
  } catch (error) {
    throw failed(error);
  }
}

function toPage(body: string, page: number): HubSearchPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HubError('HUB_BAD_RESPONSE', 'Docker Hub answered the search with something that is not JSON');
  }
  const parsed = pageSchema.safeParse(json);
  if (!parsed.success) {
    throw new HubError('HUB_BAD_RESPONSE', 'Docker Hub answered the search without a count of results', {
      problem: z.prettifyError(parsed.error),
    });
  }
  const results: HubSearchResult[] = [];
  for (const item of parsed.data.results ?? []) {
    // One odd hit is dropped, not the page.
    const hit = hitSchema.safeParse(item);
    if (!hit.success) continue;
    results.push({
      // Official images come without `library/`; strip it in case an answer has it.
      name: hit.data.repo_name.replace(/^library\//, ''),
      description: hit.data.short_description ?? '',
      official: hit.data.is_official ?? false,
      stars: hit.data.star_count ?? 0,
      pulls: hit.data.pull_count ?? 0,
    });
  }
  return { results, total: parsed.data.count, next: nextPage(parsed.data.next, page) };
}

/** Hub's `next` is a URL (or null, or "" on the last page); we hand out its page number. */
function nextPage(next: string | null | undefined, page: number): number | null {
  if (!next) return null;
  const fromUrl = URL.canParse(next) ? Number(new URL(next).searchParams.get('page')) : Number.NaN;
  return Number.isInteger(fromUrl) && fromUrl > page ? fromUrl : page + 1;
}

function tooManyRequests(headers: Headers): HubError {
  const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
  const when = retryAfterSeconds === undefined ? 'later' : `in ${retryAfterSeconds} s`;
  return new HubError(
    'TOO_MANY_REQUESTS',
    `Docker Hub is limiting searches from this address: try again ${when}`,
    retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
  );
}

/** `Retry-After` is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Hub's error bodies say `{"message": ..}` or `{"detail": ..}`; quote the one given. */
function errorText(body: string): string {
  let said: unknown;
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    said = json.message ?? json.detail ?? json.error;
  } catch {
    said = undefined;
  }
  if (typeof said !== 'string' || !said.trim()) return '';
  const text = said.trim();
  return `: ${text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text}`;
}

/**
 * The body as text, reading no more than `limit` bytes. Over the limit: an error when `strict`,
 * else the first `limit` bytes (enough to quote an error body).
 */
async function readCapped(response: Response, limit: number, strict = false): Promise<string> {
  const tooLarge = () =>
    new HubError('HUB_BAD_RESPONSE', `Docker Hub's answer is larger than ${limit / (1024 * 1024)} MiB`);
  const declared = Number(response.headers.get('content-length'));
  if (strict && declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      if (strict) throw tooLarge();
      chunks.push(value.subarray(0, value.length - (size - limit)));
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function unreachable(url: URL, error: unknown): HubError {
  // fetch wraps the socket's error: `TypeError: fetch failed` with cause ECONNREFUSED, ENOTFOUND, ...
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new HubError(
    'HUB_UNREACHABLE',
    `Docker Hub (${url.host}) cannot be reached (${reason}): check the network connection`,
    { url: url.origin, reason },
    { cause: error },
  );
}
