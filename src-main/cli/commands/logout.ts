import { registryHostKey } from '../../core/credentials/index.js';
import type { Command } from '../command.js';
import { writeOut } from '../output.js';
import { withRegistrySession } from '../registry-session.js';

export const logoutCommand: Command = {
  usage: [
    'Usage: stevedore logout <registry>',
    '',
    'Forgets the login for a registry (host[:port], or docker.io) wherever it is kept: the docker',
    "config's auths, its credential helper, and the accounts added in the app. Like docker logout,",
    'it succeeds when there was no login to forget.',
  ].join('\n'),
  options: {},
  operands: { min: 1, max: 1 },
  async run(_values, io, [registry = '']) {
    const host = registryHostKey(registry);
    return withRegistrySession(io, async (session) => {
      await session.logout(host);
      await writeOut(io.stdout, `Removing login credentials for ${host}\n`);
      return 0;
    });
  },
};
