import type { Hash } from 'node:crypto';
import { Writable } from 'node:stream';
import { capitalised, LayerError } from './errors.js';
import {
  cString,
  entryOf,
  METADATA_TYPES,
  NO_OVERRIDES,
  type Overrides,
  paxOverrides,
  SKIPPED_TYPES,
} from './tar-entry.js';
import {
  BLOCK,
  parseHeader,
  parsePaxRecords,
  type RawHeader,
  sparseExtensionContinues,
} from './tar-header.js';
import type { FileEntry, LayerLimits } from './types.js';

/** Where an entry's bytes go; a promise means "wait before sending more" (backpressure). */
export interface EntrySink {
  write(chunk: Buffer): undefined | Promise<void>;
  end(): undefined | Promise<void>;
}

export interface TarReaderOptions {
  /** Called for every entry in archive order (the root `./` excepted); return a sink to receive its bytes. */
  onEntry: (entry: FileEntry) => EntrySink | undefined;
  limits: LayerLimits;
  /** Hashes every byte that passes (a local layer's diff id is the sha256 of its uncompressed tar). */
  hash?: Hash;
  /** Compressed bytes read so far, for the decompression-bomb guard; absent for a plain tar. */
  compressedBytes?: () => number;
  /** Names the layer in messages: `the layer sha256:…`. */
  what: string;
}

const HEADER = 0;
const DATA = 1;
const PADDING = 2;
const METADATA = 3;
const SPARSE_EXTENSION = 4;
const ZERO_BLOCK = 5;
const END = 6;

/**
 * A streaming tar parser: a Writable that walks headers and skips or hands on contents, never
 * holding more than one header block and one PAX/long-name record (capped). Understands ustar,
 * PAX (path, linkpath, size, uid, gid, GNU sparse), GNU long names and old GNU sparse files.
 * Errors are LayerErrors: LAYER_CORRUPT, LAYER_TRUNCATED, LAYER_UNSAFE_PATH, LAYER_TOO_LARGE.
 */
export class TarReader extends Writable {
  /** Uncompressed bytes seen, end-of-archive padding included. */
  bytes = 0;
  entries = 0;
  private state = HEADER;
  private readonly block = Buffer.alloc(BLOCK);
  private blockFill = 0;
  private remaining = 0;
  private padding = 0;
  private sink: EntrySink | undefined;
  private metadata: { type: string; bytes: Buffer | null; fill: number } | null = null;
  private pax = new Map<string, string>();
  private longName: string | null = null;
  private longLink: string | null = null;
  private waiting: Promise<void> | null = null;

  constructor(private readonly opts: TarReaderOptions) {
    super({ highWaterMark: 256 * 1024 });
  }

  /** True once the end-of-archive marker was read. */
  get ended(): boolean {
    return this.state === END;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      this.account(chunk.length);
      this.opts.hash?.update(chunk);
    } catch (error) {
      done(error as Error);
      return;
    }
    this.run(chunk, 0, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    const atBoundary = this.state === HEADER && this.blockFill === 0 && this.metadata === null;
    if (atBoundary || this.state === ZERO_BLOCK || this.state === END) {
      done();
      return;
    }
    done(new LayerError('LAYER_TRUNCATED', `${capitalised(this.opts.what)} ends in the middle of an entry.`));
  }

  private account(length: number): void {
    const { limits, compressedBytes } = this.opts;
    this.bytes += length;
    if (this.bytes > limits.maxUncompressedBytes) {
      throw new LayerError(
        'LAYER_TOO_LARGE',
        `${capitalised(this.opts.what)} expands past ${limits.maxUncompressedBytes} bytes; Stevedore stops reading it.`,
        { maxUncompressedBytes: limits.maxUncompressedBytes },
      );
    }
    if (compressedBytes && this.bytes > limits.ratioFloorBytes) {
      const ratio = this.bytes / Math.max(1, compressedBytes());
      if (ratio > limits.maxRatio) {
        throw new LayerError(
          'LAYER_TOO_LARGE',
          `${capitalised(this.opts.what)} expands more than ${limits.maxRatio} times its compressed size (a decompression bomb?); Stevedore stops reading it.`,
          { maxRatio: limits.maxRatio, uncompressedBytes: this.bytes },
        );
      }
    }
  }

  private run(chunk: Buffer, start: number, done: (error?: Error | null) => void): void {
    let pos = start;
    try {
      while (pos < chunk.length) {
        pos = this.step(chunk, pos);
        if (this.waiting) {
          const waiting = this.waiting;
          this.waiting = null;
          const resume = pos;
          waiting.then(() => this.run(chunk, resume, done), done);
          return;
        }
      }
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  }

  /** Consumes what the current state needs from `chunk` at `pos`; returns the new position. */
  private step(chunk: Buffer, pos: number): number {
    const available = chunk.length - pos;
    switch (this.state) {
      case DATA: {
        const n = Math.min(this.remaining, available);
        if (this.sink) this.wait(this.sink.write(chunk.subarray(pos, pos + n)));
        this.remaining -= n;
        if (this.remaining === 0) this.endEntry();
        return pos + n;
      }
      case PADDING: {
        const n = Math.min(this.padding, available);
        this.padding -= n;
        if (this.padding === 0) this.state = HEADER;
        return pos + n;
      }
      case METADATA: {
        const n = Math.min(this.remaining, available);
        const metadata = this.metadata!;
        if (metadata.bytes) chunk.copy(metadata.bytes, metadata.fill, pos, pos + n);
        metadata.fill += n;
        this.remaining -= n;
        if (this.remaining === 0) this.applyMetadata();
        return pos + n;
      }
      case END:
        return chunk.length;
      default:
        return this.readBlock(chunk, pos, available);
    }
  }

  /** HEADER, ZERO_BLOCK and SPARSE_EXTENSION read whole blocks, which may straddle chunks. */
  private readBlock(chunk: Buffer, pos: number, available: number): number {
    let block: Buffer;
    let offset: number;
    let next: number;
    if (this.blockFill === 0 && available >= BLOCK) {
      block = chunk;
      offset = pos;
      next = pos + BLOCK;
    } else {
      const n = Math.min(BLOCK - this.blockFill, available);
      chunk.copy(this.block, this.blockFill, pos, pos + n);
      this.blockFill += n;
      if (this.blockFill < BLOCK) return pos + n;
      this.blockFill = 0;
      block = this.block;
      offset = 0;
      next = pos + n;
    }
    if (this.state === SPARSE_EXTENSION) {
      if (!sparseExtensionContinues(block, offset)) this.startData();
      return next;
    }
    const header = parseHeader(block, offset);
    if (this.state === ZERO_BLOCK) {
      if (header !== null) {
        throw new LayerError(
          'LAYER_CORRUPT',
          `${capitalised(this.opts.what)} has data after an end-of-archive block.`,
        );
      }
      this.state = END;
    } else if (header === null) {
      this.state = ZERO_BLOCK;
    } else {
      this.onHeader(header);
    }
    return next;
  }

  private onHeader(header: RawHeader): void {
    if (METADATA_TYPES.has(header.typeflag)) {
      if (header.size > this.opts.limits.maxMetadataBytes) {
        throw new LayerError(
          'LAYER_TOO_LARGE',
          `${capitalised(this.opts.what)} has a ${header.size}-byte extended header; at most ${this.opts.limits.maxMetadataBytes} are read.`,
          { size: header.size },
        );
      }
      // A global PAX header only sets defaults nobody relies on for names: its bytes are skipped.
      const keep = header.typeflag !== 'g';
      this.metadata = { type: header.typeflag, bytes: keep ? Buffer.alloc(header.size) : null, fill: 0 };
      this.remaining = header.size;
      this.padding = padding(header.size);
      this.state = METADATA;
      if (header.size === 0) this.applyMetadata();
      return;
    }
    const overrides = this.takeOverrides();
    if (SKIPPED_TYPES.has(header.typeflag)) {
      this.skipContent(header.size);
      return;
    }
    const { entry, stored } = entryOf(header, overrides);
    const path = entry.path;
    this.sink = undefined;
    if (path !== '') {
      this.entries++;
      if (this.entries > this.opts.limits.maxEntries) {
        throw new LayerError(
          'LAYER_TOO_LARGE',
          `${capitalised(this.opts.what)} has more than ${this.opts.limits.maxEntries} entries; Stevedore stops reading it.`,
          { maxEntries: this.opts.limits.maxEntries },
        );
      }
      this.sink = this.opts.onEntry(entry);
    }
    this.remaining = stored;
    this.padding = padding(stored);
    if (header.sparseExtended) this.state = SPARSE_EXTENSION;
    else this.startData();
  }

  private startData(): void {
    if (this.remaining === 0) this.endEntry();
    else this.state = DATA;
  }

  private endEntry(): void {
    if (this.sink) this.wait(this.sink.end());
    this.sink = undefined;
    this.state = this.padding === 0 ? HEADER : PADDING;
  }

  private skipContent(size: number): void {
    this.sink = undefined;
    this.remaining = size;
    this.padding = padding(size);
    this.startData();
  }

  private wait(result: undefined | Promise<void>): void {
    if (result) this.waiting = this.waiting ? this.waiting.then(() => result) : result;
  }

  private applyMetadata(): void {
    const { type, bytes } = this.metadata!;
    this.metadata = null;
    this.state = this.padding === 0 ? HEADER : PADDING;
    if (!bytes) return;
    if (type === 'x') this.pax = parsePaxRecords(bytes);
    else if (type === 'L') this.longName = cString(bytes);
    else if (type === 'K') this.longLink = cString(bytes);
  }

  /** What the preceding PAX or GNU long-name headers say about this entry; each applies once. */
  private takeOverrides(): Overrides {
    if (this.pax.size === 0 && this.longName === null && this.longLink === null) return NO_OVERRIDES;
    const overrides = paxOverrides(this.pax, this.longName, this.longLink);
    this.pax = new Map();
    this.longName = null;
    this.longLink = null;
    return overrides;
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
