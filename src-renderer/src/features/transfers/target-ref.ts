/**
 * The references the push, pull and copy dialogs build from their fields, checked with the same
 * grammar main uses, so a typo shows under its field before anything is sent.
 * Pure functions: the unit tests pin them down.
 */
import {
  DEFAULT_TAG,
  DOCKER_HUB_DOMAIN,
  parseReference,
  parseTag,
  refFamiliar,
  refString,
  withDefaultTag,
} from '../../../../src-main/core/reference/index.js';

export interface RepositoryAndTag {
  /** The path inside the registry, without its host: `team/app`. */
  repository: string;
  tag: string;
}

/**
 * What a push of `sourceRef` (an engine repoTag such as `127.0.0.1:5000/team/app:1.0` or
 * `ubuntu:22.04`) to `host` is prefilled with: the path without its registry host (`library/`
 * dropped, as the user typed it), the tag or `latest`. Docker Hub wants a namespace the login may
 * write to, so a bare name gets the logged-in user's (`app` → `alice/app`).
 */
export function prefillTarget(
  sourceRef: string | undefined,
  host: string,
  username: string | undefined,
): RepositoryAndTag {
  let repository = '';
  let tag = DEFAULT_TAG;
  if (sourceRef) {
    try {
      const ref = parseReference(sourceRef);
      // refFamiliar drops Docker Hub's domain and `library/`; other hosts go with the split below.
      repository = ref.domain === DOCKER_HUB_DOMAIN ? refFamiliar(ref) : ref.path;
      tag = ref.tag ?? DEFAULT_TAG;
    } catch {
      // An engine name we cannot read leaves the fields for the user to fill.
    }
  }
  if (host === DOCKER_HUB_DOMAIN && repository !== '' && !repository.includes('/') && username) {
    repository = `${username}/${repository}`;
  }
  return { repository, tag };
}

export type TargetCheck =
  | { ok: true; reference: string }
  | { ok: false; field: 'repository' | 'tag'; message: string };

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `host` + `repository` + `tag` as the fully qualified reference main is given
 * (`127.0.0.1:5000/team/app:1.0`, `docker.io/library/app:latest`), or what is wrong and where.
 */
export function targetReference(host: string, repository: string, tag: string): TargetCheck {
  const path = repository.trim();
  if (path === '') return { ok: false, field: 'repository', message: 'Type a repository name' };
  const typedTag = tag.trim();
  if (typedTag === '') return { ok: false, field: 'tag', message: 'Type a tag, such as latest' };
  try {
    parseTag(typedTag);
  } catch (error) {
    return { ok: false, field: 'tag', message: reason(error) };
  }
  // A typed `host/` prefix of the same registry is accepted, as people paste whole names.
  const inside = path.startsWith(`${host}/`) ? path.slice(host.length + 1) : path;
  try {
    const ref = parseReference(`${host}/${inside}`);
    if (ref.digest !== null || ref.tag !== null) {
      return { ok: false, field: 'repository', message: 'Put the tag in the tag field' };
    }
    // `ghcr.io/team/app` typed with Docker Hub chosen names another registry, as docker reads it.
    const named = parseReference(inside).domain;
    if (ref.domain !== host || named !== DOCKER_HUB_DOMAIN) {
      const other = ref.domain !== host ? ref.domain : named;
      return {
        ok: false,
        field: 'repository',
        message: `That names another registry (${other}): choose it above, or type the path inside ${host}`,
      };
    }
    return { ok: true, reference: refString({ ...ref, tag: typedTag }) };
  } catch (error) {
    return { ok: false, field: 'repository', message: reason(error) };
  }
}

export type PullCheck = { ok: true; reference: string } | { ok: false; message: string };

/** What the user typed to pull, fully qualified and with `latest` when it names no tag or digest. */
export function pullReference(typed: string): PullCheck {
  const text = typed.trim();
  if (text === '') return { ok: false, message: 'Type an image reference, such as ubuntu:24.04' };
  try {
    return { ok: true, reference: refString(withDefaultTag(parseReference(text))) };
  } catch (error) {
    return { ok: false, message: reason(error) };
  }
}
