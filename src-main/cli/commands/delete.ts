import { parseReference } from '../../core/reference/index.js';
import { imageDelete } from '../../core/registry/inspect.js';
import type { Command } from '../command.js';
import { writeOut } from '../output.js';
import { withRegistrySession } from '../registry-session.js';

export const deleteCommand: Command = {
  usage: [
    'Usage: stevedore delete <reference>',
    '',
    'Deletes the manifest a tag or digest names (latest when neither is given) from its registry',
    'and prints its digest. Registries delete manifests, not tags: every other tag on the same',
    'digest goes too, and a warning on stderr lists them. Many registries turn deletion off.',
  ].join('\n'),
  options: {},
  operands: { min: 1, max: 1 },
  async run(_values, io, [input = '']) {
    const ref = parseReference(input);
    return withRegistrySession(io, async (session) => {
      const { digest, sharedTags } = await imageDelete(session.client(ref.domain), ref);
      // Said once the delete is done, so a failure stays the one line on stderr.
      if (sharedTags.length > 0) {
        io.stderr.write(
          `warning: these tags pointed at ${digest} and were deleted with it: ${sharedTags.join(', ')}\n`,
        );
      }
      await writeOut(io.stdout, `${digest}\n`);
      return 0;
    });
  },
};
