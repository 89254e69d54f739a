import { classifyTag } from '../../core/oci/attached-tags.js';
import { parseRepository } from '../../core/reference/index.js';
import type { Command } from '../command.js';
import { writeOut, writePages } from '../output.js';
import { withRegistrySession } from '../registry-session.js';

export const tagsCommand: Command = {
  usage: [
    'Usage: stevedore tags <repository> [--all] [--json]',
    '',
    "Lists the tags of a repository (ubuntu, 127.0.0.1:5000/app), all pages, in the registry's order.",
    'Signature, attestation and referrer tags (sha256-<hex>.sig, .att, .sbom, sha256-<hex>) are',
    'left out unless --all is given. Without --json, one tag per line, printed as each page arrives.',
    'Options:',
    '  --all   keep signature, attestation and referrer tags, where the registry listed them',
    '  --json  print {"repository","tags":[...]}; repository is fully qualified (docker.io/library/ubuntu)',
  ].join('\n'),
  options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [input = '']) {
    const ref = parseRepository(input);
    const keep = values.all ? () => true : (tag: string) => classifyTag(tag) === null;
    return withRegistrySession(io, async (session) => {
      const client = session.client(ref.domain);
      const pages = client.tagPages(ref.path);
      if (values.json) {
        const tags: string[] = [];
        for await (const page of pages) tags.push(...page.filter(keep));
        const repository = `${client.host}/${ref.path}`;
        await writeOut(io.stdout, `${JSON.stringify({ repository, tags }, null, 2)}\n`);
      } else {
        await writePages(io.stdout, onlyKept(pages, keep));
      }
      return 0;
    });
  },
};

async function* onlyKept(pages: AsyncIterable<string[]>, keep: (tag: string) => boolean) {
  for await (const page of pages) yield page.filter(keep);
}
