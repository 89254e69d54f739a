import { InvalidInputError } from '../errors.js';
import { validateDomain } from '../reference/domain.js';
import { echo } from '../reference/error.js';
import { DOCKER_HUB_DOMAIN } from '../reference/index.js';

/** The key `docker login` writes for Docker Hub, in config.json and in credential helpers alike. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';

/** Names Docker Hub goes by in config files written by hand or by other tools. */
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB_DOMAIN, 'index.docker.io', 'registry-1.docker.io']);

/**
 * Paths a key may carry and still mean "log in to this host". Docker Desktop keeps other entries in
 * the same helper (`https://index.docker.io/v1/access-token`): those are not logins.
 */
const LOGIN_PATHS = new Set(['', '/', '/v1', '/v1/', '/v2', '/v2/']);

/**
 * The registry host a config.json key (or helper server URL) stands for: scheme and path dropped as
 * docker's ConvertToHostname does, lowercased (host names are case-insensitive), Docker Hub's
 * names folded into `docker.io`. `login` is false for keys with any other path.
 */
export function configKeyHost(key: string): { host: string; login: boolean } {
  const withoutScheme = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  const host = (slash === -1 ? withoutScheme : withoutScheme.slice(0, slash)).toLowerCase();
  const path = slash === -1 ? '' : withoutScheme.slice(slash);
  return { host: DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB_DOMAIN : host, login: LOGIN_PATHS.has(path) };
}

/**
 * A registry host from the caller, checked and normalised: `docker.io`, `127.0.0.1:5000`,
 * `[::1]:5000`. Also accepts config.json's spellings (`https://index.docker.io/v1/`).
 */
export function registryHostKey(input: string): string {
  const { host, login } = configKeyHost(input);
  if (!host || !login) {
    throw new InvalidInputError(`"${echo(input)}" is not a registry host (expected host[:port])`, {
      input: echo(input),
    });
  }
  try {
    validateDomain(host, input);
  } catch (error) {
    throw new InvalidInputError(`"${echo(input)}" is not a registry host: ${(error as Error).message}`, {
      input: echo(input),
    });
  }
  return host;
}

export function isDockerHub(host: string): boolean {
  return host === DOCKER_HUB_DOMAIN;
}

/** What docker passes to a helper and uses as the `auths` key: Hub's v1 index URL, else the host. */
export function serverAddress(host: string): string {
  return isDockerHub(host) ? DOCKER_HUB_CONFIG_KEY : host;
}
