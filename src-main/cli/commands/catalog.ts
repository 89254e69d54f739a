import { registryHostKey } from '../../core/credentials/index.js';
import type { Command } from '../command.js';
import { writeOut, writePages } from '../output.js';
import { withRegistrySession } from '../registry-session.js';

export const catalogCommand: Command = {
  usage: [
    'Usage: stevedore catalog <registry> [--json]',
    '',
    "Lists every repository of a registry (host[:port]), all pages, in the registry's order.",
    'Without --json, one repository per line, printed as each page arrives.',
    'Registries on loopback (127.0.0.1, localhost, [::1]) are reached over plain HTTP.',
    'Options:',
    '  --json  print {"registry","repositories":[...]} once every page is read',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [registry = '']) {
    const host = registryHostKey(registry);
    return withRegistrySession(io, async (session) => {
      const pages = session.client(host).catalogPages();
      if (values.json) {
        const repositories: string[] = [];
        for await (const page of pages) repositories.push(...page);
        await writeOut(io.stdout, `${JSON.stringify({ registry: host, repositories }, null, 2)}\n`);
      } else {
        await writePages(io.stdout, pages);
      }
      return 0;
    });
  },
};
