import type { Challenge } from './types.js';

/** RFC 7230 `tchar`: what a scheme or a parameter name is made of. */
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
/** RFC 7235 token68, without its trailing `=` padding. */
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

/**
 * Parses a `WWW-Authenticate` value (RFC 7235): several challenges separated by commas, parameters
 * in any order with optional spaces around `=`, quoted strings with `\` escapes, or a token68.
 * Names are lower-cased. Never throws: what cannot be read is skipped.
 */
export function parseChallenges(header: string): Challenge[] {
  const reader = new Reader(header);
  const challenges: Challenge[] = [];
  let current: Challenge | undefined;
  while (!reader.done()) {
    reader.skip(/[\s,]/);
    if (reader.done()) break;
    const start = reader.position;
    const name = reader.token();
    if (name === '') {
      reader.skipUntilComma();
      continue;
    }
    const spaced = reader.skip(/[ \t]/);
    if (current && reader.peek() === '=') {
      reader.position += 1;
      reader.skip(/[ \t]/);
      current.params[name.toLowerCase()] = reader.value();
      continue;
    }
    if (!spaced && reader.peek() === '=' && !current) {
      // `=` right after what would be a scheme: not a challenge.
      reader.skipUntilComma();
      continue;
    }
    reader.position = start + name.length;
    reader.skip(/[ \t]/);
    current = { scheme: name.toLowerCase(), params: {} };
    challenges.push(current);
    const token68 = reader.token68();
    if (token68 !== undefined) current.token68 = token68;
  }
  return challenges;
}

/** A cursor over the header text. */
class Reader {
  position = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.position];
  }

  /** Skips characters matching `pattern`; true if it skipped any. */
  skip(pattern: RegExp): boolean {
    const start = this.position;
    while (!this.done() && pattern.test(this.text[this.position] as string)) this.position += 1;
    return this.position > start;
  }

  skipUntilComma(): void {
    while (!this.done() && this.text[this.position] !== ',') this.position += 1;
  }

  token(): string {
    const start = this.position;
    this.skip(TCHAR);
    return this.text.slice(start, this.position);
  }

  /** A parameter value: a quoted string (escapes undone) or a token. */
  value(): string {
    if (this.peek() !== '"') {
      const start = this.position;
      while (!this.done() && !/[\s,]/.test(this.text[this.position] as string)) this.position += 1;
      return this.text.slice(start, this.position);
    }
    this.position += 1;
    let value = '';
    while (!this.done()) {
      const char = this.text[this.position] as string;
      this.position += 1;
      if (char === '"') return value;
      if (char === '\\' && !this.done()) {
        value += this.text[this.position];
        this.position += 1;
      } else {
        value += char;
      }
    }
    return value;
  }

  /**
   * A token68 right after the scheme, recognised by what follows it: end of text or a comma. A
   * token followed by `=` and a value is a parameter instead, and is left for the caller.
   */
  token68(): string | undefined {
    const start = this.position;
    this.skip(TOKEN68_CHAR);
    if (this.position === start) return undefined;
    this.skip(/=/);
    const end = this.position;
    this.skip(/[ \t]/);
    if (this.done() || this.peek() === ',') return this.text.slice(start, end);
    this.position = start;
    return undefined;
  }
}
