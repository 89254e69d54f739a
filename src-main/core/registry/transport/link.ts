/**
 * The target of the `rel="next"` link in a `Link` header (RFC 8288), as written (maybe relative):
 * `</v2/_catalog?last=b&n=2>; rel="next"`. Several links, parameters in any order, quoted or bare
 * `rel` values and several relation types in one `rel` are understood. Null when there is none.
 */
export function parseNextLink(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  for (const value of Array.isArray(header) ? header : [header]) {
    for (const link of splitLinks(value)) {
      const rel = link.params.rel;
      if (rel?.toLowerCase().split(/\s+/).includes('next')) return link.target;
    }
  }
  return null;
}

interface LinkValue {
  target: string;
  params: Record<string, string>;
}

function splitLinks(value: string): LinkValue[] {
  const links: LinkValue[] = [];
  let position = 0;
  while (position < value.length) {
    const open = value.indexOf('<', position);
    if (open === -1) break;
    const close = value.indexOf('>', open + 1);
    if (close === -1) break;
    const target = value.slice(open + 1, close).trim();
    const { params, end } = readParams(value, close + 1);
    links.push({ target, params });
    position = end;
  }
  return links;
}

/** `; name=value; name="quoted value"` up to the comma that ends this link. */
function readParams(value: string, from: number): { params: Record<string, string>; end: number } {
  const params: Record<string, string> = {};
  let position = from;
  while (position < value.length) {
    const char = value[position] as string;
    if (char === ',') return { params, end: position + 1 };
    if (char !== ';') {
      position += 1;
      continue;
    }
    const match = /^;\s*([^\s=;,]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;,]*)))?/.exec(
      value.slice(position),
    );
    if (!match) {
      position += 1;
      continue;
    }
    const name = (match[1] as string).toLowerCase();
    const raw = match[2] === undefined ? (match[3] ?? '') : match[2].replace(/\\(.)/g, '$1');
    // The first occurrence of a parameter wins (RFC 8288 §3).
    if (!(name in params)) params[name] = raw;
    position += match[0].length;
  }
  return { params, end: position };
}
