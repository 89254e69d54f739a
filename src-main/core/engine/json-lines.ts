import { StringDecoder } from 'node:string_decoder';

/** An event is a few hundred bytes; a "line" this long is garbage and would only grow. */
const MAX_LINE = 1024 * 1024;

/**
 * Splits a newline-delimited JSON stream (the engine's /events) into values. Chunks may end
 * anywhere, even inside a UTF-8 character; a line that is not JSON (or absurdly long) is dropped,
 * not fatal.
 */
export function jsonLineParser(onValue: (value: unknown) => void): { write(chunk: Buffer | string): void } {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    write(chunk) {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line !== '') parseLine(line, onValue);
        newline = pending.indexOf('\n');
      }
      if (pending.length > MAX_LINE) pending = '';
    },
  };
}

function parseLine(line: string, onValue: (value: unknown) => void): void {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return;
  }
  onValue(value);
}
