/** The reader of stdout went away (`stevedore catalog … | head`): nothing more can be shown. */
export class OutputClosed extends Error {
  constructor() {
    super('the output was closed before everything was written');
    this.name = 'OutputClosed';
  }
}

/** Streams whose write errors are read from write callbacks, not left to crash the process. */
const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * Writes `text` and waits until the stream took it, so a long listing streamed page by page
 * never piles up in memory when the reader is slower than the registry. A closed pipe rejects
 * with OutputClosed.
 */
export function writeOut(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    // Node reports a failed write twice: to its callback and as an 'error' event, which
    // crashes the process when nobody listens. The callback below is where it is handled.
    stream.on('error', () => {});
  }
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (!error) resolve();
      else reject((error as NodeJS.ErrnoException).code === 'EPIPE' ? new OutputClosed() : error);
    });
  });
}

/**
 * Writes each page as it comes. When the reader stops reading (`| head`), the listing stops
 * quietly, as the tools that a broken pipe ends do.
 */
export async function writePages(
  stream: NodeJS.WritableStream,
  pages: AsyncIterable<string[]>,
): Promise<void> {
  try {
    for await (const page of pages) if (page.length > 0) await writeOut(stream, `${page.join('\n')}\n`);
  } catch (error) {
    if (!(error instanceof OutputClosed)) throw error;
  }
}
