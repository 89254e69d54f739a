/**
 * Canonical JSON as notary signs it (github.com/docker/go/canonical/json): object keys sorted by
 * their UTF-8 bytes, no whitespace, strings escaped only for `"` and `\` (control characters stay
 * raw) plus U+2028/U+2029, integers only. Signatures cover the canonical form of the parsed
 * `signed` object, not the bytes served, so the server's formatting does not matter.
 */
export function notaryCanonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return canonicalNumber(value);
    case 'string':
      return canonicalString(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(notaryCanonicalJson).join(',')}]`;
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new CanonicalJsonError(`a ${typeof value} has no JSON form`);
  }
}

/** A value canonical JSON cannot represent (a fraction, an exponent, undefined). */
export class CanonicalJsonError extends Error {}

function canonicalNumber(value: number): string {
  // Notary's encoder refuses non-integers; so do we, rather than sign-check a different text.
  if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${value} is not an integer`);
  return String(value);
}

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort(compareUtf8);
  return `{${keys.map((key) => `${canonicalString(key)}:${notaryCanonicalJson(object[key])}`).join(',')}}`;
}

function canonicalString(text: string): string {
  return `"${text.replace(/[\\"\u2028\u2029]/g, escapeChar)}"`;
}

function escapeChar(char: string): string {
  if (char === '\u2028') return '\\u2028';
  if (char === '\u2029') return '\\u2029';
  return `\\${char}`;
}

/** Go compares strings by their bytes; JavaScript's default sort compares UTF-16 units. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
