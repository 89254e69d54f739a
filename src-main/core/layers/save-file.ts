import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CancelledError, StevedoreError } from '../errors.js';
import { openFile } from './content.js';
import type { LayeredImage } from './image.js';
import type { MergedEntry, MergedFs } from './merged-fs.js';

export interface SaveOptions {
  signal?: AbortSignal;
  /** Bytes of the file written so far (0 first, once the file was found). */
  onBytes?: (bytes: number, entry: MergedEntry) => void;
}

/**
 * Writes a file of the image to `destination`, never half of it: the bytes go to a temp file in
 * the same folder (so the rename cannot cross filesystems), which is renamed into place only once
 * the stream ended well — for a registry's layer, after the whole blob proved to be its digest.
 * Any failure, cancel included, removes the temp file and leaves `destination` as it was; one of
 * writing is SAVE_FAILED, saying why (no such folder, permission, a full disk).
 */
export async function saveImageFile(
  image: LayeredImage,
  fs: MergedFs,
  path: string,
  destination: string,
  opts: SaveOptions = {},
): Promise<{ entry: MergedEntry; size: number }> {
  const { entry, stream } = await openFile(image, fs, path, opts.signal ? { signal: opts.signal } : {});
  const temp = join(
    dirname(destination),
    `.${basename(destination)}.${randomBytes(6).toString('hex')}.partial`,
  );
  let size = 0;
  opts.onBytes?.(0, entry);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      opts.onBytes?.(size, entry);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      stream,
      counter,
      createWriteStream(temp, { flags: 'wx', mode: 0o644 }),
      opts.signal ? { signal: opts.signal } : {},
    );
    await rename(temp, destination);
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    if (opts.signal?.aborted) throw new CancelledError();
    throw saveFailure(error, destination);
  }
  return { entry, size };
}

const REASONS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder',
};

/** A failure to write, in words (SAVE_FAILED); the image's own errors (registry, layer) pass as they are. */
function saveFailure(error: unknown, destination: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (
    error instanceof StevedoreError ||
    typeof code !== 'string' ||
    !(error as NodeJS.ErrnoException).syscall
  ) {
    return error;
  }
  const reason = REASONS[code] ?? (error as Error).message;
  return new StevedoreError(
    'SAVE_FAILED',
    `Could not save to ${destination}: ${reason}.`,
    { code },
    { cause: error },
  );
}
