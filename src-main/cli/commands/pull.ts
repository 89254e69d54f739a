import { imagePull } from '../../core/engine/pull.js';
import { parseReference } from '../../core/reference/index.js';
import type { Command } from '../command.js';
import { writeOut } from '../output.js';
import { runTransfer } from './push.js';

export const pullCommand: Command = {
  usage: [
    'Usage: stevedore pull <ref> [--engine NAME|URL] [--json]',
    '',
    'Pulls an image from a registry into the engine, as docker pull does, by tag (latest when none',
    'is given) or by digest, and prints the digest pulled. Logins come from the docker config.',
    'Progress goes to stderr: redrawn bars on a terminal, a line per layer start and end elsewhere.',
    'Options:',
    '  --engine NAME|URL  an engine by id, name or URL (default: the active engine)',
    '  --json             print {"reference","digest","id"}: the reference, fully qualified, the',
    '                     manifest digest, and the id of the local image',
  ].join('\n'),
  options: { engine: { type: 'string' }, json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [input = '']) {
    const ref = parseReference(input);
    const result = await runTransfer(values, io, ref, (docker, opts) => imagePull(docker, ref, opts));
    const text = values.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.digest}\n`;
    await writeOut(io.stdout, text);
    return 0;
  },
};
