import { parseReference, refFamiliar, refName } from '../../core/reference/index.js';
import type { Command } from '../command.js';

export const refCommand: Command = {
  usage: [
    'Usage: stevedore ref <name> [--json]',
    '',
    'Parses and normalizes an image reference as docker pull does (ubuntu is docker.io/library/ubuntu).',
    'The tag and digest are shown exactly as given: no latest is added.',
    'Options:',
    '  --json  print {"name","domain","path","tag","digest","familiar"}',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [input = '']) {
    const ref = parseReference(input);
    const parsed = {
      name: refName(ref),
      domain: ref.domain,
      path: ref.path,
      tag: ref.tag,
      digest: ref.digest,
      familiar: refFamiliar(ref),
    };
    if (values.json) {
      io.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
    } else {
      const width = 9;
      for (const [key, value] of Object.entries(parsed)) {
        io.stdout.write(`${key.padEnd(width)}${value ?? '-'}\n`);
      }
    }
    return 0;
  },
};
