import { PassThrough, type Readable, type Writable } from 'node:stream';
import { CancelledError } from '../errors.js';
import { capitalised, LayerError } from './errors.js';
import { walkLayer } from './layer-stream.js';
import type { EntrySink } from './tar-reader.js';
import type { LayerLimits } from './types.js';

export interface EntryStreamOptions {
  /** Read the layer to its end before ending the stream, so a blob that fails its digest fails the stream. */
  verify: boolean;
  limits: LayerLimits;
  /** Names the layer in messages: `the layer sha256:…`. */
  what: string;
  signal?: AbortSignal;
}

/**
 * The bytes of entry `entryIndex` (archive order) of the layer `open` yields, as a stream that
 * the caller gets at once. `expectedPath` guards against a layer that is not the one listed.
 * Without `verify` the layer is abandoned right after the entry; with it, the stream ends only
 * once the whole layer was read (and errors if the source does).
 */
export function entryStream(
  open: (signal: AbortSignal) => Promise<Readable>,
  entryIndex: number,
  expectedPath: string,
  opts: EntryStreamOptions,
): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const stop = new AbortController();
  const cancel = () => stop.abort();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  let delivered = false;
  let settled = false;
  out.once('close', () => {
    if (!settled) stop.abort();
  });
  const finish = () => {
    settled = true;
    out.end();
  };
  const read = async () => {
    const input = await open(stop.signal);
    let index = -1;
    await walkLayer(
      input,
      (entry): EntrySink | undefined => {
        index++;
        if (index !== entryIndex) return undefined;
        if (entry.path !== expectedPath) {
          throw new LayerError(
            'LAYER_CORRUPT',
            `${capitalised(opts.what)} no longer holds ${expectedPath} where it was listed; list the image again.`,
            { expected: expectedPath, found: entry.path },
          );
        }
        return {
          write: (chunk) => writeOrWait(out, chunk),
          end: () => {
            delivered = true;
            if (!opts.verify) {
              finish();
              stop.abort();
            }
            return undefined;
          },
        };
      },
      { limits: opts.limits, what: opts.what, signal: stop.signal },
    );
    if (!delivered) {
      throw new LayerError('NOT_FOUND', `${capitalised(opts.what)} has no entry ${expectedPath}.`, {
        path: expectedPath,
      });
    }
    finish();
  };
  read()
    .catch((error: unknown) => {
      // Abandoning the layer after the entry is how an unverified read ends, not a failure.
      if (settled || (delivered && !opts.verify && error instanceof CancelledError)) return;
      settled = true;
      out.destroy(opts.signal?.aborted ? new CancelledError() : (error as Error));
    })
    .finally(() => opts.signal?.removeEventListener('abort', cancel));
  return out;
}

/** Writes, and when the reader is behind, waits for it (or for it to go away). */
export function writeOrWait(out: Writable, chunk: Buffer): Promise<void> | undefined {
  if (out.destroyed) throw new CancelledError('The reader of the file went away.');
  if (out.write(chunk)) return undefined;
  return new Promise((resolve) => {
    const go = () => {
      out.off('drain', go);
      out.off('close', go);
      resolve();
    };
    out.once('drain', go);
    out.once('close', go);
  });
}
