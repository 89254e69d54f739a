/**
 * What `layers.find` matches paths with. A pattern with `*`, `?` or `[…]` is a glob: `*` and `?`
 * stay inside one path segment, `**` crosses segments, `[abc]`/`[!abc]` are classes; a glob
 * without `/` is matched against the name alone (`*.so` finds `usr/lib/x.so`), one with `/`
 * against the whole path. Anything else is a substring of the path, in any case.
 */
export function pathMatcher(pattern: string): (path: string) => boolean {
  const text = pattern.trim().replace(/^\.?\/+/, '');
  if (!/[*?[]/.test(text)) {
    const needle = text.toLowerCase();
    return (path) => path.toLowerCase().includes(needle);
  }
  const regex = globRegExp(text);
  if (text.includes('/')) return (path) => regex.test(path);
  return (path) => regex.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The glob as an anchored regular expression. */
export function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        // `**/` also matches no directory at all: `**/x` finds `x` at the root.
        const slash = glob[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else {
      source += char.replace(/[.+^${}()|\\/\]]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
}
