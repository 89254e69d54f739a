export { AppAccountStore, type AppAccountStoreOptions, accountsFile } from './app-account-store.js';
export { CredentialHelper, DEFAULT_HELPER_TIMEOUT_MS, HELPER_PREFIX } from './credential-helper.js';
export { DockerConfigStore, type DockerConfigStoreOptions } from './docker-config-store.js';
export { CredentialError, type CredentialErrorCode } from './errors.js';
export { DOCKER_HUB_CONFIG_KEY, registryHostKey } from './host.js';
export { accountFor, credentialLookup } from './lookup.js';
export { type CredentialStores, credentialStores } from './stores.js';
export type {
  Account,
  AccountEntry,
  Credential,
  CredentialLookup,
  CredentialSource,
  CredentialStore,
  SecretCipher,
} from './types.js';
