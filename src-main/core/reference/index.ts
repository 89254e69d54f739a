export { DIGEST_HEX_LENGTHS, parseDigest } from './digest.js';
export { InvalidReferenceError } from './error.js';
export {
  refFamiliar,
  refFamiliarString,
  refName,
  refString,
  registryHost,
  withDefaultTag,
} from './format.js';
export { parseReference, parseRepository } from './parse.js';
export { parseTag } from './tag.js';
export type { ImageRef, RepositoryRef } from './types.js';
export {
  DEFAULT_TAG,
  DOCKER_HUB_DOMAIN,
  DOCKER_HUB_REGISTRY_HOST,
  MAX_NAME_LENGTH,
  MAX_TAG_LENGTH,
} from './types.js';
