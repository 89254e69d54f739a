import { dockerConfigFile } from '../../core/credentials/docker-config.js';
import { registryHostKey } from '../../core/credentials/index.js';
import { dockerConfigDir } from '../../core/engine/endpoints.js';
import { RegistryError, type SpecError } from '../../core/registry/errors.js';
import type { Command, CommandIo } from '../command.js';
import { writeOut } from '../output.js';
import { withRegistrySession } from '../registry-session.js';
import { readAllInput, readTerminalLine } from '../terminal-input.js';
import { UsageError } from '../usage-error.js';

export const loginCommand: Command = {
  usage: [
    'Usage: stevedore login <registry> [--username U] [--password-stdin]',
    '',
    'Logs in to a registry (host[:port], or docker.io) as `docker login` does: the credentials are',
    'checked with the registry, then kept in the docker config (DOCKER_CONFIG or ~/.docker), in the',
    'credential helper it names when there is one, else in config.json.',
    'Without --password-stdin, the user name (unless given) and the password are asked for on',
    'the terminal; the password is not shown as it is typed.',
    'Options:',
    '  -u, --username U    the user name',
    '  --password-stdin    read the password from stdin (one trailing newline is dropped)',
  ].join('\n'),
  options: { username: { type: 'string', short: 'u' }, 'password-stdin': { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [registry = '']) {
    const host = registryHostKey(registry);
    const { username, password } = await credentialsFrom(
      values.username as string | undefined,
      values['password-stdin'] === true,
      io,
    );
    return withRegistrySession(io, async (session) => {
      const summary = await session.login(host, username, password).catch((error: unknown) => {
        throw refusedLogin(error, host, username);
      });
      if (summary.account?.source === 'docker-config') {
        const file = dockerConfigFile(dockerConfigDir(io.env));
        io.stderr.write(
          `WARNING! Your password is stored unencrypted in ${file}. Configure a credential helper (credsStore) to avoid this.\n`,
        );
      }
      await writeOut(io.stdout, 'Login Succeeded\n');
      return 0;
    });
  },
};

async function credentialsFrom(
  username: string | undefined,
  passwordStdin: boolean,
  io: CommandIo,
): Promise<{ username: string; password: string }> {
  const stdin = process.stdin;
  if (passwordStdin) {
    if (username === undefined) throw new UsageError('--password-stdin needs --username');
    return { username, password: await readAllInput(stdin) };
  }
  if (!stdin.isTTY) throw new UsageError('no TTY: use --password-stdin');
  return {
    username: username ?? (await readTerminalLine(stdin, io.stderr, 'Username: ', { echo: true })).trim(),
    password: await readTerminalLine(stdin, io.stderr, 'Password: ', { echo: false }),
  };
}

/**
 * A refused login worded as `docker login` words it (`unauthorized: <the registry's reason>`): the
 * session's own message, "requires you to log in", reads oddly as the answer to a login.
 */
function refusedLogin(error: unknown, host: string, username: string): unknown {
  if (!(error instanceof RegistryError) || error.code !== 'UNAUTHORIZED') return error;
  const details = (error.details ?? {}) as { errors?: SpecError[] };
  const reason = details.errors?.find((entry) => entry.message)?.message;
  return new RegistryError(
    'UNAUTHORIZED',
    `${host} refused the login of "${username}": unauthorized${reason ? `: ${reason}` : ''}`,
    { specCodes: error.specCodes, details: details as Record<string, unknown>, cause: error },
  );
}
