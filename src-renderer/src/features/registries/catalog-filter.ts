/**
 * The catalog's filter box over every page loaded so far. With 100 000 repositories a keystroke
 * must cost one pass of `includes` over precomputed lower-case strings, and nothing else: no
 * objects per row, no lower-casing per keystroke.
 */

/** The lower-case twin of each name, computed once when a page arrives. */
export function lowerCaseHaystack(names: readonly string[]): string[] {
  return names.map((name) => name.toLowerCase());
}

/** The words of a query, lower-cased; empty when there is nothing to filter by. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The names whose haystack contains every word of the query, in catalog order. Without words it
 * returns `names` itself, so a memo keyed on the result stays stable.
 */
export function filterRepositories(
  names: readonly string[],
  haystack: readonly string[],
  query: string,
): readonly string[] {
  const words = queryWords(query);
  if (words.length === 0) return names;
  const matches: string[] = [];
  if (words.length === 1) {
    const [word] = words as [string];
    for (let i = 0; i < names.length; i += 1) if (haystack[i]!.includes(word)) matches.push(names[i]!);
    return matches;
  }
  for (let i = 0; i < names.length; i += 1) {
    const text = haystack[i]!;
    if (words.every((word) => text.includes(word))) matches.push(names[i]!);
  }
  return matches;
}
