import { appConfigDir } from '../settings/config-dir.js';
import { AppAccountStore } from './app-account-store.js';
import { DockerConfigStore } from './docker-config-store.js';
import type { SecretCipher } from './types.js';

export interface CredentialStores {
  app: AppAccountStore;
  dockerConfig: DockerConfigStore;
  /** In lookup order: accounts added in the app, then the docker CLI's logins. */
  ordered: [AppAccountStore, DockerConfigStore];
}

/** The stores the app and the CLI use, for one environment; `cipher` only in the Electron shell. */
export function credentialStores(opts: {
  env: NodeJS.ProcessEnv;
  cipher?: SecretCipher;
  configDir?: string;
}): CredentialStores {
  const configDir = opts.configDir ?? appConfigDir(opts.env);
  const app = new AppAccountStore({ configDir, cipher: opts.cipher });
  const dockerConfig = new DockerConfigStore({ env: opts.env });
  return { app, dockerConfig, ordered: [app, dockerConfig] };
}
