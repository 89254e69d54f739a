import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/**
 * Where Stevedore keeps what it can fetch again: STEVEDORE_CACHE_DIR when set (tests, portable
 * use), else the platform's place for per-user caches, which backup tools and cleaners know to skip.
 */
export function appCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.STEVEDORE_CACHE_DIR) return env.STEVEDORE_CACHE_DIR;
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
  switch (platform) {
    case 'win32':
      return win32.join(env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local'), 'Stevedore', 'Cache');
    case 'darwin':
      return join(home, 'Library', 'Caches', 'Stevedore');
    default:
      return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'stevedore');
  }
}

/** The content cache's folder inside the app's cache dir. */
export function contentCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  const base = appCacheDir(env, platform);
  return platform === 'win32' ? win32.join(base, 'content') : join(base, 'content');
}
