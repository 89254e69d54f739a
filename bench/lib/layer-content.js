import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * A layer tar like the big ones found in real images (a node_modules or /usr/lib layer): tens of
 * thousands of files in packages of nested directories, most of them small text (source-like
 * lines of words), some binaries (random bytes with runs of zeros, as in a shared library), one
 * in a thousand of several MiB. Deterministic for a seed, so gzip and zstd compress the
 * same bytes. Content is cut from two 16 MiB pools at random offsets: farther apart than gzip's
 * 32 KiB window and zstd -3's 2 MiB one, so neither compresses it better than the pools allow.
 */
const POOL_BYTES = 16 * 1024 * 1024;
const BLOCK = 512;

export function contentPools(seed) {
  const random = prng(seed);
  const words = Array.from({ length: 6000 }, () => {
    const length = 2 + Math.floor(random() * 9);
    return Array.from({ length }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  });
  const text = Buffer.allocUnsafe(POOL_BYTES);
  let at = 0;
  while (at < POOL_BYTES) {
    const indent = '  '.repeat(Math.floor(random() * 4));
    const count = 3 + Math.floor(random() * 9);
    const line = `${indent}${Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(random() < 0.3 ? '.' : ' ')};\n`;
    at += text.write(line, at, 'latin1');
  }
  const binary = Buffer.allocUnsafe(POOL_BYTES);
  for (let pos = 0; pos < POOL_BYTES; pos += 4096) {
    const page = binary.subarray(pos, pos + 4096);
    if (random() < 0.35) page.fill(0);
    else for (let i = 0; i < page.length; i += 4) page.writeUInt32LE((random() * 2 ** 32) >>> 0, i);
  }
  return { text, binary, random };
}

/**
 * Entries (`{path, kind, content}`), generated lazily, until their gzip (level 6) would be about
 * `gzipBytes`: each pool's ratio is measured once, and every file is counted at its pool's ratio.
 * Packages of 10 to 40 files under `usr/lib/app/node_modules/pkg-N/{lib,dist,docs}`.
 */
export function* layerEntries(gzipBytes, seed = 1) {
  const { text, binary, random } = contentPools(seed);
  const ratio = (pool) =>
    (4 * 1024 * 1024) / gzipSync(pool.subarray(0, 4 * 1024 * 1024), { level: 6 }).length;
  const textRatio = ratio(text);
  const binaryRatio = ratio(binary);
  const slice = (pool, size) => {
    const start = Math.floor(random() * (POOL_BYTES - size));
    return pool.subarray(start, start + size);
  };
  yield { path: 'usr/', kind: 'dir' };
  yield { path: 'usr/lib/', kind: 'dir' };
  yield { path: 'usr/lib/app/', kind: 'dir' };
  yield { path: 'usr/lib/app/node_modules/', kind: 'dir' };
  let written = 0;
  for (let pkg = 0; written < gzipBytes; pkg++) {
    const root = `usr/lib/app/node_modules/pkg-${pkg}/`;
    yield { path: root, kind: 'dir' };
    for (const sub of ['lib/', 'dist/', 'docs/']) yield { path: `${root}${sub}`, kind: 'dir' };
    const files = 10 + Math.floor(random() * 31);
    for (let file = 0; file < files && written < gzipBytes; file++) {
      const big = random() < 0.001;
      const isBinary = big || random() < 0.15;
      // Sizes from 90 B to 36 KiB, spread evenly in log scale (6 KiB on average); one file in a
      // thousand a binary of 1 to 4 MiB.
      const size = big
        ? 1024 * 1024 * (1 + Math.floor(random() * 4))
        : Math.floor(Math.exp(4.5 + random() * 6));
      const dir = ['lib/', 'dist/', 'docs/'][file % 3];
      const name = isBinary ? `native-${file}.node` : `file-${file}.${file % 3 === 2 ? 'md' : 'js'}`;
      yield { path: `${root}${dir}${name}`, kind: 'file', content: slice(isBinary ? binary : text, size) };
      // A file compresses a little worse than its pool (it starts cold), and its header costs ~100 B.
      written += (1.08 * size) / (isBinary ? binaryRatio : textRatio) + 100;
    }
  }
}

/** Writes the tar of a layer of about `gzipBytes` gzipped to `path`; resolves with its diff id, size and entries. */
export async function writeLayerTar(path, gzipBytes, seed = 1) {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let size = 0;
  let entries = 0;
  let pending = [];
  let pendingBytes = 0;
  const flush = async () => {
    const chunk = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    hash.update(chunk);
    size += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for (const entry of layerEntries(gzipBytes, seed)) {
    const content = entry.content ?? Buffer.alloc(0);
    pending.push(
      tarHeader(entry.path, entry.kind, content.length),
      content,
      Buffer.alloc(padding(content.length)),
    );
    pendingBytes += BLOCK + content.length;
    entries++;
    if (pendingBytes >= 1024 * 1024) await flush();
  }
  pending.push(Buffer.alloc(2 * BLOCK));
  await flush();
  out.end();
  await once(out, 'finish');
  return { diffId: `sha256:${hash.digest('hex')}`, size, entries };
}

/** A ustar header: names under 100 bytes, root-owned, mtime 0. */
function tarHeader(name, kind, size) {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  const octal = (offset, length, value) =>
    block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1');
  octal(100, 8, kind === 'dir' ? 0o755 : 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  block.write(kind === 'dir' ? '5' : '0', 156, 1, 'latin1');
  block.write('ustar\u000000', 257, 8, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

function padding(size) {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** mulberry32: a small seeded generator, so every run builds the same layer. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
