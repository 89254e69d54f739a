import { DOCKER_HUB_DOMAIN, LEGACY_DOCKER_HUB_DOMAIN, OFFICIAL_NAMESPACE } from './types.js';

/**
 * Splits a repository name into registry domain and path the way `docker pull` does
 * (distribution/reference splitDockerDomain). The first component is a domain only when it
 * contains "." or ":", is "localhost", or has an uppercase letter (paths are lowercase, so
 * Docker reads `Foo/bar` as host `Foo`). Everything else lives on Docker Hub, where a
 * single-component path is an official image under `library/`.
 */
export function splitDomain(name: string): { domain: string; path: string } {
  let domain = DOCKER_HUB_DOMAIN;
  let path = name;
  const slash = name.indexOf('/');
  if (slash !== -1) {
    const first = name.slice(0, slash);
    if (isDomain(first)) {
      domain = first === LEGACY_DOCKER_HUB_DOMAIN ? DOCKER_HUB_DOMAIN : first;
      path = name.slice(slash + 1);
    }
  }
  if (domain === DOCKER_HUB_DOMAIN && !path.includes('/')) path = `${OFFICIAL_NAMESPACE}/${path}`;
  return { domain, path };
}

function isDomain(component: string): boolean {
  return (
    component === 'localhost' ||
    component.includes('.') ||
    component.includes(':') ||
    component !== component.toLowerCase()
  );
}
