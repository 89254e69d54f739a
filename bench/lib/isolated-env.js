import { join } from 'node:path';

/**
 * An environment for the CLI with its own HOME, settings, docker config and content cache under
 * `home`: nothing of the developer's own setup (saved registries, logins, cached manifests) may
 * change the numbers.
 */
export function isolatedEnv(home) {
  return {
    PATH: process.env.PATH,
    HOME: home,
    DOCKER_CONFIG: join(home, 'docker-config'),
    STEVEDORE_CONFIG_DIR: join(home, 'config'),
    STEVEDORE_CACHE_DIR: join(home, 'cache'),
    TZ: 'UTC',
  };
}
