import { InvalidInputError } from '../../errors.js';
import type { PageRequest } from './pagination.js';

const CATALOG_PATH = '/v2/_catalog';
const CATALOG_PARAMS = new Set(['n', 'last']);
const MAX_VALUE_LENGTH = 1024;

/**
 * A catalog page cursor for the UI: the registry's next link, base64url'd. Opaque to callers; we
 * check it on the way back in, since it round-trips through the renderer.
 */
export function encodeCatalogCursor(next: PageRequest): string {
  return Buffer.from(JSON.stringify({ path: next.path, query: next.query })).toString('base64url');
}

/** The request a cursor stands for: only `/v2/_catalog` with `n` and `last`, or INVALID_INPUT. */
export function decodeCatalogCursor(cursor: string): PageRequest {
  const refuse = () =>
    new InvalidInputError('the catalog cursor is not one this app made; start from the first page');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (typeof value !== 'object' || value === null) throw refuse();
  const { path, query } = value as { path?: unknown; query?: unknown };
  if (path !== CATALOG_PATH || typeof query !== 'object' || query === null || Array.isArray(query))
    throw refuse();
  const entries = Object.entries(query);
  if (
    !entries.every(
      ([key, item]) => CATALOG_PARAMS.has(key) && typeof item === 'string' && item.length <= MAX_VALUE_LENGTH,
    )
  ) {
    throw refuse();
  }
  return { path, query: Object.fromEntries(entries) as Record<string, string> };
}
