import { describe, expect, it } from 'vitest';
import { jsonLineParser } from '../../src-main/core/engine/json-lines.js';

describe('jsonLineParser', () => {
  it('joins values split across chunks, even inside a UTF-8 character', () => {
    const values: unknown[] = [];
    const parser = jsonLineParser((value) => values.push(value));
    const bytes = Buffer.from('{"a":1}\n{"name":"café"}\n{"b":', 'utf8');
    const split = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    parser.write(bytes.subarray(0, 3));
    parser.write(bytes.subarray(3, split));
    parser.write(bytes.subarray(split));
    expect(values).toEqual([{ a: 1 }, { name: 'café' }]);
    parser.write('2}\n');
    expect(values).toEqual([{ a: 1 }, { name: 'café' }, { b: 2 }]);
  });

  it('drops a line that is not JSON and goes on', () => {
    const values: unknown[] = [];
    const parser = jsonLineParser((value) => values.push(value));
    parser.write('{"a":1}\r\nnot json\n\n{"c":3}\n');
    expect(values).toEqual([{ a: 1 }, { c: 3 }]);
  });

  it('drops a line that never ends instead of growing without bound', () => {
    const values: unknown[] = [];
    const parser = jsonLineParser((value) => values.push(value));
    parser.write(`{"junk":"${'x'.repeat(2 * 1024 * 1024)}`);
    parser.write('"}\n{"ok":true}\n');
    expect(values).toEqual([{ ok: true }]);
  });
});
