import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pushBlob, pushManifest, sha256 } from './registry-content.js';

/**
 * Builders of layer archives for tests, byte by byte (no tar library in the way, so hostile
 * headers are as easy to write as honest ones): tar entries (ustar, PAX, GNU), whole archives,
 * archives too big for memory as streams, gzip, and zstd frames of raw blocks (Node 20 has no
 * zstd compressor; the real compressor's output is in test/fixtures/layers).
 */

const BLOCK = 512;

export type EntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

const TYPEFLAGS: Record<EntryKind, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  char: '3',
  block: '4',
  dir: '5',
  fifo: '6',
};

export interface EntrySpec {
  name: string;
  kind?: EntryKind;
  content?: Buffer | string;
  mode?: number;
  uid?: number;
  gid?: number;
  linkname?: string;
  /** Writes another size in the header than the content has (hostile archives). */
  headerSize?: number;
  /** A raw typeflag, for metadata headers (`x`, `L`, `g`) and oddities. */
  typeflag?: string;
  /** GNU magic (`ustar  \0`) instead of POSIX ustar. */
  gnu?: boolean;
}

/** One header block; names longer than the field go through a PAX header first. */
export function tarHeader(spec: EntrySpec): Buffer {
  const content = toBuffer(spec.content);
  const pax: string[] = [];
  if (Buffer.byteLength(spec.name) > 100) pax.push(paxRecord('path', spec.name));
  if (spec.linkname && Buffer.byteLength(spec.linkname) > 100) pax.push(paxRecord('linkpath', spec.linkname));
  const prefix =
    pax.length > 0 ? entry({ name: 'PaxHeaders/x', typeflag: 'x', content: pax.join('') }) : Buffer.alloc(0);
  const block = Buffer.alloc(BLOCK);
  block.write(spec.name.slice(0, 100), 0, 100, 'utf8');
  writeOctal(block, 100, 8, spec.mode ?? (spec.kind === 'dir' ? 0o755 : 0o644));
  writeOctal(block, 108, 8, spec.uid ?? 0);
  writeOctal(block, 116, 8, spec.gid ?? 0);
  writeOctal(block, 124, 12, spec.headerSize ?? content.length);
  writeOctal(block, 136, 12, 0);
  block.write(spec.typeflag ?? TYPEFLAGS[spec.kind ?? 'file'], 156, 1, 'latin1');
  block.write((spec.linkname ?? '').slice(0, 100), 157, 100, 'utf8');
  if (spec.gnu) block.write('ustar  \0', 257, 8, 'latin1');
  else block.write('ustar\u000000', 257, 8, 'latin1');
  return Buffer.concat([prefix, sealed(block)]);
}

/** Header, content and padding of one entry. */
export function entry(spec: EntrySpec): Buffer {
  const content = toBuffer(spec.content);
  return Buffer.concat([tarHeader(spec), content, Buffer.alloc(padding(content.length))]);
}

/** A whole archive: the entries, then the two zero blocks that end it. */
export function tarArchive(specs: EntrySpec[]): Buffer {
  return Buffer.concat([...specs.map(entry), Buffer.alloc(2 * BLOCK)]);
}

/** Fixes the checksum of a header block after its fields were written (or tampered with). */
export function sealed(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

/**
 * An archive of `count` small files (`d<k>/f<i>.txt`, 100 to a directory, each dir entry first),
 * generated as it is read, a directory (about 100 KiB) per chunk.
 */
export function manyFilesTar(count: number): Readable {
  return Readable.from(
    (function* () {
      for (let dir = 0; dir * 100 < count; dir++) {
        const entries = [entry({ name: `d${dir}/`, kind: 'dir' })];
        for (let i = dir * 100; i < Math.min(count, dir * 100 + 100); i++) {
          entries.push(entry({ name: `d${dir}/f${i}.txt`, content: `file ${i}\n` }));
        }
        yield Buffer.concat(entries);
      }
      yield Buffer.alloc(2 * BLOCK);
    })(),
    { objectMode: false },
  );
}

/** One file of `size` zero bytes in a tar, generated in 1 MiB pieces. */
export function bigFileTar(name: string, size: number): Readable {
  return Readable.from(
    (function* () {
      yield tarHeader({ name, headerSize: size });
      const piece = Buffer.alloc(1024 * 1024);
      for (let left = size; left > 0; left -= piece.length)
        yield left >= piece.length ? piece : piece.subarray(0, left);
      yield Buffer.alloc(padding(size) + 2 * BLOCK);
    })(),
    { objectMode: false },
  );
}

/**
 * A gzip bomb: a tar header announcing `size` bytes, then that many zeros as repeated gzip members
 * (a valid gzip stream: members concatenate), about a thousandth of `size` on the wire.
 */
export function gzipBomb(size: number): Readable {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  return Readable.from(
    (function* () {
      yield gzipSync(tarHeader({ name: 'zeros', headerSize: size }));
      for (let left = size; left > 0; left -= 16 * 1024 * 1024) yield member;
    })(),
    { objectMode: false },
  );
}

/**
 * `bytes` as zstd frames made of raw (stored) blocks: valid zstd any decoder reads, the way a
 * compressor writes incompressible data. `windowLog` sets the window the frame asks for.
 */
export function zstdStored(bytes: Buffer, opts: { windowLog?: number; blockSize?: number } = {}): Buffer {
  const blockSize = opts.blockSize ?? 128 * 1024;
  const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, ((opts.windowLog ?? 20) - 10) << 3]);
  const blocks: Buffer[] = [header];
  for (let pos = 0; pos === 0 || pos < bytes.length; pos += blockSize) {
    const body = bytes.subarray(pos, pos + blockSize);
    const last = pos + blockSize >= bytes.length ? 1 : 0;
    const raw = (body.length << 3) | last; // type 0: raw block
    blocks.push(Buffer.from([raw & 0xff, (raw >> 8) & 0xff, (raw >> 16) & 0xff]), body);
  }
  return Buffer.concat(blocks);
}

/**
 * A zstd bomb: a tar header announcing `size` bytes, then that many zeros as RLE blocks (4 bytes
 * on the wire for each 128 KiB), in one frame with a 128 KiB window.
 */
export function zstdBomb(size: number): Readable {
  const block = 128 * 1024;
  const rle = (last: boolean) => {
    const raw = (block << 3) | (1 << 1) | (last ? 1 : 0);
    return Buffer.from([raw & 0xff, (raw >> 8) & 0xff, (raw >> 16) & 0xff, 0]);
  };
  return Readable.from(
    (function* () {
      const header = tarHeader({ name: 'zeros', headerSize: size });
      const raw = (header.length << 3) | 0;
      yield Buffer.concat([
        Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3]),
        Buffer.from([raw & 0xff, (raw >> 8) & 0xff, (raw >> 16) & 0xff]),
        header,
      ]);
      const blocks = Math.ceil(size / block);
      for (let i = 0; i < blocks; i += 1024) {
        yield Buffer.concat(
          Array.from({ length: Math.min(1024, blocks - i) }, (_, k) => rle(i + k === blocks - 1)),
        );
      }
    })(),
    { objectMode: false },
  );
}

export function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return `${length}${body}`;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1');
}

function toBuffer(content: Buffer | string | undefined): Buffer {
  return typeof content === 'string' ? Buffer.from(content) : (content ?? Buffer.alloc(0));
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

export const OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_LAYER_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';

export interface TestLayer {
  /** The blob as pushed (compressed or not). */
  blob: Buffer;
  mediaType: string;
  /** The uncompressed tar, for its diff id. */
  tar: Buffer;
}

export interface TestHistoryStep {
  created_by: string;
  empty_layer?: boolean;
}

/**
 * Pushes an OCI image whose layers have their own media types (gzip, zstd, plain tar) and whose
 * config has real diff ids and the given history. Resolves with the manifest's digest and the
 * config's digest (what an engine that pulls the image calls its id).
 */
export async function pushLayeredImage(
  registry: string,
  repo: string,
  tag: string,
  layers: TestLayer[],
  history: TestHistoryStep[],
): Promise<{ digest: string; configDigest: string }> {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-05-06T07:08:09Z',
      config: { Env: ['PATH=/usr/bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => sha256(layer.tar)) },
      history: history.map((step) => ({ created: '2024-05-06T07:08:09Z', ...step })),
    }),
  );
  const configDigest = await pushBlob(registry, repo, config);
  const descriptors = [];
  for (const layer of layers) {
    descriptors.push({
      mediaType: layer.mediaType,
      digest: await pushBlob(registry, repo, layer.blob),
      size: layer.blob.length,
    });
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: descriptors,
    }),
  );
  const digest = await pushManifest(
    registry,
    repo,
    tag,
    manifest,
    'application/vnd.oci.image.manifest.v1+json',
  );
  return { digest, configDigest };
}
