import { openRegistrySession } from '../core/registry/open-session.js';
import type { RegistrySession } from '../core/registry/session.js';
import type { CommandIo } from './command.js';

/**
 * Runs `work` with a registry session for the command's environment (its settings, docker config
 * and content cache), and closes the session's connections however `work` ends.
 */
export async function withRegistrySession<T>(
  io: CommandIo,
  work: (session: RegistrySession) => Promise<T>,
): Promise<T> {
  const session = await openRegistrySession({ env: io.env });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
