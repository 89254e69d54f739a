import { parsePlatform } from '../../core/oci/platform.js';
import { parseReference, withDefaultTag } from '../../core/reference/index.js';
import { imageCopy } from '../../core/registry/copy.js';
import { copiedImage, copyDestination } from '../../core/registry/copy-destination.js';
import type { Command } from '../command.js';
import { withCancelOnInterrupt } from '../interrupt.js';
import { writeOut } from '../output.js';
import { createProgressReporter } from '../progress.js';
import { withRegistrySession } from '../registry-session.js';
import { UsageError } from '../usage-error.js';

export const copyCommand: Command = {
  usage: [
    'Usage: stevedore copy <source> <destination> [--all-platforms | --platform os/arch[/variant]] [--json]',
    '',
    'Copies an image from one registry repository to another, registry to registry (no engine),',
    'keeping its digest, and prints that digest. Blobs the destination has are skipped; on one',
    'registry they are mounted, not sent. Signatures and referrers of the image travel with it.',
    'The destination tag defaults to the source tag (latest when neither is given).',
    'Progress goes to stderr: redrawn bars on a terminal, a line per blob start and end elsewhere.',
    'Options:',
    '  --all-platforms  copy every image of a multi-platform index and the index itself',
    '  --platform P     the image of the index for os/arch[/variant] (default linux/amd64,',
    '                   else its first image)',
    '  --json           print {"source","target","digest"}: the references, fully qualified, and',
    '                   the digest of the copied manifest (or index)',
  ].join('\n'),
  options: {
    'all-platforms': { type: 'boolean' },
    platform: { type: 'string' },
    json: { type: 'boolean' },
  },
  operands: { min: 2, max: 2 },
  async run(values, io, [sourceInput = '', targetInput = '']) {
    const platform = values.platform as string | undefined;
    const allPlatforms = values['all-platforms'] === true;
    if (allPlatforms && platform !== undefined) {
      throw new UsageError('--all-platforms copies every platform: drop --platform or pick one of them');
    }
    if (platform !== undefined) checkPlatform(platform);
    const source = withDefaultTag(parseReference(sourceInput));
    const target = copyDestination(parseReference(targetInput), source);
    const progress = createProgressReporter(io.stderr, {
      tty: (io.stderr as NodeJS.WriteStream).isTTY === true,
    });
    return withCancelOnInterrupt(async (signal) => {
      const result = await withRegistrySession(io, (session) =>
        imageCopy(
          { client: session.client(source.domain), ref: source },
          { client: session.client(target.domain), ref: target },
          {
            signal,
            allPlatforms,
            ...(platform === undefined ? {} : { platform }),
            onProgress: (part) => progress.update(part),
          },
        ),
      ).finally(() => progress.end());
      for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
      const text = values.json
        ? `${JSON.stringify(copiedImage(source, target, result.digest), null, 2)}\n`
        : `${result.digest}\n`;
      await writeOut(io.stdout, text);
      return 0;
    });
  },
};

function checkPlatform(text: string): void {
  try {
    parsePlatform(text);
  } catch (error) {
    throw new UsageError(`--platform: ${(error as Error).message}`);
  }
}
