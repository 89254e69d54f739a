/**
 * Canonical JSON as Rekor signs it: RFC 8785 (JCS) for the values Rekor uses, object keys sorted
 * by UTF-16 code units, no whitespace, strings escaped as JSON.stringify does. Rekor's signed
 * entry timestamp covers this form of the entry. Not notary's canonical JSON (that one sorts by
 * UTF-8 bytes and leaves control characters raw: see ../notary/notary-canonical-json.ts).
 */
export function jcsCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jcsCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcsCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
