import { hubSearch } from '../core/hub/index.js';
import { type ImageRef, parseReference, parseRepository } from '../core/reference/index.js';
import { deletePlan, imageDelete, imageInspect, manifestRaw } from '../core/registry/inspect.js';
import type { RegistrySession } from '../core/registry/session.js';
import { tagDetails } from '../core/registry/tag-details.js';
import type { AttachedTag } from '../core/registry/types.js';
import type { Handlers } from './dispatch.js';

/** `registries.copy` is a transfer: transfer-handlers.ts has it. */
type RegistryProcedure = Exclude<
  Extract<
    keyof Handlers,
    `registries.${string}` | `catalog.${string}` | `hub.${string}` | `tags.${string}` | `manifests.${string}`
  >,
  'registries.copy'
>;

/** The registry procedures of the contract, over the registry session. */
export function createRegistryHandlers(registries: RegistrySession): Pick<Handlers, RegistryProcedure> {
  const clientFor = (ref: ImageRef) => registries.client(ref.domain);

  /** Signature and attestation tags of the repository; a registry that will not list tags has none to show. */
  const attachedTags = async (ref: ImageRef): Promise<AttachedTag[]> =>
    (
      await clientFor(ref)
        .tagList(ref.path)
        .catch(() => undefined)
    )?.attached ?? [];

  return {
    'registries.list': () => registries.list(),
    'registries.add': (input) => registries.add(input),
    'registries.update': ({ host, ...changes }) => registries.update(host, changes),
    'registries.remove': async ({ host }) => {
      await registries.remove(host);
      return null;
    },
    'registries.probe': ({ host }) => registries.probe(host),
    'registries.login': ({ host, username, password }) => registries.login(host, username, password),
    'registries.logout': ({ host }) => registries.logout(host),

    'catalog.page': ({ host, cursor, pageSize }) => registries.client(host).catalogPage(cursor, pageSize),
    'hub.search': ({ query, page }) => hubSearch(query, page),

    'tags.list': async ({ repository }) => {
      const ref = parseRepository(repository);
      return clientFor(ref).tagList(ref.path);
    },
    'tags.details': async ({ repository, tags }) => {
      const ref = parseRepository(repository);
      return tagDetails(clientFor(ref), ref.path, tags);
    },

    'manifests.inspect': async ({ reference, platform }) => {
      const ref = parseReference(reference);
      const attached = await attachedTags(ref);
      return imageInspect(clientFor(ref), ref, { attached, ...(platform ? { platform } : {}) });
    },
    'manifests.raw': async ({ reference }) => {
      const ref = parseReference(reference);
      return manifestRaw(clientFor(ref), ref);
    },
    'manifests.deletePlan': async ({ reference }) => {
      const ref = parseReference(reference);
      return deletePlan(clientFor(ref), ref);
    },
    'manifests.delete': async ({ reference }) => {
      const ref = parseReference(reference);
      return imageDelete(clientFor(ref), ref);
    },
  };
}
