import { Decompress } from 'fzstd';
import { capitalised, LayerError } from './errors.js';

const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** The format's largest block: what one block can decode to. */
const MAX_BLOCK = 128 * 1024;
/** fzstd's ZstdErrorCode.UnexpectedEOF. */
const UNEXPECTED_EOF = 5;

const MAGIC = 0;
const FRAME_HEADER = 1;
const BLOCK_HEADER = 2;
const BLOCK_BODY = 3;
const CHECKSUM = 4;
const SKIPPABLE_SIZE = 5;
const SKIPPABLE_BODY = 6;

/**
 * Decompresses zstd as a pipeline stage (an async generator), with fzstd doing the work. fzstd
 * decodes every complete block it is given at once and takes the window a frame asks for (up to
 * 2 GiB) on trust, so its input is walked here first: each frame's window is checked against
 * `maxWindow`, block sizes against the format's 128 KiB, and input is handed over up to one block
 * end at a time, so at most one block (128 KiB) of output waits on the consumer.
 */
export function zstdDecoder(maxWindow: number, what: string) {
  return async function* decodeZstd(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const scanner = new FrameScanner(maxWindow, what);
    const output: Buffer[] = [];
    const decompress = new Decompress((data) => {
      if (data.length > 0) output.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    });
    const feed = (piece: Uint8Array, final: boolean) => {
      try {
        decompress.push(piece, final);
      } catch (error) {
        throw zstdFailure(error, what);
      }
    };
    for await (const chunk of source) {
      let start = 0;
      for (const cut of scanner.scan(chunk)) {
        feed(chunk.subarray(start, cut), false);
        start = cut;
        while (output.length > 0) yield output.shift()!;
      }
      if (start < chunk.length) feed(chunk.subarray(start), false);
      while (output.length > 0) yield output.shift()!;
    }
    if (!scanner.atFrameBoundary) {
      throw new LayerError('LAYER_TRUNCATED', `${capitalised(what)} ends in the middle of a zstd frame.`);
    }
    feed(new Uint8Array(0), true);
    while (output.length > 0) yield output.shift()!;
  };
}

function zstdFailure(error: unknown, what: string): LayerError {
  if (error instanceof LayerError) return error;
  if ((error as { code?: unknown }).code === UNEXPECTED_EOF) {
    return new LayerError('LAYER_TRUNCATED', `${capitalised(what)} ends in the middle of a zstd frame.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LayerError('LAYER_CORRUPT', `${capitalised(what)} is not valid zstd (${message}).`, undefined, {
    cause: error,
  });
}

/** Follows zstd's framing (frames, blocks, skippable frames) and says where blocks end. */
class FrameScanner {
  private state = MAGIC;
  private readonly header = Buffer.alloc(18);
  private fill = 0;
  private need = 4;
  private skip = 0;
  private lastBlock = false;
  private checksum = false;
  private blockLimit = MAX_BLOCK;

  constructor(
    private readonly maxWindow: number,
    private readonly what: string,
  ) {}

  get atFrameBoundary(): boolean {
    return this.state === MAGIC && this.fill === 0;
  }

  /** Offsets in `chunk` just after each block that ends in it. */
  scan(chunk: Buffer): number[] {
    const cuts: number[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.state === BLOCK_BODY || this.state === SKIPPABLE_BODY || this.state === CHECKSUM) {
        const n = Math.min(this.skip, chunk.length - pos);
        this.skip -= n;
        pos += n;
        if (this.skip > 0) break;
        if (this.state === BLOCK_BODY) {
          cuts.push(pos);
          this.expect(this.lastBlock ? (this.checksum ? CHECKSUM : MAGIC) : BLOCK_HEADER);
        } else {
          this.expect(MAGIC);
        }
        continue;
      }
      const n = Math.min(this.need - this.fill, chunk.length - pos);
      chunk.copy(this.header, this.fill, pos, pos + n);
      this.fill += n;
      pos += n;
      if (this.fill === this.need) this.parsed();
    }
    return cuts;
  }

  private expect(state: number): void {
    this.state = state;
    this.fill = 0;
    this.need = state === BLOCK_HEADER ? 3 : 4;
    if (state === CHECKSUM) this.skip = 4;
  }

  private parsed(): void {
    const bytes = this.header;
    switch (this.state) {
      case MAGIC: {
        const magic = bytes.readUInt32LE(0);
        if (magic === ZSTD_MAGIC) {
          this.state = FRAME_HEADER;
          this.need = 5; // magic + descriptor, then the rest of the header once its size is known
        } else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
          this.state = SKIPPABLE_SIZE;
          this.need = 8;
        } else {
          throw new LayerError(
            'LAYER_CORRUPT',
            `${capitalised(this.what)} is not valid zstd (bad frame magic).`,
          );
        }
        return;
      }
      case FRAME_HEADER:
        if (this.need === 5) {
          this.need = 4 + frameHeaderSize(bytes[4] as number);
          if (this.fill < this.need) return;
        }
        this.frameHeader();
        return;
      case SKIPPABLE_SIZE:
        this.state = SKIPPABLE_BODY;
        this.skip = bytes.readUInt32LE(4);
        return;
      case BLOCK_HEADER: {
        const raw = bytes.readUIntLE(0, 3);
        const type = (raw >> 1) & 3;
        const size = raw >>> 3;
        if (type === 3 || size > this.blockLimit) {
          throw new LayerError(
            'LAYER_CORRUPT',
            `${capitalised(this.what)} is not valid zstd (a block is malformed).`,
          );
        }
        this.lastBlock = (raw & 1) === 1;
        this.state = BLOCK_BODY;
        this.skip = type === 1 ? 1 : size;
        return;
      }
    }
  }

  private frameHeader(): void {
    const descriptor = this.header[4] as number;
    const singleSegment = (descriptor >> 5) & 1;
    const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] as number;
    if (descriptor & 0x08)
      throw new LayerError(
        'LAYER_CORRUPT',
        `${capitalised(this.what)} is not valid zstd (reserved bit set).`,
      );
    let pos = 5;
    let window = 0;
    if (!singleSegment) {
      const byte = this.header[pos++] as number;
      const base = 2 ** (10 + (byte >> 3));
      window = base + (base / 8) * (byte & 7);
    }
    const dictionary = dictionaryBytes === 0 ? 0 : this.header.readUIntLE(pos, dictionaryBytes);
    pos += dictionaryBytes;
    if (singleSegment) window = contentSize(this.header, pos, descriptor);
    if (dictionary !== 0) {
      throw new LayerError(
        'LAYER_UNSUPPORTED',
        `${capitalised(this.what)} was compressed with a zstd dictionary, which Stevedore cannot read.`,
      );
    }
    if (window > this.maxWindow) {
      throw new LayerError(
        'LAYER_UNSUPPORTED',
        `${capitalised(this.what)} needs a ${Math.ceil(window / 1024 / 1024)} MiB zstd window; Stevedore reads windows up to ${Math.floor(this.maxWindow / 1024 / 1024)} MiB.`,
        { window, maxWindow: this.maxWindow },
      );
    }
    this.checksum = ((descriptor >> 2) & 1) === 1;
    this.blockLimit = Math.min(MAX_BLOCK, Math.max(window, 1));
    this.expect(BLOCK_HEADER);
  }
}

/** Bytes after the magic and descriptor: window byte, dictionary id, frame content size. */
function frameHeaderSize(descriptor: number): number {
  const singleSegment = (descriptor >> 5) & 1;
  const contentSizeFlag = descriptor >> 6;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] as number;
  const contentBytes = contentSizeFlag === 0 ? singleSegment : [0, 2, 4, 8][contentSizeFlag]!;
  return 1 + (singleSegment ? 0 : 1) + dictionaryBytes + contentBytes;
}

function contentSize(header: Buffer, pos: number, descriptor: number): number {
  switch (descriptor >> 6) {
    case 0:
      return header[pos] as number;
    case 1:
      return header.readUInt16LE(pos) + 256;
    case 2:
      return header.readUInt32LE(pos);
    default:
      return Number(header.readBigUInt64LE(pos));
  }
}
