import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src-main/core/engine/types.js';
import { hexDump, isBinary } from '../../src-main/core/layers/content.js';
import { alignHistory, engineHistory, instructionOf } from '../../src-main/core/layers/history.js';
import type { HistoryRecord } from '../../src-main/core/layers/types.js';

const step = (createdBy: string, emptyLayer = false): HistoryRecord => ({
  created: null,
  createdBy,
  emptyLayer,
  comment: null,
});

/** Engine history entries, given oldest first (the engine sends them newest first). */
const engine = (steps: [string, number][]): HistoryEntry[] =>
  steps
    .map(([createdBy, size]) => ({ id: '<missing>', created: '', createdBy, size, tags: [], comment: '' }))
    .reverse();

describe('pairing history with layers', () => {
  it('skips steps marked empty_layer', () => {
    const history = [step('ADD rootfs'), step('ENV A=b', true), step('RUN make'), step('CMD ["x"]', true)];
    expect(alignHistory(history, 2)).toEqual([0, 2]);
  });

  it('pairs nothing when the counts disagree', () => {
    expect(alignHistory([step('ADD rootfs')], 2)).toEqual([null, null]);
  });

  it('pairs engine history by size, then by the instruction of zero-byte steps', () => {
    const simple = engineHistory(
      engine([
        ['/bin/sh -c #(nop) ADD file:abc in / ', 5000],
        ['/bin/sh -c #(nop)  CMD ["sh"]', 0],
        ['RUN /bin/sh -c make # buildkit', 300],
      ]),
      2,
    );
    expect(simple.owners).toEqual([0, 2]);
    expect(simple.history.map((h) => h.emptyLayer)).toEqual([false, true, false]);

    const emptyRun = engineHistory(
      engine([
        ['COPY rootfs/ / # buildkit', 40],
        ['ENV A=b', 0],
        ['RUN /bin/sh -c mkdir -p /exists # buildkit', 0],
        ['CMD ["x"]', 0],
      ]),
      2,
    );
    expect(emptyRun.owners).toEqual([0, 2]);

    const unknown = engineHistory(
      engine([
        ['COPY a / # buildkit', 0],
        ['COPY b / # buildkit', 0],
      ]),
      1,
    );
    expect(unknown.owners).toEqual([null]);
    expect(unknown.history.every((h) => !h.emptyLayer)).toBe(true);
  });

  it('reads the instruction of classic and BuildKit steps', () => {
    expect(instructionOf('/bin/sh -c #(nop)  ENV PATH=/usr/bin')).toBe('ENV');
    expect(instructionOf('/bin/sh -c #(nop) COPY file:x in /')).toBe('COPY');
    expect(instructionOf('/bin/sh -c apt-get install -y curl')).toBe('RUN');
    expect(instructionOf('WORKDIR /app')).toBe('WORKDIR');
  });
});

describe('viewing bytes', () => {
  it('calls text what is UTF-8 without NUL, even cut mid-character', () => {
    expect(isBinary(Buffer.from('hello\nwörld\n'))).toBe(false);
    expect(isBinary(Buffer.from('wörld').subarray(0, 2))).toBe(false);
    expect(isBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBe(true);
    expect(isBinary(Buffer.from([0xff, 0xfe, 0x41, 0x42]))).toBe(true);
  });

  it('dumps hex like hexdump -C', () => {
    expect(hexDump(Buffer.from('0123456789abcdefXY'), 0x100)).toEqual([
      '00000100  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|',
      '00000110  58 59                                             |XY|',
    ]);
  });
});
