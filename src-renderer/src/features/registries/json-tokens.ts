/**
 * A tiny JSON highlighter: splits pretty-printed JSON into tokens the raw-manifest view colours.
 * Only for display: text that is not JSON still comes back whole, as plain tokens.
 */

export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'plain';

export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

/** Pretty-prints JSON with two spaces, or returns the text as it came when it does not parse. */
export function prettyJson(raw: string): { text: string; parsed: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(raw), null, 2), parsed: true };
  } catch {
    return { text: raw, parsed: false };
  }
}

// A string (then, for keys, the colon after it), a number, true/false/null, or one punctuation mark.
const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])/g;

export function jsonTokens(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let last = 0;
  const plain = (end: number) => {
    if (end > last) tokens.push({ kind: 'plain', text: text.slice(last, end) });
  };
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index;
    plain(index);
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined) {
      tokens.push({ kind: colon === undefined ? 'string' : 'key', text: string });
      if (colon !== undefined) tokens.push({ kind: 'punctuation', text: colon });
    } else if (number !== undefined) {
      tokens.push({ kind: 'number', text: number });
    } else if (literal !== undefined) {
      tokens.push({ kind: 'literal', text: literal });
    } else {
      tokens.push({ kind: 'punctuation', text: whole });
    }
    last = index + whole.length;
  }
  plain(text.length);
  return tokens;
}
