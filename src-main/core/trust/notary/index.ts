export { type DctLookupOptions, gunOf, NotaryClient, type NotaryClientOptions } from './client.js';
export { dctSignatures } from './dct-signatures.js';
export { NotaryError, type NotaryErrorCode } from './errors.js';
export { canonicalKeyId, keyId } from './keys.js';
export type {
  DctInvalid,
  DctNone,
  DctNotice,
  DctRejectedTarget,
  DctResult,
  DctRole,
  DctSummary,
  DctTarget,
  DctVerified,
} from './model.js';
export { notaryCanonicalJson } from './notary-canonical-json.js';
export { type DctPin, type DctPinStore, FileDctPinStore } from './pin-store.js';
export {
  DOCKER_HUB_NOTARY_SHUTDOWN,
  DOCKER_HUB_NOTARY_URL,
  type NotaryServer,
  type NotaryServerSetting,
  type NotaryServerSource,
  notaryOrigin,
  resolveNotaryServer,
} from './server.js';
export { DEFAULT_LIMITS, type MetadataLimits, type MetadataSource } from './source.js';
export { naturalCompare } from './summary.js';
export { type VerifyDctOptions, verifyDct } from './verify.js';
