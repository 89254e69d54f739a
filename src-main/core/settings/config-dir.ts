import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/**
 * Where Stevedore keeps its settings: STEVEDORE_CONFIG_DIR when set (tests, portable use),
 * else the platform's place for per-user configuration.
 */
export function appConfigDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.STEVEDORE_CONFIG_DIR) return env.STEVEDORE_CONFIG_DIR;
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
  switch (platform) {
    case 'win32':
      return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'Stevedore');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Stevedore');
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'stevedore');
  }
}
