/**
 * How the registries area names things: a registry by its host (`docker.io`, `127.0.0.1:5000`),
 * a repository by its path inside it (`library/ubuntu`), and the reference main is given by
 * joining the two.
 */
import { DOCKER_HUB_DOMAIN, parseRepository } from '../../../../src-main/core/reference/index.js';

export { DOCKER_HUB_DOMAIN };

export function isDockerHub(host: string): boolean {
  return host === DOCKER_HUB_DOMAIN;
}

/** `127.0.0.1:5000` + `team/app` → `127.0.0.1:5000/team/app`: what tags.list and friends take. */
export function repositoryReference(host: string, repository: string): string {
  return `${host}/${repository}`;
}

export function tagReference(host: string, repository: string, tag: string): string {
  return `${repositoryReference(host, repository)}:${tag}`;
}

export function digestReference(host: string, repository: string, digest: string): string {
  return `${repositoryReference(host, repository)}@${digest}`;
}

export type OpenableRepository = { ok: true; repository: string } | { ok: false; message: string };

/**
 * What the user typed in "Open a repository", as the path inside `host`: `ubuntu` on Docker Hub
 * is `library/ubuntu`, as `docker pull` reads it. A typed `host/` prefix of the same registry is
 * accepted; the grammar's complaint is returned for the field otherwise.
 */
export function openableRepository(host: string, typed: string): OpenableRepository {
  let name = typed.trim();
  if (name === '') return { ok: false, message: 'Type a repository name' };
  if (name.startsWith(`${host}/`)) name = name.slice(host.length + 1);
  // Only Docker Hub rewrites paths (`library/`); elsewhere the path is checked under a stand-in
  // host, since a host such as `registry` alone would read as a Docker Hub namespace.
  const domain = isDockerHub(host) ? DOCKER_HUB_DOMAIN : 'registry.invalid';
  try {
    const ref = parseRepository(`${domain}/${name}`);
    return { ok: true, repository: ref.path };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
